"""Orders that agree with themselves, over random networks: what is sent is never also short or held."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from typing import Any

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from firedrill.models import Level
from firedrill.stations.order import order_json, order_text
from firedrill.stations.planner import plan
from firedrill.stations.settings import Code
from tests.stations.conftest import REPORTED, SPECIAL_UNITS, at, prepared, scale

KINDS = ("main", "special_service", "small", "full_time", "heavy_rescue", "logistics")
PLACEHOLDERS = re.compile(r"—\s*公里|\(—\)|（—）|— km|\bkind:|\bspecial_unit:|\{")
RAW_KEYS_ZH = re.compile(r"\b(stations|formations|engines) \(")


@st.composite
def cases(draw: st.DrawFn) -> tuple[Any, ...]:
    n = draw(st.integers(3, 14))
    graph = nx.MultiDiGraph()
    for i in range(n):
        graph.add_node(str(i), x=114.0 + 0.003 * i, y=30.5)
    for i in range(1, n):
        t, length = draw(st.integers(60, 1200)), draw(st.integers(500, 20_000))
        graph.add_edge(str(i - 1), str(i), travel_time=t, length=length)
        if draw(st.integers(0, 4)):
            graph.add_edge(str(i), str(i - 1), travel_time=t, length=length)
    rows: list[dict[str, Any]] = []
    for i in range(draw(st.integers(1, 12))):
        kind = draw(st.sampled_from(KINDS))
        parents = [r["id"] for r in rows if r["kind"] in ("main", "special_service")]
        if kind == "small" and not parents:
            kind = "main"
        row = {"id": f"U{i}", "name": f"单位{i}", "kind": kind, "node": str(draw(st.integers(0, n - 1))),
               "engines": draw(st.integers(0, 6)), "formations": draw(st.integers(0, 3)),
               "status": draw(st.sampled_from(["available"] * 4 + ["committed", "standby"]))}
        if kind == "small":
            row["parent"] = draw(st.sampled_from(parents))
        rows.append(row)
    level = draw(st.sampled_from([Level.MAJOR, Level.ESPECIALLY_MAJOR]))
    counts = (draw(st.integers(1, 6)), draw(st.integers(1, 10)), draw(st.integers(1, 20)))
    earlier = draw(st.lists(st.sampled_from([r["id"] for r in rows]), max_size=2, unique=True))
    return graph, rows, level, counts, earlier, str(draw(st.integers(0, n - 1)))


@settings(max_examples=150, deadline=None)
@given(case=cases())
def test_orders_agree_with_themselves(case: tuple[Any, ...], rule: Any) -> None:
    graph, rows, level, (stations, formations, engines), earlier, scene = case
    p = prepared(graph, rows)
    result = plan(p, *at(p, scene), scale(level, (stations, None), (formations, None), (engines, None),
                                          SPECIAL_UNITS), reported_at=REPORTED, standby=rule, already_sent=earlier,
                  sent_at={u: REPORTED - timedelta(minutes=10) for u in earlier})  # fmt: skip
    units = (*result.previously_sent, *result.sent)
    had = {u.kind.value for u in units}
    for short in result.shortfalls:
        assert short.label is not None
        kind = short.what.partition(":")[2]
        assert kind not in had, f"{short.what} is short, but a unit of that kind was sent"
    ids = [u.id for u in units]
    assert len(ids) == len(set(ids)) and not set(ids) & {h.id for h in result.held}
    assert [u.eta for u in result.sent] == sorted(u.eta for u in result.sent)
    for u in result.previously_sent:
        assert u.sent_at == REPORTED - timedelta(minutes=10)
        assert u.eta == u.sent_at + timedelta(seconds=round(u.travel_time_s + 0.49))
    for lang in ("zh", "en"):
        text = order_text(result, lang=lang)
        assert not PLACEHOLDERS.search(text), PLACEHOLDERS.search(text)
        assert lang == "en" or not RAW_KEYS_ZH.search(text)
        body = text.split("\n")
        for u in units:
            assert any(u.name in line and u.reason.in_lang(lang) in line for line in body)
            if u.note is not None:
                assert any(u.name in line and u.note.in_lang(lang) in line for line in body)
    data = order_json(result)
    for u in data["plan"]["sent"]:
        for key in ("travel_time_s", "distance_m", "straight_m", "snap_m"):
            assert len(repr(u[key]).partition(".")[2]) <= 1, (key, u[key])
    json.dumps(data)
    if any(h.code is Code.BEYOND_STANDBY_LIMIT for h in result.held):
        assert result.standby is not None and result.standby.applied
