"""``firedrill classify``: grade an incident from flags or an Incident JSON (``--from FILE|-``)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from firedrill.errors import InputError
from firedrill.models import Hazard, SiteCategory
from firedrill.units import parse_beaufort, parse_count, parse_money, parse_number, parse_speed

HELP = "grade an incident by the plan (clauses 1.4, 4.2, 4.3, 4.4, 2.4)"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--from", dest="source", metavar="FILE", help="Incident JSON file, or - for stdin")
    p.add_argument("--deaths", help="死亡人数")
    p.add_argument("--injuries", "--serious-injuries", dest="serious_injuries", help="重伤人数")
    p.add_argument("--loss", dest="direct_loss_yuan", help="直接财产损失, e.g. 5000万, 1.2亿, 80000000")
    p.add_argument("--area", dest="burning_area_m2", help="燃烧面积 m²")
    p.add_argument("--site", dest="site_category", help="|".join(c.value for c in SiteCategory))
    p.add_argument(
        "--hazard", action="append", default=None,
        help="a danger that has occurred or may occur at any moment (随时或者已经发生, 1.4), not a "
        "theoretical risk: " + "|".join(h.value for h in Hazard) + " (repeat)",
    )
    p.add_argument("--reported-at", "--at", dest="reported_at", help="ISO 8601; naive = Asia/Shanghai; default now")
    p.add_argument("--assess-at", help="assess as of this time (default: the report or the last --call)")
    p.add_argument("--wind", dest="wind_force", help="风力 Beaufort 0–17")
    p.add_argument("--gust", dest="gust_force", help="阵风 Beaufort 0–17")
    p.add_argument("--wind-speed", dest="wind_speed_ms", help="wind speed, e.g. 8.5m/s")
    p.add_argument("--gust-speed", dest="gust_speed_ms", help="gust speed, e.g. 12m/s")
    p.add_argument("--severe-weather", action="store_true", default=None, help="冰冻严寒等恶劣气候")
    p.add_argument("--political-event", action="store_true", default=None, help="重要政治活动期间")
    p.add_argument("--sensitive-area", action="store_true", default=None, help="政治敏感区域、重要地区")
    p.add_argument("--rising-calls", action=argparse.BooleanOptionalAction, default=None, help="来电持续增多")
    p.add_argument("--call", action="append", dest="calls", default=None, help="time of a call (repeat)")
    p.add_argument("--manual", dest="manual_escalation", metavar="REASON", help="4.3(5) manual escalation reason")
    p.add_argument("--scenario", help="playbook id (sets the default site category)")
    p.add_argument("--config", type=Path, help="config file (political events, rising-calls rule, holiday years)")
    p.add_argument("--json", action="store_true", help="print the Assessment JSON")
    p.add_argument("--lang", choices=("zh", "en"), default="zh")


def _read_source(source: str) -> dict[str, Any]:
    from firedrill.textfile import parse_json, read_text_file

    name = "<stdin>" if source == "-" else source
    data = parse_json(read_text_file(source), name)
    if not isinstance(data, dict):
        raise InputError("expected a JSON object with the Incident fields", file=name, line=1)
    return data


def _flag_values(args: argparse.Namespace) -> dict[str, Any]:
    parsers: dict[str, Callable[[str], float]] = {
        "deaths": lambda v: parse_count(v, "deaths"),
        "serious_injuries": lambda v: parse_count(v, "serious_injuries"),
        "direct_loss_yuan": parse_money,
        "burning_area_m2": lambda v: parse_number(v, "burning_area_m2"),
        "wind_force": lambda v: parse_beaufort(v, "wind_force"),
        "gust_force": lambda v: parse_beaufort(v, "gust_force"),
        "wind_speed_ms": lambda v: parse_speed(v, "wind_speed_ms"),
        "gust_speed_ms": lambda v: parse_speed(v, "gust_speed_ms"),
    }
    values: dict[str, Any] = {}
    for name, parse in parsers.items():
        raw = getattr(args, name)
        if raw is not None:
            values[name] = parse(raw)
    for name in ("site_category", "reported_at", "severe_weather", "political_event", "sensitive_area",
                 "rising_calls", "manual_escalation", "scenario", "calls"):
        raw = getattr(args, name)
        if raw is not None:
            values[name] = raw
    if args.hazard is not None:
        values["hazards"] = [h.strip() for item in args.hazard for h in item.split(",") if h.strip()]
    return values


def run(args: argparse.Namespace) -> int:
    from firedrill.config_location import load_rules_config
    from firedrill.incident_input import build_incident
    from firedrill.rules import assess
    from firedrill.rules.report import render_assessment

    data = _read_source(args.source) if args.source else {}
    data.update(_flag_values(args))
    incident = build_incident(data, source=args.source if args.source not in (None, "-") else None)
    at = None
    if args.assess_at is not None:
        at = build_incident({"reported_at": args.assess_at}, field="assess_at").reported_at
        if at < incident.reported_at:
            raise InputError(
                f"{at.isoformat()} is before the report time {incident.reported_at.isoformat()}: a fire is "
                "assessed from its report on", field="assess_at",
            )
    assessment = assess(incident, at=at, config=load_rules_config(args.config))
    if args.json:
        from firedrill.adapters import to_json

        print(to_json(assessment, indent=2))
    else:
        print(render_assessment(assessment, args.lang))
    return 0
