"""What the right-hand panels say: assessment (1.4, 4.3), dispatch (4.4.2, 4.2, 4.4.3) and task
groups (2.4), as Content in one language, every statement with its clause."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content

from firedrill.models import Assessment, Text
from firedrill.tui.order import joined, span
from firedrill.tui.stress import ordered_groups
from firedrill.tui.widgets.panel import cite, heading
from firedrill.tui.words import colon, w, word

if TYPE_CHECKING:
    from firedrill.playbook.schema import Playbook


def _r(key: str, lang: str) -> str:
    return word("report", key, lang)


def assessment_lines(a: Assessment, lang: str) -> list[Content]:
    c = colon(lang)
    # Two levels, named apart: the grade reported upward (1.4) and the level the response follows (4.3).
    lines = [heading(f"{_r('response_level', lang)}{c}{word('level', a.level.value, lang)}"),
             Content(f"{_r('accident_grade', lang)}{c}{word('level', a.base_level.value, lang)} · "
                     f"{_r('escalated' if a.escalated else 'not_escalated', lang)}"),
             Content(""), heading(f"{_r('triggers', lang)}")]  # fmt: skip
    for reason in (r for r in a.reasons if r.kind == "escalation"):
        value = reason.value_text.in_lang(lang)
        lines.append(Content.assemble(cite(reason.clause), f" {reason.description.in_lang(lang)}{c}{value}"))
    if not a.triggers:
        lines.append(Content(_r("none", lang)))
    lines += [Content(""), heading(_r("reasons", lang))]
    grading = [r for r in a.reasons if r.kind != "escalation"]
    for reason in grading:
        source = word("source", reason.source.value, lang)
        lines.append(Content.assemble(
            cite(reason.clause),
            f" {reason.description.in_lang(lang)}{c}{_r('value', lang)} {reason.value_text.in_lang(lang)}; "
            f"{_r('threshold', lang)} {reason.threshold_text.in_lang(lang)} ({source})",
        ))  # fmt: skip
        lines.append(Content.styled(f"  “{reason.quote}”", "italic $text-muted"))
    if not grading:
        lines.append(Content(w("no_grading_reason", lang)))
    if a.level_note is not None:
        lines += [Content(""), heading(_r("note", lang)), Content(a.level_note.in_lang(lang))]
    return lines


def _texts(label: str, items: tuple[Text, ...], lang: str) -> Content:
    return Content(f"  {label}{colon(lang)}{joined(items, lang)}")


def dispatch_lines(a: Assessment, playbook: Playbook | None, lang: str) -> list[Content]:
    c = colon(lang)
    d = a.dispatch
    lines = [heading(_r("dispatch", lang))]
    if d.set_by_plan:
        for key, r in (("stations", d.stations), ("formations", d.formations), ("engines", d.engines)):
            lines.append(Content(f"  {_r(key, lang)}{c}{span(r, lang)}"))
        lines.append(_texts(_r("special_units", lang), d.special_units, lang))
        lines.append(_texts(_r("leaders", lang), d.leaders_respond, lang))
        if d.other_actions:
            lines.append(_texts(_r("actions", lang), d.other_actions, lang))
    else:
        lines.append(Content.styled(f"  {_r('not_set', lang)}", "bold"))
    if d.note is not None:
        lines.append(Content(f"  {d.note.in_lang(lang)}"))
    act = a.activation
    lines += [Content(""), heading(_r("activation", lang))]
    if act.set_by_plan and act.goes_to_scene is not None:
        lines.append(Content(f"  {_r('goes_to_scene', lang)}{c}{act.goes_to_scene.in_lang(lang)}"))
        lines.append(_texts(_r("reports", lang), act.reports, lang))
        lines.append(_texts(_r("notifications", lang), act.notifications, lang))
    else:
        lines.append(Content.styled(f"  {_r('not_set', lang)}", "bold"))
    if act.note is not None:
        lines.append(Content(f"  {act.note.in_lang(lang)}"))
    lines += [Content(""), heading(_r("linked_units", lang))]
    if a.linked_units:
        lines.append(Content(f"  {joined(tuple(u.name for u in a.linked_units), lang)}"))
    else:
        lines.append(Content(f"  {w('linked_not_yet', lang)}"))
    if playbook is not None and playbook.linked_units:
        lines += [Content(""), heading(w("playbook_units", lang))]
        for pu in playbook.linked_units:
            lines.append(Content.assemble(f"  {pu.name.in_lang(lang)} — {pu.role.in_lang(lang)} ", cite(pu.cite)))
    return lines


def group_lines(a: Assessment, playbook: Playbook | None, lang: str, note: Text) -> list[Content]:
    if not a.task_groups:
        return [heading(_r("task_groups", lang)), Content(note.in_lang(lang))]
    lines = [heading(_r("task_groups", lang))]
    if playbook is not None:
        lines.append(Content.styled(w("stressed_by", lang).format(playbook=playbook.name.in_lang(lang)), "$text-muted"))
    for group, stressed in ordered_groups(a.task_groups, playbook):
        mark = f"★ {w('stressed', lang)} " if stressed else ""
        lines += [Content(""), Content.assemble(Content.styled(f"{mark}{group.name.in_lang(lang)} ", "bold"),
                                                cite(group.clause))]  # fmt: skip
        for member in group.members:
            lines.append(Content(f"  {member.unit.in_lang(lang)}{colon(lang)}{member.duty.in_lang(lang)}"))
    return lines
