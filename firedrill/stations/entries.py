"""One line of an order: a ranked station turned into a unit sent (route, ETA, reason) or a unit held.

The wording comes from ``data/settings.yaml``; times are rounded up and distances down (``text.py``),
so what the order says stays on the right side of the 4.4.1(5) limits. ``limit`` is the bound of
the search the routes come from (None once the whole graph has been searched).
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping
from datetime import datetime, timedelta

from firedrill.models import Text
from firedrill.stations.kinds import StationKind
from firedrill.stations.ranking import PreparedNetwork, Reach
from firedrill.stations.result import Held, Standby, Unit
from firedrill.stations.settings import Code, Settings
from firedrill.stations.text import drive_values, metres_down, seconds_up


class Entries:
    """Builds the order's entries for one scene."""

    def __init__(self, prepared: PreparedNetwork, node: int, at: datetime, rule: Standby | None,
                 settings: Settings, sent_at: Mapping[str, datetime], counted: Collection[StationKind],
                 limit: float | None) -> None:  # fmt: skip
        self.p, self.node, self.at, self.rule, self.settings = prepared, node, at, rule, settings
        self.sent_at, self.counted, self.limit = dict(sent_at), frozenset(counted), limit

    def beyond(self, r: Reach) -> bool:
        rule = self.rule
        return bool(rule and rule.applied and (r.beyond_bound or r.distance_m >= rule.distance_m
                                               or r.travel_time_s > rule.travel_time_s))

    def values(self, r: Reach, **extra: object) -> dict[str, object]:
        return {"distance_km": f"{metres_down(r.distance_m) / 1000:.2f}", **drive_values(r.travel_time_s),
                **self.limits(), **extra}

    def unit(self, r: Reach, code: Code, **extra: object) -> Unit:
        s, why = r.station, self.settings.reason(code)
        far = code is not Code.ALREADY_SENT and self.beyond(r)
        sent_at = self.sent_at.get(s.id, self.at) if code is Code.ALREADY_SENT else self.at
        net, home = self.p.network, self.p.home(s)
        found = self.p.search(self.node, self.limit)
        path = found.route(home)
        route = tuple(zip(net.lon[path].tolist(), net.lat[path].tolist(), strict=True))
        points = tuple(found.crossing_points(home))
        return Unit.model_construct(  # values typed here (routes can be thousands of points)
            id=s.id, name=s.name, kind=s.kind, kind_label=s.kind.label, district=s.district, code=code,
            reason=why.text(**self.values(r, **extra)), clause=why.clause, engines=s.engines,
            formations=s.formations, counts_as_station=s.kind in self.counted,
            travel_time_s=seconds_up(r.travel_time_s), distance_m=metres_down(r.distance_m),
            straight_m=metres_down(r.straight_m), sent_at=sent_at,
            eta=sent_at + timedelta(seconds=math.ceil(round(r.travel_time_s, 6))),  # whole seconds, as shown
            via=tuple(name for name, _, _ in points), beyond_standby_limit=far,
            note=self.settings.reason(Code.NEEDED_DESPITE_STANDBY).text(**self.values(r)) if far else None,
            snap_m=metres_down(self.p.snap_m.get(s.id, 0.0)), route=route, via_points=points,
            lon=float(net.lon[home]), lat=float(net.lat[home]),
        )

    def held(self, r: Reach, code: Code, taken_by: str | None = None) -> Held:
        s = r.station
        # Beyond the search's bound the route was not computed: the same code, worded without numbers.
        unmeasured = code is Code.BEYOND_STANDBY_LIMIT and not r.measured
        why = self.settings.reason(Code.BEYOND_STANDBY_TIME if unmeasured else code)
        by = Text(zh=taken_by, en=taken_by) if taken_by else self.settings.order_labels["status_committed"]
        named = {"incident": by, "unit": s.name}
        values = self.values(r, **named) if r.measured else {**named, **self.limits()}
        return Held.model_construct(  # values typed here; hundreds of held units a plan
            id=s.id, name=s.name, kind=s.kind, kind_label=s.kind.label, code=code, reason=why.text(**values),
            clause=why.clause, travel_time_s=seconds_up(r.travel_time_s) if r.measured else None,
            distance_m=metres_down(r.distance_m) if r.measured else None, taken_by=taken_by,
            lon=float(self.p.network.lon[self.p.home(s)]), lat=float(self.p.network.lat[self.p.home(s)]))

    def limits(self) -> dict[str, str]:
        if self.rule is None:
            return {}
        return {"limit_km": f"{self.rule.distance_m / 1000:g}", "limit_min": f"{self.rule.travel_time_s / 60:g}"}
