"""The sentences questions are built from (``data/texts.yaml``), in Chinese and English.

A template names its blanks, ``{facts}``, ``{level}``; a blank is filled with a ``Text`` (each
language gets its own side) or a plain string (the same in both). The plan's own words never
come from here: they are quoted from the rule and playbook data.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, RootModel, ValidationError

from firedrill.errors import InputError
from firedrill.models import Text
from firedrill.yamlio import describe_validation_error, parse_yaml

TEXTS_FILE = Path(__file__).parent / "data" / "texts.yaml"
LANGS = ("zh", "en")
SEPARATOR = Text(zh=",", en=", ")


class _Template(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    zh: str
    en: str


class _Texts(RootModel[dict[str, dict[str, _Template]]]):
    pass


@cache
def _templates() -> dict[str, Text]:
    data, lines = parse_yaml(TEXTS_FILE.read_text(encoding="utf-8"), TEXTS_FILE)
    try:
        groups = _Texts.model_validate(data).root
    except ValidationError as exc:
        raise describe_validation_error(exc, TEXTS_FILE, lines) from None
    return {f"{group}.{key}": Text(zh=t.zh, en=t.en) for group, entries in groups.items() for key, t in entries.items()}


def keys() -> tuple[str, ...]:
    return tuple(_templates())


def tx(key: str, **blanks: Text | str | float | int) -> Text:
    """The template ``key`` ("group.name") with its blanks filled, in both languages."""
    try:
        template = _templates()[key]
    except KeyError:
        raise InputError(f"no quiz text '{key}'", file=TEXTS_FILE) from None

    def side(lang: str) -> dict[str, Any]:
        return {k: v.in_lang(lang) if isinstance(v, Text) else v for k, v in blanks.items()}

    return Text(zh=template.zh.format(**side("zh")), en=template.en.format(**side("en")))


def plain(value: str) -> Text:
    """The same string in both languages (a number, a unit, a clause)."""
    return Text(zh=value, en=value)


def join(parts: Iterable[Text], separator: Text = SEPARATOR) -> Text:
    items = list(parts)
    return Text(zh=separator.zh.join(p.zh for p in items), en=separator.en.join(p.en for p in items))
