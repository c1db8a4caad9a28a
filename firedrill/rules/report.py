"""The Assessment as a readable report, Chinese by default, English on request."""

from __future__ import annotations

from firedrill.i18n import t
from firedrill.models import Assessment, DispatchScale, Range, Reason, Text


def _range(r: Range | None, lang: str) -> str:
    if r is None:
        return t("report", "not_set", lang)
    if r.maximum is None:
        return f"{r.minimum} {t('report', 'or_more', lang)}"
    return f"{r.minimum}—{r.maximum}"


def _texts(items: tuple[Text, ...], lang: str) -> str:
    sep = "、" if lang == "zh" else "; "
    return sep.join(i.in_lang(lang) for i in items) or t("report", "none", lang)


def _applied(reason: Reason, a: Assessment, lang: str) -> str:
    """Whether the reason set the level it names, and if not, why not."""
    if reason.applied:
        return t("report", "applied", lang)
    why = "below_grade" if reason.kind == "grading" else "escalation_not_applied"
    return f"{t('report', 'not_applied', lang)}: {t('report', why, lang)}"


def _dispatch_lines(d: DispatchScale, lang: str) -> list[str]:
    def L(key: str) -> str:
        return t("report", key, lang)

    lines: list[str] = []
    if d.set_by_plan:
        include = f" ({d.stations_include.in_lang(lang)})" if d.stations_include is not None else ""
        lines.append(f"  {L('stations')}: {_range(d.stations, lang)}{include}")
        lines.append(f"  {L('formations')}: {_range(d.formations, lang)}")
        lines.append(f"  {L('engines')}: {_range(d.engines, lang)}")
        lines.append(f"  {L('special_units')}: {_texts(d.special_units, lang)}")
        lines.append(f"  {L('leaders')}: {_texts(d.leaders_respond, lang)}")
        lines.append(f"  {L('actions')}: {_texts(d.other_actions, lang)}")
    if d.note is not None:
        lines.append(f"  {d.note.in_lang(lang)}")
    lines += [f"  {L('note')}: {w.in_lang(lang)}" for w in d.as_written]
    if d.principles:
        lines += ["", f"{L('principles')}:"]
        # The plan's words are Chinese; the English report names each principle and leaves the
        # quotes to the Chinese report, which it points to.
        lines += [
            f"  - [{p.clause}] {p.title.in_lang(lang)}" + (f": {p.quote}" if lang == "zh" else "")
            for p in d.principles
        ]
    if d.clause_text:
        lines += ["", f"{L('clause_text')}:"]
        if lang == "zh":
            lines += [f"  {paragraph}" for paragraph in d.clause_text]
        else:
            lines.append(f"  {L('quoted_in_chinese')}")
    return lines


def render_assessment(a: Assessment, lang: str = "zh") -> str:
    """A plain-text report of every part of the assessment with its clause."""

    def L(key: str) -> str:
        return t("report", key, lang)

    lines = [
        f"{L('title')} — {a.plan}",
        f"{L('assessed_at')}: {a.assessed_at.isoformat()}",
        # Two levels, named apart: 4.3 raises the response level, never the accident grade.
        f"{L('accident_grade')}: {t('level', a.accident_grade.value, lang)} — {L('accident_grade_use')}",
        f"{L('response_level')}: {t('level', a.response_level.value, lang)} — {L('response_level_use')}"
        f" ({L('escalated') if a.escalated else L('not_escalated')})",
        f"{L('triggers')}: " + (", ".join(t("trigger", tr.value, lang) for tr in a.triggers) or L("none")),
    ]
    for reading in a.readings:
        lines.append(f"{L('readings')}: [{reading.clause}] {reading.text.in_lang(lang)} ({reading.doc})")
    if a.warnings:
        lines.append(f"{L('warnings')}:")
        lines += [f"  ⚠ {w.text.in_lang(lang)}" for w in a.warnings]
    lines += ["", f"{L('reasons')}:"]
    for r in a.reasons:
        limit = "" if r.threshold_text == r.description else f"; {L('threshold')} {r.threshold_text.in_lang(lang)}"
        lines.append(
            f"  - [{r.clause}] {r.description.in_lang(lang)}: {L('value')} {r.value_text.in_lang(lang)}{limit}"
            f" ({t('source', r.source.value, lang)}) — {_applied(r, a, lang)}"
        )
    if not a.reasons:
        lines.append(f"  - {L('none')}")
    if a.level_note is not None:
        lines += ["", f"{L('note')}: {a.level_note.in_lang(lang)}"]

    act = a.activation
    lines += ["", f"{L('activation')}:"]
    if act.set_by_plan and act.goes_to_scene is not None:
        lines.append(f"  {L('goes_to_scene')}: {act.goes_to_scene.in_lang(lang)}")
        lines.append(f"  {L('reports')}: {_texts(act.reports, lang)}")
        lines.append(f"  {L('notifications')}: {_texts(act.notifications, lang)}")
    elif act.note is not None:
        lines.append(f"  {act.note.in_lang(lang)}")

    lines += ["", f"{L('dispatch')}:", *_dispatch_lines(a.dispatch, lang)]

    if a.task_groups:
        lines += ["", f"{L('task_groups')}:"]
        for g in a.task_groups:
            units = _texts(tuple(m.unit for m in g.members), lang)
            lines.append(f"  - {g.name.in_lang(lang)}: {units}")
    if a.linked_units:
        lines += ["", f"{L('linked_units')}: {_texts(tuple(u.name for u in a.linked_units), lang)}"]
    return "\n".join(lines)
