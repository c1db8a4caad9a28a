"""Reading a playbook parameter for a calculator: present, of the right unit, with its source.

A calculator never holds the plan's numbers; it asks for them here, and a playbook lacking one
(or giving it in another unit) is a clear error naming the playbook and parameter.
"""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict

from firedrill.errors import InputError
from firedrill.models import Text
from firedrill.playbook.schema import Parameter, Playbook


class ParameterRef(BaseModel):
    """The parameter a result used, with the plan's sentence, so the user can check it."""

    model_config = ConfigDict(frozen=True)

    id: str
    name: Text
    minimum: float | None
    maximum: float | None
    unit: str
    quote: str
    cite: str

    @classmethod
    def of(cls, parameter: Parameter) -> ParameterRef:
        return cls.model_validate(parameter.model_dump())


def require(
    playbook: Playbook,
    parameter_id: str,
    *,
    calculator: str,
    units: Sequence[str] | None = None,
    both_ends: bool = False,
) -> Parameter:
    """The parameter ``parameter_id`` of ``playbook``, checked for what ``calculator`` needs."""
    where = f"playbook '{playbook.id}'"
    try:
        parameter = playbook.parameter(parameter_id)
    except KeyError:
        raise InputError(
            f"{where} has no parameter '{parameter_id}', which the {calculator} calculator needs",
            field="parameters",
        ) from None
    if units is not None and parameter.unit not in units:
        raise InputError(
            f"{where} gives '{parameter_id}' in '{parameter.unit}'; the {calculator} calculator reads it "
            f"in one of: {', '.join(units)}",
            field=f"parameters.{parameter_id}.unit",
        )
    if both_ends and (parameter.minimum is None or parameter.maximum is None):
        raise InputError(
            f"{where}: the {calculator} calculator needs both a minimum and a maximum for '{parameter_id}'",
            field=f"parameters.{parameter_id}",
        )
    return parameter


def ends(parameter: Parameter) -> tuple[float, float]:
    """(minimum, maximum) of a parameter checked with ``both_ends``."""
    if parameter.minimum is None or parameter.maximum is None:
        raise InputError(f"parameter '{parameter.id}' needs a minimum and a maximum", field=parameter.id)
    return parameter.minimum, parameter.maximum


def number(value: float) -> str:
    """An input as a person writes it: 40, 0.6, 0.35 (no trailing zeros)."""
    return f"{value:.10g}"


def rounded(value: float) -> str:
    """A computed quantity to one decimal place: 1508.0."""
    return f"{value:.1f}"
