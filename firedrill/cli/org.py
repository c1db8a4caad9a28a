"""``firedrill org``: the command structure of chapter 2, or where one unit sits and what it does."""

from __future__ import annotations

import argparse
import json

from firedrill.errors import InputError

HELP = "the command structure (chapter 2); --unit NAME answers which group a unit is in and its duty"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--unit", help="a member unit, Chinese or English, e.g. 市水务局")
    p.add_argument("--json", action="store_true")
    p.add_argument("--lang", choices=("zh", "en"), default="zh")


def _structure(lang: str) -> list[str]:
    from firedrill.rules import load_rulebook

    org = load_rulebook().organisation
    lines = []
    for body in org.bodies:
        above = next((b.name.in_lang(lang) for b in org.bodies if b.id == body.reports_to), None)
        arrow = f"  → {above}" if above else ""
        lines.append(f"[{body.clause}] {body.name.in_lang(lang)}{arrow}")
        if body.duty is not None:
            lines.append(f"      {body.duty.in_lang(lang)}")
    field_hq = next(b.name.in_lang(lang) for b in org.bodies if b.id == "field_headquarters")
    for group in org.groups:
        lines.append(f"[{group.clause}] {group.name.in_lang(lang)}  → {field_hq}")
        for member in group.members:
            lines.append(f"      - {member.unit.in_lang(lang)}: {member.duty.in_lang(lang)}")
    return lines


def run(args: argparse.Namespace) -> int:
    from firedrill.rules import load_rulebook
    from firedrill.rules.organisation import chain_of_command, find_unit, name_of

    if args.unit is None:
        if args.json:
            print(load_rulebook().organisation.model_dump_json(indent=2))
        else:
            print("\n".join(_structure(args.lang)))
        return 0
    roles = find_unit(args.unit)
    if not roles:
        raise InputError(f"no unit named {args.unit!r} in chapter 2", field="unit")
    if args.json:
        out = [
            {
                "unit": r.unit.model_dump(),
                "group": {"id": r.group_id, "zh": r.group.zh, "en": r.group.en},
                "clause": r.clause,
                "duty": r.duty.model_dump(),
                "quote": r.quote,
                "reports_to": [name_of(n).model_dump() for n in chain_of_command(r.group_id)[1:]],
            }
            for r in roles
        ]
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    for r in roles:
        chain = " → ".join(name_of(n).in_lang(args.lang) for n in chain_of_command(r.group_id))
        print(f"{r.unit.in_lang(args.lang)} [{r.clause}]")
        print(f"  {r.group.in_lang(args.lang)}: {r.duty.in_lang(args.lang)}")
        print(f"  {chain}")
        print(f"  «{r.quote}»")
    return 0
