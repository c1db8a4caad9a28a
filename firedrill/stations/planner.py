"""Turn a 4.4.2 dispatch scale into concrete units for one incident (clauses 4.4.1 and 4.4.2).

Order of choice, all by drive time: the nearest 主战站, the nearest 特勤站 and the nearest 多种形式
消防队伍 at once (4.4.1(2)); then neighbouring stations until the station count is met, each with its
所属小型站 (4.4.2); then further units until formations and engines are met; then the special units
4.4.2 names. Units beyond the 4.4.1(5) limit are held as standby unless a 4.4.2 requirement cannot
be met otherwise. Units in ``already_sent`` are counted and never sent twice.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from datetime import datetime

from firedrill.models import DispatchScale, LinkedUnit, Range, Text
from firedrill.stations import bounds
from firedrill.stations.entries import Entries
from firedrill.stations.kinds import StationKind, Status
from firedrill.stations.place import check_point, locate
from firedrill.stations.ranking import PreparedNetwork, Reach
from firedrill.stations.result import DispatchPlan, Held, Location, Shortfall, Standby, StandbyRule, Totals, Unit
from firedrill.stations.settings import Code, Settings, load_settings

__all__ = ["check_point", "locate", "plan"]

COUNTS = ("stations", "formations", "engines")


def as_standby(rule: StandbyRule) -> Standby:
    return Standby(clause=rule.clause, distance_m=rule.distance_m, travel_time_s=rule.travel_time_s,
                   applies_to=tuple(rule.applies_to), lifted_for=tuple(rule.lifted_for), quote=rule.quote)


# Why units were held back, named in a shortfall's reasons.
SHORTFALL_CAUSES = frozenset({Code.COMMITTED_ELSEWHERE, Code.RESERVED_FOR_LARGER, Code.ON_STANDBY_STATUS,
                              Code.OUT_OF_SERVICE, Code.UNREACHABLE, Code.BEYOND_STANDBY_LIMIT})


class _Planner:
    def __init__(self, prepared: PreparedNetwork, loc: Location, node: int, scale: DispatchScale,
                 reported_at: datetime, standby: StandbyRule | None, already_sent: Collection[str],
                 taken: Mapping[str, str], settings: Settings, held: Mapping[str, Code] | None = None,
                 reserved: Mapping[str, str] | None = None, sent_at: Mapping[str, datetime] | None = None,
                 linked: Sequence[LinkedUnit] = ()) -> None:  # fmt: skip
        self.held_by_board = dict(held or {})
        self.linked = tuple(linked)
        self.reserved = dict(reserved or {})
        self.p, self.loc, self.node, self.scale, self.at, self.s = prepared, loc, node, scale, reported_at, settings
        rule = as_standby(standby) if standby is not None else None
        self.rule = rule.model_copy(update={"applied": scale.level in rule.applies_to,
                                            "lifted": scale.level in rule.lifted_for}) if rule else None
        self.counted = settings.kinds_where("counts_as_station")
        self.special = settings.kinds_where("special_unit")
        self.sent: list[Unit] = []
        self.previous: list[Unit] = []
        self.held: list[Held] = []
        self.holds: list[tuple[Reach, Code, str | None]] = []  # made into ``held`` once the plan is chosen
        self.shortfalls: list[Shortfall] = []
        self.notes: list[Text] = []
        self.candidates: list[Reach] = []
        self.wanted_kinds: list[tuple[str, tuple[StationKind, ...], Text]] = []
        # Under the standby rule the search stops at its time limit: units beyond it are needed only when
        # the 4.4.2 minimum cannot be met otherwise, and then the whole graph is searched (``extend``).
        # Where the rule does not cut the plan, the search widens as the plan needs (``bounds.py``).
        applied = bool(self.rule and self.rule.applied and scale.set_by_plan)
        self.grow = scale.set_by_plan and not applied
        first = self.rule.travel_time_s if self.rule and applied else bounds.first_bound(self.rule)
        limit = prepared.bound_for(node, first if scale.set_by_plan else None)
        self.e = Entries(prepared, node, reported_at, self.rule, settings, sent_at or {}, self.counted, limit)
        ranked = prepared.rank(node, limit)
        while any(r.station.id in already_sent and not r.measured and r.reachable for r in ranked):
            ranked = self.extend()
        for r in ranked:
            self._sort(r, already_sent, taken)

    def extend(self) -> list[Reach]:
        """Search farther (the whole graph under the standby rule, else the next bound): the units beyond the
        last bound get their real times, the candidates (and, without the rule, the units held) their new order."""
        wider = bounds.wider(self.p.search(self.node, self.e.limit)) if self.grow else None
        self.e.limit = self.p.bound_for(self.node, wider)
        ranked = self.p.rank(self.node, self.e.limit)
        place = {r.station.id: i for i, r in enumerate(ranked)}
        self.candidates = sorted((ranked[place[c.station.id]] for c in self.candidates),
                                 key=lambda r: place[r.station.id])
        if self.grow:  # under the rule a unit held keeps the words of the first search (routes not computed)
            self.holds = sorted(((ranked[place[r.station.id]], code, by) for r, code, by in self.holds),
                                key=lambda h: place[h[0].station.id])
        return ranked

    def hold(self, r: Reach, code: Code, taken_by: str | None = None) -> None:
        self.holds.append((r, code, taken_by))

    def settle_held(self) -> None:
        """The units held, worded; without the rule each with its real time, as the whole-graph search gives."""
        while self.grow and any(r.reachable and not r.measured for r, _, _ in self.holds):
            self.extend()
        self.held = [self.e.held(r, code, by) for r, code, by in self.holds]

    def _sort(self, r: Reach, already_sent: Collection[str], taken: Mapping[str, str]) -> None:
        s = r.station
        if s.id in already_sent and not r.reachable:
            self.hold(r, Code.UNREACHABLE)  # sent earlier but cannot arrive: not counted
        elif s.id in already_sent:
            self.previous.append(self.e.unit(r, Code.ALREADY_SENT))
        elif s.id in taken or s.status is Status.COMMITTED:
            self.hold(r, Code.COMMITTED_ELSEWHERE, taken.get(s.id))
        elif s.id in self.reserved:
            self.hold(r, Code.RESERVED_FOR_LARGER, self.reserved[s.id])
        elif s.status is Status.STANDBY or self.held_by_board.get(s.id) is Code.ON_STANDBY_STATUS:
            self.hold(r, Code.ON_STANDBY_STATUS)
        elif s.id in self.held_by_board:
            self.hold(r, self.held_by_board[s.id])
        elif not r.reachable:
            self.hold(r, Code.UNREACHABLE)
        else:
            self.candidates.append(r)

    # -- counting -------------------------------------------------------------------------------
    def total(self, what: str) -> int:
        units = [u for u in (*self.previous, *self.sent) if u.kind not in self.special]
        if what == "stations":
            return sum(u.counts_as_station for u in units)
        return sum(u.formations if what == "formations" else u.engines for u in units)

    def rng(self, what: str) -> Range | None:
        value: Range | None = getattr(self.scale, what)
        return value

    def short(self, what: str) -> bool:
        wanted = self.rng(what)
        return wanted is not None and self.total(what) < wanted.minimum

    def room_for_station(self) -> bool:
        wanted = self.rng("stations")
        return wanted is None or wanted.maximum is None or self.total("stations") < wanted.maximum

    # -- choosing -------------------------------------------------------------------------------
    def chosen(self) -> set[str]:
        return {u.id for u in (*self.previous, *self.sent)}

    def pick(self, kinds: Collection[StationKind], far: bool) -> Reach | None:
        if far and self.e.limit is not None and not self.grow:
            self.extend()
        taken = self.chosen()
        while True:
            r = next((r for r in self.candidates
                      if r.station.kind in kinds and r.station.id not in taken and self.e.beyond(r) == far), None)
            if r is None or r.measured:
                return r
            self.extend()  # without the rule: every unit reached is taken, so the nearest lies beyond the bound

    def send(self, r: Reach, code: Code, **extra: object) -> None:
        self.sent.append(self.e.unit(r, code, **extra))
        if r.station.kind in self.counted:
            while self.grow and any(f.station.parent == r.station.id and not f.measured for f in self.candidates):
                self.extend()
            for f in self.candidates:
                if f.station.parent == r.station.id and not self.e.beyond(f):
                    self.sent.append(self.e.unit(f, Code.AFFILIATED_SMALL_STATION, parent=r.station.name))

    def missing_kind(self, what: str, kinds: Collection[StationKind], label: Text) -> None:
        """Remember a kind not yet had; ``kind_shortfalls`` says at the end whether a later step sent one."""
        self.wanted_kinds.append((what, tuple(kinds), label))

    def kind_shortfalls(self) -> None:
        had = {u.kind for u in (*self.previous, *self.sent)}
        for what, kinds, label in self.wanted_kinds:
            if had & set(kinds):
                continue
            held = [h.code for h in self.held if h.kind in kinds]
            far = any(self.e.beyond(r) for r in self.candidates if r.station.kind in kinds)
            codes = list(dict.fromkeys([*([Code.BEYOND_STANDBY_LIMIT] if far else []), *held]))
            codes = codes or [Code.NO_UNIT_OF_KIND]
            reasons = tuple(self.s.why_short(c).text(kind=label, **self.e.limits()) for c in codes)
            self.shortfalls.insert(0, Shortfall(what=what, label=label, needed=1, got=0, codes=tuple(codes),
                                                reasons=reasons))

    def mix(self) -> None:
        if self.scale.level not in self.s.mix.applies_to:
            return
        steps = ((StationKind.MAIN, Code.MAIN_STATION), (StationKind.SPECIAL_SERVICE, Code.SPECIAL_SERVICE_STATION),
                 (StationKind.FULL_TIME, Code.MULTI_FORM_TEAM))
        done = {u.kind for u in self.previous}
        for kind, code in steps:
            if kind in done:
                continue
            r = self.pick([kind], far=False)
            if r is not None and (kind not in self.counted or self.room_for_station()):
                self.send(r, code)
            elif r is None:
                self.missing_kind(f"kind:{kind.value}", [kind], kind.label)

    def fill(self) -> None:
        fillers = [k for k in StationKind if k not in self.special and not self.s.kinds[k].follows_parent]
        for far in (False, True):
            if far and not (self.rule and self.rule.applied):
                break
            while self.short("stations") and self.room_for_station():
                r = self.pick(self.counted, far)
                if r is None:
                    break
                self.send(r, Code.NEIGHBOURING_STATION)
            while self.short("formations") or self.short("engines"):
                kinds = [k for k in fillers if k not in self.counted or self.room_for_station()]
                r = self.pick(kinds, far)
                if r is None:
                    break
                what = ", ".join(w for w in ("formations", "engines") if self.short(w))
                self.send(r, Code.TO_REACH_MINIMUM, what=what)

    def special_units(self) -> None:
        by_label = {k.label.zh: k for k in StationKind}
        for text in self.scale.special_units:
            kind = by_label.get(text.zh)
            if kind is None:
                why = self.s.reason(Code.UNKNOWN_SPECIAL_UNIT)
                self.shortfalls.append(Shortfall(what=f"special_unit:{text.zh}", label=text, needed=1, got=0,
                                                 codes=(Code.UNKNOWN_SPECIAL_UNIT,), reasons=(why.text(unit=text),)))
                continue
            if any(u.kind is kind for u in (*self.previous, *self.sent)):
                continue
            r = self.pick([kind], far=False) or self.pick([kind], far=True)
            if r is None:
                self.missing_kind(f"special_unit:{kind.value}", [kind], text)
            else:
                self.send(r, Code.SPECIAL_UNIT, unit=text)

    def finish(self) -> None:
        self.settle_held()
        self.sent.sort(key=lambda u: (u.eta, u.distance_m, u.id))
        self.previous.sort(key=lambda u: (u.eta, u.distance_m, u.id))
        chosen = self.chosen()
        for r in self.candidates:
            if r.station.id not in chosen and self.e.beyond(r):
                self.held.append(self.e.held(r, Code.BEYOND_STANDBY_LIMIT))
        for what in COUNTS:
            wanted = self.rng(what)
            got = self.total(what)
            if wanted is None:
                continue
            if got < wanted.minimum:
                codes = [Code.NOT_ENOUGH_UNITS]
                if what != "stations" and not self.room_for_station():
                    codes.append(Code.STATION_MAXIMUM_REACHED)
                codes += sorted({h.code for h in self.held} & SHORTFALL_CAUSES)
                reasons = tuple(self.s.why_short(c).text(**self.e.limits()) for c in codes)
                label = self.s.order_labels[what]
                self.shortfalls.append(Shortfall(what=what, label=label, needed=wanted.minimum, got=got,
                                                 codes=tuple(codes), reasons=reasons))
            elif wanted.maximum is not None and got > wanted.maximum:
                self.notes.append(self._note(Code.ABOVE_MAXIMUM, f"{what} {got} > {wanted.maximum}"))
        self.kind_shortfalls()
        if self.rule and self.rule.lifted:
            self.notes.append(self.s.reason(Code.STANDBY_RULE_LIFTED).text(**self.e.limits()))

    def _note(self, code: Code, detail: str) -> Text:
        base = self.s.reason(code).text()
        return Text(zh=f"{base.zh}: {detail}", en=f"{base.en}: {detail}")

    def offer(self) -> list[Unit]:
        self.notes.append(self.s.reason(Code.NOT_SET_BY_PLAN).text())
        self.settle_held()
        self.previous.sort(key=lambda u: (u.eta, u.distance_m, u.id))
        return [self.e.unit(r, Code.NEAREST_OFFERED) for r in self.candidates[: self.s.ranked_when_not_set]]

    def result(self, incident_id: str, offered: list[Unit]) -> DispatchPlan:
        sample = self.p.network.is_sample or self.p.stations.is_sample
        return DispatchPlan(
            incident_id=incident_id, level=self.scale.level, set_by_plan=self.scale.set_by_plan, scale=self.scale,
            location=self.loc, reported_at=self.at, sample_label=self.s.sample_label if sample else None,
            standby=self.rule, sent=tuple(self.sent), previously_sent=tuple(self.previous), offered=tuple(offered),
            held=tuple(self.held), shortfalls=tuple(self.shortfalls),
            totals=Totals(**{w: self.total(w) for w in COUNTS}), notes=tuple(self.notes), linked_units=self.linked,
        )


def plan(prepared: PreparedNetwork, node: int, location: Location, scale: DispatchScale, *, reported_at: datetime,
         standby: StandbyRule | None = None, already_sent: Collection[str] = (),
         taken: Mapping[str, str] | None = None, incident_id: str = "incident",
         settings: Settings | None = None, held: Mapping[str, Code] | None = None,
         reserved: Mapping[str, str] | None = None, sent_at: Mapping[str, datetime] | None = None,
         linked_units: Sequence[LinkedUnit] = ()) -> DispatchPlan:  # fmt: skip
    """The dispatch plan for one incident; ``taken`` maps unit ids to the incident that has them, ``held``
    gives units the board keeps back (on standby, out of service) with the reason code, ``reserved`` units
    kept for a larger incident not yet dispatched (4.4.1(3)), with its id. ``sent_at`` gives the moment
    each unit of ``already_sent`` was sent (its ETA counts from there; default ``reported_at``), and
    ``linked_units`` the 4.4.3 units the order calls."""
    planner = _Planner(prepared, location, node, scale, reported_at, standby, set(already_sent), taken or {},
                       settings or load_settings(), held, reserved, sent_at, linked_units)
    if not scale.set_by_plan:
        return planner.result(incident_id, planner.offer())
    planner.mix()
    planner.fill()
    planner.special_units()
    planner.finish()
    return planner.result(incident_id, [])
