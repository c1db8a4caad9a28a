"""Reading a script's YAML row by row, or from the parser's events, gives what composing the node tree,
walking it and PyYAML's constructor give: the same data, lines and flow mappings for every shipped file
and generated script, and the same refusal (key twice, alias, a YAML error) wherever either refuses; the
row reader gives what the event reader gives on every text it reads, the shipped files with their
rows mangled too."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from firedrill.errors import InputError
from firedrill.playbook.loader import load_library
from firedrill.replay import yamlblock, yamlfast, yamlload
from firedrill.replay.yamlload import load_yaml
from tests.replay.test_reference import ROOT, _bench

SHIPPED = sorted((ROOT / "scenarios").rglob("*.yaml"))


def _outcome(load: Any, text: str) -> tuple[str, Any, Any, Any]:
    try:
        data, lines = load(text, "f.yaml")
    except InputError as exc:
        return ("refused", str(exc), exc.line, exc.field)
    except Exception as exc:  # whatever the reference raises, the fast path must raise too
        return ("raised", type(exc).__name__, str(exc), None)
    return ("read", data, list(lines.items()), lines.flows)


def assert_same(text: str) -> None:
    assert _outcome(load_yaml, text) == _outcome(yamlload._composed, text)


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_shipped_files_read_as_the_reference(path: Path) -> None:
    assert_same(path.read_text(encoding="utf-8"))


def test_generated_scripts_read_as_the_reference() -> None:
    bench, rng, ids = _bench(), random.Random(7), list(load_library().ids())
    for index in range(200):
        assert_same(bench.generate(index, rng, ids, 10 if index % 2 else None))


@pytest.mark.parametrize("text", [
    "a: 1\nb: {c: 2, c: 3}\n",  # a key twice, in a flow mapping
    "a: &x {b: 1}\nc: *x\n",  # an alias of a mapping
    "a: &x 5\nb: *x\nc: [*x, *x]\n",  # aliases of a scalar are read
    "base: &b {x: 1}\nderived:\n  <<: *b\n  y: 2\n",  # a merge key
    "a: !!int 0x1F\nb: !!int 017\nc: 1_000\nd: -0\ne: +12\nf: 1:30\ng: 0o7\n",
    "a: 1.5\nb: .inf\nc: 2026-01-01T10:00:00\nd: 2026-01-01\ne: yes\nf: Off\ng: ~\nh: null\ni:\n",
    "? [a, b]\n: 1\n",  # a collection as a key
    "1: one\n2.5: two\n~: three\ntrue: four\n",
    "a: !custom 1\n",  # a tag PyYAML refuses
    "a: !!omap [{b: 1}]\n",
    "a: !!set {b, c}\nb: !!binary aGk=\n",
    "a: [1, 2\n",  # a YAML error
    "a: b: c\n",
    "- 1\n- [2, [3, {x: y}]]\n- {z: [a, a]}\n",
    "a:\n  b:\n    c: 1\n  b: 2\n",  # a key twice at depth
    "=: x\n",
    "a: " + "[" * 300 + "]" * 300 + "\n",  # nested deeper than a script goes
    "",  # an empty document
    "a: 1\n---\nb: 2\n",  # two documents
    "a: 'quoted 1'\nb: \"2\"\nc: |\n  block\nd: >\n  folded\n",
    "a: {b: [1, {c: d}], e: {}}\nf: []\n",
    "a: 1 # note\n  # indented note\nb: {c: \"x # y\", d: 'e, f'} # note\nc: a#b\n",
    "a:\n- 1\n- -5\n- {b: 2}\nc: [2026-11-24T23:40:00, x y]\n",  # items at the key's indent
    "a: one\n  two\n",  # a word continued on the next row
    "a:\n  - b: 1\n    c: 2\n  - d\n",
    "a: key:value\nb: -\nc: '-'\n",
    "a:\tb\n", "a: b\r\nc: d\r\n", "\ufeffa: b\n", "a: b\u2028c\n",
    "a:\n  - \n    b: 1\n", "a: [b, c,]\n", "a: {b: 1,}\n", "a: {b}\n", "a: {b:1}\n",
    "...: 1\n", "%YAML 1.1\n---\na: 1\n", "  a: 1\n  b: 2\n", "a: 1\n b: 2\n",
    "a: {b: 1 , c: 2}\n", "a: { b: 1}\n", "a: {b: 'x' , c: 2}\n", "a: {b: 1,, c: 2}\n", "a: {b: 1}{c: 2}\n",
    "a: {b: 1, c: 'd}\n", "a: {b: \"x\", c: y}\n", "a: {b: 1} # note\n", "a: {, b: 1}\n",
])  # fmt: skip
def test_unusual_documents_read_as_the_reference(text: str) -> None:
    assert_same(text)


PIECES = [":", ": ", " #", "#", " ", "  ", "-", "- ", '"', "'", "{", "}", "[", "]", ",", ", ", "\t", "&a", "*a", "!",
          "|", ">", "?", "? ", "\n", "\n  ", "1", "0", "yes", "null", "~", "1.5", "2026-01-01", "12:30", "-5", "\\",
          "%", "@", "`", "<<", "=", "：", "中", "\u2028", "\x85", "\r", "---", "...", "a: b", "{a: 1}", "[a, b]", "''"]


def _mangled(text: str, rng: random.Random) -> str:
    """``text`` with a few rows changed: a piece of YAML put in, a row dropped, doubled, cut or re-indented."""
    rows = text.split("\n")
    for _ in range(rng.randint(1, 4)):
        i, roll = rng.randrange(len(rows)), rng.random()
        row = rows[i]
        if roll < 0.5:
            at = rng.randint(0, len(row))
            rows[i] = row[:at] + rng.choice(PIECES) + row[at:]
        elif roll < 0.6:
            del rows[i]
        elif roll < 0.7:
            rows.insert(i, rows[rng.randrange(len(rows))])
        elif roll < 0.85:
            at = rng.randint(0, len(row))
            rows[i] = row[:at] + row[rng.randint(at, len(row)):]
        else:
            rows[i] = " " * rng.randint(0, 6) + row.lstrip(" ")
    return "\n".join(rows)


def _read(reader: Any, text: str) -> Any:
    try:
        return reader(text)
    except yamlfast.GiveUp:
        return None


def test_the_row_reader_reads_as_the_event_reader_or_leaves_the_text_to_it() -> None:
    texts = [path.read_text(encoding="utf-8") for path in SHIPPED]
    rng, read = random.Random(11), 0
    for _ in range(2000):
        text = _mangled(rng.choice(texts), rng)
        rows = _read(lambda t: yamlblock.read_block(t, yamlload.ScriptLoader(t)), text)
        if rows is not None:
            read += 1
            events = _read(lambda t: yamlfast.read_events(yamlload.ScriptLoader(t)), text)
            assert events is not None, text
            assert (rows[0], list(rows[1].items()), rows[2]) == (events[0], list(events[1].items()), events[2]), text
    assert read > 300  # the mangled rows leave many texts plain enough to read
