"""``firedrill quiz``: practise, sit an exam or review mistakes in the terminal; export the bank; statistics.

    firedrill quiz --trainee NAME [--mode practice|exam|review] [--n 20] [--seed 7] [--time-limit 15m]
                   [--pass-mark 80] [--topic T ...] [--data-dir DIR] [--lang zh|en] [--answers FILE|-]
                   [--blueprint FILE]
    firedrill quiz export [--seed 1] [--n 200] (--json | --markdown) [--out FILE] [--topic T ...] [--blueprint FILE]
    firedrill quiz stats [--trainee NAME] [--csv FILE|-] [--data-dir DIR] [--lang zh|en]
    firedrill quiz items [--csv FILE|- | --json] [--data-dir DIR] [--lang zh|en]

Without ``--answers`` the questions are asked with ``input()``; with it, answers are read one per
line from the file (``-``: standard input). Every answer is recorded in the journal's database;
Ctrl-C pauses (exit 130) and an exam resumes when the trainee starts one again.
"""

from __future__ import annotations

import argparse
import sys
import unicodedata
from pathlib import Path

from firedrill.errors import InputError
from firedrill.quiz import answer_lines, inputs
from firedrill.quiz.bank import check_topics, exam_paper, new_seed
from firedrill.quiz.blueprint import Blueprint, load_blueprint
from firedrill.quiz.export import bank_json, bank_markdown, items_csv, items_json, stats_csv
from firedrill.quiz.items import item_analysis
from firedrill.quiz.session import Mode, Options, Session
from firedrill.quiz.settings import load_settings
from firedrill.quiz.stats import class_stats, exams, trainee_stats
from firedrill.quiz.store import QuizStore
from firedrill.quiz.terminal import AnswerFile
from firedrill.quiz.terminal import run as run_terminal
from firedrill.quiz.texts import keys, tx

HELP = "training quizzes generated from the plan: practice (FSRS), exams, review; export; statistics; item analysis"
LANGS = ("zh", "en")
EXPORT_SEED = 1
STATS_COLUMNS = ("scope", "trainee", "topic", "answered", "right", "percent", "box")
EXIT_PAUSED = 130  # stopped by the trainee (Ctrl-C) without handing in, as shells report an interrupt


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--trainee", metavar="NAME", help="who is answering (1–64 characters, no / or control chars)")
    parser.add_argument("--mode", choices=[m.value for m in Mode], default=Mode.PRACTICE.value)
    parser.add_argument("--n", metavar="N", help="number of questions (practice 10, exam 20 by default)")
    parser.add_argument("--seed", metavar="S", help="draws the same questions again (default: a new seed, printed)")
    parser.add_argument("--time-limit", metavar="T", help="exam time limit, e.g. 15m, 90s, 1h30m")
    parser.add_argument("--pass-mark", metavar="P", help="exam pass mark in percent (default 80)")
    parser.add_argument("--topic", action="append", default=[], help="only this topic (repeat)")
    parser.add_argument("--data-dir", metavar="DIR", help="data directory (default: $FIREDRILL_DATA_DIR or user dir)")
    parser.add_argument("--lang", choices=LANGS, default="zh")
    parser.add_argument("--answers", metavar="FILE", help="read answers one per line from FILE (- for stdin)")
    parser.add_argument("--blueprint", metavar="FILE", help="exam paper by this blueprint (YAML; default: shipped)")
    sub = parser.add_subparsers(dest="quiz_command", metavar="{export,stats,items}")
    export = sub.add_parser("export", help="write a paper of questions as JSON or Markdown")
    export.add_argument("--seed", metavar="S", default=str(EXPORT_SEED))
    export.add_argument("--n", metavar="N")
    export.add_argument("--topic", action="append", default=[])
    export.add_argument("--blueprint", metavar="FILE", help="paper by this blueprint (YAML; default: shipped)")
    form = export.add_mutually_exclusive_group(required=True)
    form.add_argument("--json", action="store_true", help="the questions with keys, facts and sources as JSON")
    form.add_argument("--markdown", action="store_true", help="a bilingual paper for printing, answer key last")
    export.add_argument("--out", metavar="FILE", help="write here instead of standard output")
    stats = sub.add_parser("stats", help="results by topic, per trainee and for the class")
    stats.add_argument("--trainee", metavar="NAME")
    stats.add_argument("--csv", metavar="FILE", help="also write the table as CSV (- for standard output)")
    stats.add_argument("--data-dir", metavar="DIR")
    stats.add_argument("--lang", choices=LANGS, default="zh")
    items = sub.add_parser("items", help="item analysis: difficulty, discrimination and option counts per question")
    items.add_argument("--csv", metavar="FILE", help="write the analysis as CSV (- for standard output, CSV only)")
    items.add_argument("--json", action="store_true", help="print the analysis as JSON")
    items.add_argument("--data-dir", metavar="DIR")
    items.add_argument("--lang", choices=LANGS, default="zh")


def _int(raw: str | None, field: str, low: int, high: int, default: int) -> int:
    if raw is None:
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        raise InputError(f"expected a whole number, got {raw!r}", field=field) from None
    if not low <= value <= high:
        raise InputError(f"must be from {low} to {high} (got {value})", field=field)
    return value


def _pass_mark(raw: str | None) -> float | None:
    if raw is None:
        return None
    try:
        value = float(raw.strip().rstrip("%"))
    except ValueError:
        raise InputError(f"expected a percentage, got {raw!r}", field="--pass-mark") from None
    if not 0 <= value <= 100:
        raise InputError(f"must be from 0 to 100 (got {raw})", field="--pass-mark")
    return value


def _write(text: str, out: str | None) -> None:
    if out is None or out == "-":
        sys.stdout.write(text)
        return
    try:
        Path(out).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot write: {exc.strerror}", file=out) from None


def options_from(args: argparse.Namespace) -> Options:
    """The session options the flags ask for, each checked (InputError names the flag)."""
    settings = load_settings()
    if args.trainee is None:
        raise InputError("a trainee name is needed", field="--trainee")
    mode = Mode(args.mode)
    if mode is not Mode.EXAM and (args.time_limit is not None or args.pass_mark is not None):
        raise InputError("--time-limit and --pass-mark apply to exams only (--mode exam)", field="--mode")
    default_n = {Mode.EXAM: settings.exam.default_n, Mode.PRACTICE: settings.practice.default_n}
    return Options(
        trainee=inputs.trainee_name(args.trainee),
        mode=mode,
        n=_int(args.n, "--n", 1, settings.exam.max_n, default_n.get(mode, settings.exam.max_n)),
        seed=_int(args.seed, "--seed", 0, 2**63 - 1, new_seed()),
        lang=args.lang,
        time_limit=inputs.time_limit(args.time_limit) if args.time_limit is not None else None,
        pass_mark=_pass_mark(args.pass_mark),
        topics=check_topics(args.topic),
        blueprint=_blueprint(args.blueprint, mode),
    )


def _blueprint(path: str | None, mode: Mode | None = None) -> Blueprint | None:
    if path is None:
        return None
    if mode is not None and mode is not Mode.EXAM:
        raise InputError("--blueprint applies to exams and exports only (--mode exam)", field="--blueprint")
    return load_blueprint(path)


def _answers(path: str | None) -> AnswerFile | None:
    if path is None:
        return None
    if path == "-":
        return AnswerFile(answer_lines.stream(sys.stdin, "<stdin>"), "<stdin>")
    return AnswerFile(iter(answer_lines.read_file(path, load_settings().answers.max_bytes)), path)


def _run_session(args: argparse.Namespace) -> int:
    options = options_from(args)
    answers = _answers(args.answers)
    try:
        with QuizStore.open(args.data_dir) as store:
            session = Session.start(options, store)
            if answers is not None and args.answers != "-":
                answer_lines.check_against(session, answers)
            mode = tx(f"mode.{session.options.mode.value}")
            print(tx("ui.session_line", mode=mode, seed=str(session.options.seed)).in_lang(options.lang), flush=True)
            result = run_terminal(session, options.lang, sys.stdout, answers)
    except KeyboardInterrupt:  # before the first question or after the last: nothing half-written
        print(file=sys.stdout)
        return EXIT_PAUSED
    return 0 if result is not None else EXIT_PAUSED


def _export(args: argparse.Namespace) -> int:
    settings = load_settings()
    seed = _int(args.seed, "--seed", 0, 2**63 - 1, EXPORT_SEED)
    n = _int(args.n, "--n", 1, settings.exam.max_n, settings.exam.default_n)
    questions = exam_paper(seed, n, check_topics(args.topic), blueprint=_blueprint(args.blueprint))
    _write(bank_json(questions, seed) if args.json else bank_markdown(questions, seed), args.out)
    return 0


def _width(text: str) -> int:
    """Columns a string takes in a terminal: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _table(rows: list[list[str]]) -> str:
    widths = [max(_width(r[c]) for r in rows) for c in range(len(rows[0]))]
    lines = ("  ".join(v + " " * (w - _width(v)) for v, w in zip(r, widths, strict=True)).rstrip() for r in rows)
    return "\n".join(lines)


def _stats(args: argparse.Namespace) -> int:
    name = inputs.trainee_name(args.trainee) if args.trainee is not None else None
    topics = load_settings().topics
    with QuizStore.open(args.data_dir) as store:
        rows = trainee_stats(store, topics, name) + ([] if name else class_stats(store, topics))
        history = exams(store, name)
    if args.csv == "-":  # standard output is the CSV alone, so it can be piped into a file or a spreadsheet
        _write(stats_csv(rows), "-")
        return 0
    lang = args.lang
    header = [tx(f"stats.{column}").in_lang(lang) for column in STATS_COLUMNS]
    body = [
        [
            tx(f"stats.scope_{s.scope}").in_lang(lang),
            s.trainee or "-",
            tx(f"topic.{s.topic}").in_lang(lang),
            str(s.answered),
            str(s.correct),
            f"{s.percent:.0f}",
            "-" if s.box is None else str(s.box),
        ]
        for s in rows
    ]
    print(_table([header, *body]) if body else tx("stats.nothing").in_lang(lang))
    exam_word = tx("mode.exam").in_lang(lang)
    for exam in history:
        score = "-" if exam.score is None else f"{exam.score:.0f}%"
        verdict = "-" if exam.passed is None else tx("ui.passed" if exam.passed else "ui.failed").in_lang(lang)
        if not exam.finished:
            verdict = tx("stats.not_handed_in").in_lang(lang)
        print(f"{exam_word}  {exam.trainee}  {exam.started_at[:16]}  n={exam.planned}  {score}  {verdict}")
    if args.csv is not None:
        _write(stats_csv(rows), args.csv)
    return 0


def _items(args: argparse.Namespace) -> int:
    with QuizStore.open(args.data_dir) as store:
        found = item_analysis(store)
    if args.json:
        _write(items_json(found), "-")
        return 0
    if args.csv == "-":
        _write(items_csv(found), "-")
        return 0
    lang = args.lang
    header = [tx(f"stats.{c}").in_lang(lang) for c in ("question", "topic", "answered", "p", "d")]
    body = [
        [
            i.prompt[:30],
            tx(f"topic.{i.topic}").in_lang(lang) if f"topic.{i.topic}" in keys() else i.topic,
            str(i.answered),
            f"{i.difficulty_index:.2f}",
            "-" if i.discrimination is None else f"{i.discrimination:.2f}",
        ]
        for i in found
    ]
    print(_table([header, *body]) if body else tx("stats.nothing").in_lang(lang))
    if args.csv is not None:
        _write(items_csv(found), args.csv)
    return 0


def run(args: argparse.Namespace) -> int:
    if args.quiz_command == "items":
        return _items(args)
    if args.quiz_command == "export":
        return _export(args)
    if args.quiz_command == "stats":
        return _stats(args)
    return _run_session(args)
