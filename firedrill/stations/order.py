"""The dispatch plan as an order: radio text (Chinese by default, English on request) and CAD JSON.

The order carries the units, the special units, the leaders who respond and the notifications
(from the Assessment's ``dispatch`` and ``activation``), and, for sample data, the sample label
on its first line.
"""

from __future__ import annotations

from typing import Any

from firedrill.adapters import to_jsonable
from firedrill.models import Activation, Range, Text
from firedrill.stations.result import DispatchPlan, Held, Unit
from firedrill.stations.settings import Settings, load_settings
from firedrill.stations.text import drive_values, km

SCHEMA = "firedrill.dispatch/1"


def order_json(plan: DispatchPlan, activation: Activation | None = None) -> dict[str, Any]:
    """Everything a CAD system needs, with the sample label at the top when the data is a sample.

    ``issued_at`` is the moment of dispatch; ``etas`` gives each unit's arrival counted from the moment
    it was sent (an escalation's earlier units from their own order)."""
    label = plan.sample_label
    units = sorted((*plan.previously_sent, *plan.sent), key=lambda u: (u.eta, u.distance_m, u.id))
    return {
        "schema": SCHEMA,
        "sample": label is not None,
        "sample_label": None if label is None else f"{label.en} / {label.zh}",
        "issued_at": plan.reported_at.isoformat(),
        "address": plan.location.address,
        "etas": [{"unit": u.id, "name": u.name, "sent_at": (u.sent_at or plan.reported_at).isoformat(),
                  "travel_time_s": u.travel_time_s, "eta": u.eta.isoformat()} for u in units],
        "linked_units": [{"id": u.id, "name": u.name.as_dict(), "clause": u.clause} for u in plan.linked_units],
        "plan": plan.model_dump(mode="json"),
        "leaders_respond": [t.as_dict() for t in plan.scale.leaders_respond],
        "other_actions": [t.as_dict() for t in plan.scale.other_actions],
        "activation": None if activation is None else to_jsonable(activation),
    }


class _Text:
    def __init__(self, plan: DispatchPlan, lang: str, settings: Settings) -> None:
        self.plan, self.lang, self.s = plan, lang, settings
        self.lines: list[str] = []

    def t(self, key: str) -> str:
        return self.s.label(key, self.lang)

    def tx(self, text: Text) -> str:
        return text.in_lang(self.lang)

    def add(self, line: str = "") -> None:
        self.lines.append(line)

    def range(self, key: str, value: Range | None) -> str:
        if value is None:
            return ""
        top = "+" if value.maximum is None else f"–{value.maximum}"
        return f"{self.t(key)} {value.minimum}{top}"

    def unit(self, n: int, u: Unit) -> None:
        drive = drive_values(u.travel_time_s)["drive_en" if self.lang == "en" else "drive_zh"]
        via = f"  {self.t('via')} {'、'.join(u.via)}" if u.via else ""
        sent = f"  {self.t('sent_at')} {u.sent_at:%H:%M:%S}" if u.sent_at and u.sent_at != self.plan.reported_at \
            else ""
        self.add(f" {n:>2}. {u.name} [{self.tx(u.kind_label)}]  {self.t('drive')} {drive}  {km(u.distance_m)} km  "
                 f"{self.t('eta')} {u.eta:%H:%M:%S}{sent}  {self.t('engines')} {u.engines} / "
                 f"{self.t('formations')} {u.formations}{via}")
        snap = f"  {self.t('station_snap')} {u.snap_m:.0f} m" if u.snap_m >= 1 else ""
        self.add(f"     {u.name} {self.t('reason')}: {self.tx(u.reason)} ({u.clause}){snap}")
        if u.note is not None:
            self.add(f"     ! {u.name}: {self.tx(u.note)} ({self.s.reason(u.code).clause}, 4.4.1(5))")

    def held(self, h: Held) -> None:
        self.add(f"  - {h.name}: {self.tx(h.reason)} ({h.clause})")

    def what(self, what: str, label: Text | None) -> str:
        return self.tx(label) if label is not None else what

    def header(self) -> None:
        p = self.plan
        if p.sample_label is not None:
            self.add(f"【{p.sample_label.zh}】 {p.sample_label.en}")
        self.add(f"{self.t('title')} — {self.tx(self.s.level_names[p.level])} ({p.scale.clause})  [{p.incident_id}]")
        loc = p.location
        self.add(f"{self.t('reported')}: {p.reported_at:%Y-%m-%d %H:%M:%S %Z}")
        if loc.address:
            self.add(f"{self.t('address')}: {loc.address}")
        self.add(f"{self.t('scene')}: {loc.lon:.5f}, {loc.lat:.5f}  "
                 f"({self.t('snapped')} {loc.node}, {loc.snap_m:.0f} m)")
        if p.set_by_plan:
            scale = ", ".join(x for x in (self.range(k, getattr(p.scale, k)) for k in ("stations", "formations",
                                                                                     "engines")) if x)
            got = p.totals
            self.add(f"{self.t('scale')}: {scale}; {self.t('reached')}: {self.t('stations')} {got.stations}, "
                     f"{self.t('formations')} {got.formations}, {self.t('engines')} {got.engines}")
        else:
            notes = [*p.notes, *([p.scale.note] if p.scale.note else [])]
            self.add(f"{self.t('scale')}: " + " ".join(self.tx(n) for n in notes))
        if p.standby is not None:
            state = "standby_lifted" if p.standby.lifted else "standby_applied" if p.standby.applied \
                else "standby_not_applied"
            self.add(f"{self.t('standby')} ({p.standby.clause}): {self.t(state)} — {p.standby.quote}")

    def body(self, activation: Activation | None) -> None:
        p = self.plan
        sections: list[tuple[str, list[Unit]]] = [("previously", list(p.previously_sent)), ("units", list(p.sent)),
                                                  ("offered", list(p.offered))]
        for key, units in sections:
            if units:
                self.add()
                self.add(f"{self.t(key)}:")
                for n, u in enumerate(units, start=1):
                    self.unit(n, u)
        self.listing("leaders", [self.tx(t) for t in p.scale.leaders_respond])
        self.listing("linked", [f"{self.tx(u.name)} ({u.clause})" for u in p.linked_units])
        actions = [self.tx(t) for t in p.scale.other_actions]
        if activation is not None and activation.goes_to_scene is not None:
            actions.insert(0, f"{self.t('goes_to_scene')}: {self.tx(activation.goes_to_scene)} ({activation.clause})")
        if activation is not None:
            actions += [self.tx(t) for t in (*activation.reports, *activation.notifications)]
        self.listing("actions", actions)
        if p.held:
            self.add()
            self.add(f"{self.t('held')}:")
            shown = p.held[: self.s.held_listed_in_text]
            for h in shown:
                self.held(h)
            if len(p.held) > len(shown):
                self.add(f"  … {self.t('more')} {len(p.held) - len(shown)} {self.t('more_tail')}")
        self.listing("shortfalls", [f"{self.what(s.what, s.label)} ({s.got}/{s.needed}): "
                                    + "; ".join(self.tx(r) for r in s.reasons) for s in p.shortfalls])
        if p.set_by_plan:
            self.listing("notes", [self.tx(n) for n in p.notes])

    def listing(self, key: str, items: list[str]) -> None:
        if items:
            self.add()
            self.add(f"{self.t(key)}:")
            self.lines.extend(f"  - {item}" for item in items)


def order_text(plan: DispatchPlan, activation: Activation | None = None, lang: str = "zh",
               settings: Settings | None = None) -> str:
    """The order as plain text for the radio."""
    writer = _Text(plan, lang, settings or load_settings())
    writer.header()
    writer.body(activation)
    if plan.sample_label is not None:
        writer.add()
        writer.add(f"【{plan.sample_label.zh}】 {plan.sample_label.en}")
    return "\n".join(writer.lines) + "\n"
