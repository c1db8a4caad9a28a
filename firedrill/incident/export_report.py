"""The after-action record of one incident as content, before it is Markdown or HTML.

Titled by the place and the final level; the header names both levels apart — 事故等级 (clause
1.4, reported and investigated) and 火警等级 (the response level after 4.3) — and the playbook as
chosen (the ``scenario`` fact the console records, else the one the incident was opened with).
Every time is a clock time with the time since the report, the one origin of the record.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from firedrill.errors import InputError
from firedrill.i18n import label
from firedrill.incident.export_events import Describer, level_text, trigger_text
from firedrill.incident.export_values import fact_label, fact_value, moment, playbook_name
from firedrill.incident.fold import fold
from firedrill.incident.procedure_export import Checklist, checklist
from firedrill.journal import EventKind
from firedrill.journal.labels import labels, render
from firedrill.journal.store import Journal
from firedrill.models import Level
from firedrill.playbook.loader import Library, load_library
from firedrill.procedure import load_catalogue

LANGS = ("zh", "en")
# The console titles an incident by its opening minute until someone names it.
DEFAULT_TITLE = "%Y-%m-%d %H:%M"


@dataclass(frozen=True)
class LevelPoint:
    """A recorded level: the response level (火警等级), the accident grade (事故等级) and why."""

    at: datetime
    level: Level
    base_level: Level
    triggers: tuple[str, ...]


@dataclass(frozen=True)
class EventLine:
    seq: int
    when: str
    kind: str
    detail: str
    actor: str | None


@dataclass(frozen=True)
class Report:
    lang: str
    title: str
    header: tuple[tuple[str, str], ...]
    origin: datetime
    end: datetime
    levels: tuple[LevelPoint, ...]
    events: tuple[EventLine, ...]
    facts: tuple[tuple[str, str], ...]
    calls: tuple[str, ...]
    checklist: Checklist | None
    maps: tuple[tuple[str, str], ...] = ()  # (the order's time, its map as SVG) for each order with a map


def _place(facts: dict[str, object], title: str, opened_at: datetime, lang: str) -> str:
    location = facts.get("location")
    if isinstance(location, str) and location.strip():
        return location.strip()
    if title != opened_at.strftime(DEFAULT_TITLE):
        return title
    return labels().heading("place_unknown", lang)


def build_report(journal: Journal, incident_id: str, lang: str = "zh", library: Library | None = None) -> Report:
    """Everything the record says about ``incident_id``, in ``lang`` (``zh``: Chinese, English beside)."""
    if lang not in LANGS:
        raise InputError(f"unknown language {lang!r}; use one of {', '.join(LANGS)}", field="lang")
    names = labels()
    library = library if library is not None else load_library()

    def h(key: str) -> str:
        return names.heading(key, lang)

    incident = journal.incident(incident_id)
    events = journal.events(incident_id)
    state = fold(incident, events)
    origin = state.reported_at
    facts = dict(state.facts)
    final = state.recorded
    scenario = facts.get("scenario") or incident.scenario
    place = _place(facts, incident.title, incident.opened_at, lang)
    final_level = level_text(names, final.level, lang) if final else h("none")
    response = final_level
    if final is not None and final.triggers:
        response += " — " + ", ".join(trigger_text(names, t, lang) for t in final.triggers)
    named = incident.title != incident.opened_at.strftime(DEFAULT_TITLE)  # a title someone gave, not the minute
    header = (
        (h("incident"), incident.id),
        *(((h("name"), incident.title),) if named else ()),
        (fact_label("location", lang, names), place),
        (h("scenario"), playbook_name(str(scenario), library, lang) if scenario else h("not_set")),
        (render(label("report", "accident_grade"), lang), level_text(names, final.base_level, lang) if final
         else h("none")),
        (render(label("report", "response_level"), lang), response),
        (h("time_origin"), names.word("time_origin_text", lang).replace("{at}", f"{origin:%Y-%m-%d %H:%M:%S}")),
        (h("opened_at"), moment(incident.opened_at, origin)),
        (h("closed_at"), moment(incident.closed_at, origin) if incident.closed_at else h("none")),
        (h("status"), render(names.incident_status[incident.status], lang)),
        (h("event_count"), str(len(events))),
    )  # fmt: skip
    say = Describer(origin, lang, library, load_catalogue())
    lines = tuple(EventLine(e.seq, moment(e.at, origin), say.kind(e), say.detail(e), e.actor) for e in events)
    end = incident.closed_at or (events[-1].at if events else incident.opened_at)
    return Report(
        lang=lang,
        title=f"{place} · {final_level} — {h('record_of')}" if final else f"{place} — {h('record_of')}",
        header=header,
        origin=origin,
        end=max(end, origin),
        levels=tuple(LevelPoint(r.at, r.level, r.base_level, r.triggers) for r in state.levels),
        events=lines,
        facts=tuple((fact_label(k, lang, names), fact_value(k, v, lang, origin, library)) for k, v in facts.items()),
        calls=tuple(moment(c, origin) for c in state.calls),
        checklist=checklist(journal, incident_id, lang),
        maps=tuple((f"#{e.seq} {moment(e.at, origin)}", str(e.payload["map_svg"])) for e in events
                   if e.kind is EventKind.ORDER and _is_map(e.payload.get("map_svg"))),
    )


def _is_map(value: object) -> bool:
    """An order's map as the stations renderer draws it: an SVG document, nothing active in it."""
    return isinstance(value, str) and value.lstrip().startswith("<svg") and "<script" not in value.lower() \
        and "<foreignobject" not in value.lower()
