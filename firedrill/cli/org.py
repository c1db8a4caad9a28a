"""``firedrill org``: the command structure of chapter 2, or where one unit sits and what it does."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

from firedrill.adapters import to_json
from firedrill.errors import InputError

if TYPE_CHECKING:
    from firedrill.models import Text
    from firedrill.rules.organisation import UnitRole
    from firedrill.rules.schema import Body, Holder

HELP = "the command structure (chapter 2); --unit NAME answers every role a unit has there (and in 4.2)"

# The plan's member lists that end in 等 are open: shown with the 等 kept, never as complete.
_LABELS = {
    "open": {"zh": "等(预案所列未尽)", "en": " and others (等: the plan's list is open)"},
    "phones": {"zh": "值班电话: {phones}", "en": "duty phone: {phones}"},
    "or": {"zh": " 或者 ", "en": " or "},
    "sep": {"zh": "、", "en": ", "},
}


def _label(key: str, lang: str) -> str:
    return _LABELS[key]["en" if lang == "en" else "zh"]


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--unit", help="a unit or body named in chapter 2, Chinese or English, e.g. 市应急管理局")
    p.add_argument("--json", action="store_true")
    p.add_argument("--lang", choices=("zh", "en"), default="zh")


def _list(units: tuple[Text, ...], is_open: bool, lang: str) -> str:
    """The plan's list of units, its 等 kept visible when it has one."""
    return _label("sep", lang).join(u.in_lang(lang) for u in units) + (_label("open", lang) if is_open else "")


def _when(condition: Text | None, lang: str) -> str:
    return f" [{condition.in_lang(lang)}]" if condition is not None else ""


def _holder(holder: Holder, lang: str) -> str:
    units = _list(holder.units, holder.open, lang)
    return f"{holder.person.in_lang(lang)} of {units}" if lang == "en" else f"{units} {holder.person.zh}"


def _body_lines(body: Body, lang: str, indent: str = "      ") -> list[str]:
    """A body's seat, posts, duty line and duties."""
    from firedrill.rules.organisation import SEAT

    lines = []
    if body.seat is not None:
        seat = body.seat.unit.in_lang(lang) + (f" ({body.seat.also.in_lang(lang)})" if body.seat.also else "")
        lines.append(f"{indent}{SEAT.in_lang(lang)}: {seat}")
    for post in body.posts:
        for holder in post.holders:
            lines.append(f"{indent}{post.title.in_lang(lang)}{_when(holder.condition, lang)}: {_holder(holder, lang)}")
    if body.duty_hours is not None:
        phones = _label("or", lang).join(body.duty_hours.phones)
        lines.append(f"{indent}{body.duty_hours.hours.in_lang(lang)}; {_label('phones', lang).format(phones=phones)}")
    lines += [f"{indent}- {duty.text.in_lang(lang)}" for duty in body.duties]
    return lines


def _structure(lang: str) -> list[str]:
    from firedrill.rules import load_rulebook
    from firedrill.rules.organisation import FIELD_HQ

    org = load_rulebook().organisation
    names = {b.id: b.name.in_lang(lang) for b in org.bodies}
    lines = []
    for body in org.bodies:
        arrow = f"  → {names[body.reports_to]}" if body.reports_to else ""
        short = f" ({body.short_name.in_lang(lang)})" if body.short_name is not None else ""
        lines.append(f"[{body.clause}] {body.name.in_lang(lang)}{short}{_when(body.condition, lang)}{arrow}")
        lines += _body_lines(body, lang)
    for group in org.groups:
        lines.append(f"[{group.clause}] {group.name.in_lang(lang)}  → {names[FIELD_HQ]}")
        for member in group.members:
            lines.append(f"      - {member.unit.in_lang(lang)}: {member.duty.in_lang(lang)}")
        if group.open:
            lines.append(f"      - …{_label('open', lang).strip()}")
    for note in org.notifications:
        units = _list(note.units, note.open, lang)
        lines.append(f"[{note.clause}] {names[note.by]} · {note.action.in_lang(lang)}: {units}")
    return lines


def _reports_to(role: UnitRole) -> list[str]:
    from firedrill.rules.organisation import chain_of_command

    return [] if role.kind == "notified" else chain_of_command(role.of)


def _role_json(role: UnitRole) -> dict[str, object]:
    from firedrill.rules.organisation import name_of

    of = {"id": role.of, "zh": role.of_name.zh, "en": role.of_name.en}
    out: dict[str, object] = {
        "unit": role.unit.as_dict(),
        "kind": role.kind,
        "role": role.role.as_dict(),
        "of": of,
        "clause": role.clause,
        "duties": [d.as_dict() for d in role.duties],
        "person": role.person.as_dict() if role.person else None,
        "condition": role.condition.as_dict() if role.condition else None,
        "listed_with": [u.as_dict() for u in role.listed_with],
        "open": role.open,
        "quote": role.quote,
        "reports_to": [name_of(n).as_dict() for n in _reports_to(role)[1:]],
    }
    if role.kind == "member":  # the shape `org --unit` has always had for a group's member
        out["group"] = of
        out["duty"] = role.duties[0].as_dict()
    return out


def _role_lines(role: UnitRole, lang: str) -> list[str]:
    from firedrill.rules.organisation import name_of

    head = f"  [{role.clause}] {role.of_name.in_lang(lang)}"
    if role.kind == "member":
        head += f": {role.duties[0].in_lang(lang)}"
    elif role.kind != "body":
        head += f" · {role.role.in_lang(lang)}{_when(role.condition, lang)}"
        if role.person is not None:
            head += f": {role.person.in_lang(lang)}"
    elif role.condition is not None:
        head += _when(role.condition, lang)
    lines = [head]
    if role.kind == "body":
        from firedrill.rules import load_rulebook

        body = next(b for b in load_rulebook().organisation.bodies if b.id == role.of)
        lines += _body_lines(body, lang, indent="        ")
    if role.open or (role.kind in ("post", "seat", "notified") and len(role.listed_with) > 1):
        lines.append(f"        {_list(role.listed_with, role.open, lang)}")
    chain = _reports_to(role)
    if len(chain) > 1:
        lines.append("        " + " → ".join(name_of(n).in_lang(lang) for n in chain))
    lines.append(f"        «{role.quote}»")
    return lines


def run(args: argparse.Namespace) -> int:
    from firedrill.rules import load_rulebook
    from firedrill.rules.organisation import close_matches, find_unit

    if args.unit is None:
        if args.json:
            print(to_json(load_rulebook().organisation, indent=2))
        else:
            print("\n".join(_structure(args.lang)))
        return 0
    roles = find_unit(args.unit)
    if not roles:
        near = close_matches(args.unit)
        hint = f"; close matches: {', '.join(near)}" if near else "; `firedrill org` lists the whole structure"
        raise InputError(f"no unit named {args.unit!r} in chapter 2 (or notified in 4.2){hint}", field="unit")
    if args.json:
        print(json.dumps([_role_json(r) for r in roles], ensure_ascii=False, indent=2))
        return 0
    lines: list[str] = []
    for unit in dict.fromkeys(r.unit for r in roles):
        lines.append(unit.in_lang(args.lang))
        for role in (r for r in roles if r.unit == unit):
            lines += _role_lines(role, args.lang)
    print("\n".join(lines))
    return 0
