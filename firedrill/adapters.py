"""Pydantic at the edges: validate outside data into the engine's dataclasses, and write them as JSON.

The engine's classes (``firedrill.models``, the rule tables) are plain dataclasses; only here, where
data crosses into or out of the program, is pydantic loaded. One TypeAdapter per class, built on
first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from pydantic import TypeAdapter

T = TypeVar("T")
_ADAPTERS: dict[type, Any] = {}


def adapter(kind: type[T]) -> TypeAdapter[T]:
    """The TypeAdapter of ``kind``, built once per process."""
    found: TypeAdapter[T] | None = _ADAPTERS.get(kind)
    if found is None:
        from pydantic import TypeAdapter

        found = _ADAPTERS[kind] = TypeAdapter(kind)
    return found


def validate(kind: type[T], data: Any) -> T:
    """``data`` (a mapping from JSON, YAML or a form) as a ``kind``; pydantic's ValidationError if not."""
    return adapter(kind).validate_python(data)


def to_jsonable(value: Any, **options: Any) -> Any:
    """``value`` as JSON-ready Python (dicts, lists, strings, numbers); options as pydantic's ``dump_python``."""
    return adapter(type(value)).dump_python(value, mode="json", **options)


def to_json(value: Any, *, indent: int | None = None) -> str:
    """``value`` as a JSON document."""
    return adapter(type(value)).dump_json(value, indent=indent).decode()
