"""The level banner: the response level in large type and its colour, the accident grade (1.4) and the
response level (4.3) named apart, triggers, a documented reading when one decided the grade, elapsed time,
a stale marker while some field is wrong (the level shown is then the last valid one), a note when
the 4.3(1) holiday check used an estimated calendar (the assessment's ``holiday_calendar_provisional``
warning), and a note such as "emergency declared over"."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from textual.content import Content

from firedrill.tui.clock import elapsed
from firedrill.tui.settings import BANNER_BASIS_SHOWN
from firedrill.tui.widgets.panel import WrapStatic
from firedrill.tui.words import colon, keys, list_sep, w, word

if TYPE_CHECKING:
    from firedrill.models import Assessment

PROVISIONAL_CALENDAR = "holiday_calendar_provisional"  # an Assessment warning code (firedrill.rules.escalation)


class LevelBanner(WrapStatic):
    """Shows one incident's level; the screen calls ``show`` whenever anything changes."""

    level: str | None = None  # the level shown (a Level value), None while there is none

    def show(
        self,
        assessment: Assessment | None,
        lang: str,
        *,
        stale_fields: list[str],
        reported_at: datetime | None,
        now: datetime,
        loading: bool = False,
        note: str | None = None,
        calls: str | None = None,
    ) -> None:
        self.level = assessment.level.value if assessment else None
        level = self.level or "none"
        # The banner's classes are its level and staleness alone, set in one go: each change of them
        # restyles the whole banner, and an unchanged set costs nothing.
        classes = {f"-{level}", *(["-stale"] if stale_fields else [])}
        if set(self.classes) != classes:
            self.set_classes(" ".join(sorted(classes)))
        if assessment is None:
            self.set_content(Content(w("loading" if loading else "no_assessment", lang)))
            return
        big = word("level", level, lang)
        spaced = " ".join(big) if lang == "zh" else big.upper()
        escalated = word("report", "escalated" if assessment.escalated else "not_escalated", lang)
        triggers = list_sep(lang).join(word("trigger", t.value, lang) for t in assessment.triggers)
        c = colon(lang)
        # Two levels, named apart: the 1.4 accident grade (reported, investigated) and the response
        # level after 4.3 (activation, dispatch), which is the one in large type above.
        grade = word("level", assessment.accident_grade.value, lang)
        response = word("level", assessment.response_level.value, lang)
        second = (f"{w('banner_accident_grade', lang)}{c}{grade} · "
                  f"{w('banner_response_level', lang)}{c}{response} · {escalated}")  # fmt: skip
        if triggers:
            second += f" · {word('report', 'triggers', lang)}{c}{triggers}"
        parts = [Content.styled(f" {spaced} ", "bold"), Content("\n"), Content(second)]
        # Why it has its grade, at a glance: the grading criteria that hold at the grade (the 评估 panel has all).
        basis = [r for r in assessment.reasons if r.kind != "escalation" and r.level == assessment.accident_grade]
        if basis:
            said = list_sep(lang).join(f"{r.value_text.in_lang(lang)} [{r.clause}]" for r in basis[:BANNER_BASIS_SHOWN])
            parts += [Content("\n"), Content(f"{w('banner_basis', lang)}{c}{said}")]
        if reported_at is not None:
            parts += [Content("\n"), Content(f"{w('reported', lang)} {reported_at.strftime('%H:%M')} · "
                                             f"{w('elapsed', lang)} {elapsed(reported_at, now)}")]  # fmt: skip
        if calls:
            parts += [Content("\n"), Content(f"{w('field_calls', lang)}{c}{calls}")]
        for reading in assessment.readings:  # a documented reading decided the grade: say which, and where
            short = f"banner_reading_{reading.code}"
            said = w(short, lang) if short in keys() else reading.text.in_lang(lang)
            parts += [Content("\n"), Content.styled(f"{w('banner_reading', lang)}{c}[{reading.clause}] {said} "
                                                     f"({reading.doc})", "italic")]  # fmt: skip
        if stale_fields:
            names = list_sep(lang).join(stale_fields)
            parts += [Content("\n"), Content.styled(f"⚠ {w('stale', lang)}{c}{names}", "bold")]
        years = [str(x.year) for x in assessment.warnings if x.code == PROVISIONAL_CALENDAR and x.year is not None]
        if years:
            estimated = w("banner_holiday_provisional", lang).format(years=list_sep(lang).join(years))
            parts += [Content("\n"), Content.styled(f"⚠ {estimated}", "bold")]
        if note:
            parts += [Content("\n"), Content.styled(note, "bold")]
        self.set_content(Content("").join(parts))
