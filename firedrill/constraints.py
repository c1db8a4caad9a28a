"""Constraints on a field's value that pydantic applies, declared without importing pydantic.

The engine's data model is plain frozen dataclasses so that grading a fire needs no pydantic at all
(importing pydantic's model machinery costs more than a whole one-shot grade). Where data comes in
from outside (a file, JSON, a form), pydantic validates those dataclasses through a TypeAdapter
(``firedrill.adapters``); a field says what it accepts with ``Annotated[int, Check(ge=0)]``, and
pydantic builds the check only then, when it asks this marker for its schema.

``Check`` takes the keyword arguments of ``pydantic.Field`` that constrain a value (``ge``, ``le``,
``gt``, ``min_length``, ``max_length``, ``pattern``, ``allow_inf_nan``…), so the messages are
pydantic's own, plus ``before`` and ``after`` functions (as ``BeforeValidator`` and
``AfterValidator``) whose ``ValueError`` becomes the field's message.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Annotated, Any

# A value the plain check cannot vouch for: pydantic validates it (and words the error).
NOT_PLAIN: Any = object()
_LIMITS: dict[str, Callable[[Any, Any], bool]] = {
    "ge": lambda v, b: v >= b,
    "gt": lambda v, b: v > b,
    "le": lambda v, b: v <= b,
    "lt": lambda v, b: v < b,
    "min_length": lambda v, b: len(v) >= b,
    "max_length": lambda v, b: len(v) <= b,
}


class Check:
    """A field's constraints, turned into pydantic's schema only when pydantic validates."""

    __slots__ = ("_bounds", "_finite", "after", "before", "limits")

    def __init__(
        self,
        *,
        before: Callable[[Any], Any] | None = None,
        after: Callable[[Any], Any] | None = None,
        **limits: Any,
    ) -> None:
        self.before, self.after, self.limits = before, after, limits
        # The plain check's reading of ``limits``, made once: each known bound with its test, whether
        # a number must be finite, and None where a limit is one the plain check does not know.
        known = {name: bound for name, bound in limits.items() if name != "allow_inf_nan"}
        self._finite = limits.get("allow_inf_nan") is False
        self._bounds: tuple[tuple[Callable[[Any, Any], bool], Any], ...] | None = (
            tuple((_LIMITS[name], bound) for name, bound in known.items()) if known.keys() <= _LIMITS.keys() else None
        )

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic import Field
        from pydantic_core import core_schema

        schema = handler(Annotated[source, Field(**self.limits)]) if self.limits else handler(source)
        if self.after is not None:
            schema = core_schema.no_info_after_validator_function(self.after, schema)
        if self.before is not None:
            schema = core_schema.no_info_before_validator_function(self.before, schema)
        return schema

    def taker(self, take: Callable[[Any], Any]) -> Callable[[Any], Any]:
        """A function checking a value as pydantic would, in plain Python: the value, or ``NOT_PLAIN`` when
        pydantic must judge. Made once per field, as every value of it goes through.

        ``take`` accepts the value as the field's type (or returns ``NOT_PLAIN``). Only what is
        certainly valid passes: anything doubtful is left to pydantic, which gives the message.
        """
        before, after, bounds, finite = self.before, self.after, self._bounds, self._finite
        if bounds is None:  # a limit this check does not know: pydantic judges
            return lambda value: NOT_PLAIN

        def checked(value: Any) -> Any:
            try:
                if before is not None:
                    value = before(value)
                value = take(value)
                if value is NOT_PLAIN or (finite and not math.isfinite(value)):
                    return NOT_PLAIN
                for holds, bound in bounds:
                    if not holds(value, bound):
                        return NOT_PLAIN
                return after(value) if after is not None else value
            except (ValueError, TypeError):
                return NOT_PLAIN

        return checked

    def __repr__(self) -> str:
        parts = [f"{k}={v!r}" for k, v in self.limits.items()]
        parts += [f"{k}={getattr(self, k).__name__}" for k in ("before", "after") if getattr(self, k) is not None]
        return f"Check({', '.join(parts)})"


# Every data class of the engine refuses a field it does not know, as the files' schema promises.
FORBID_EXTRA: dict[str, Any] = {"extra": "forbid"}
