"""Metro team sizes: 附件6 一(五)3 (reconnaissance) and 一(五)5 (interior attack).

Reconnaissance strength is teams × persons per team; an interior attack strength splits into
whole teams of the plan's size, spaced at the plan's distance (“40 米左右”, an approximation).
"""

from __future__ import annotations

import math

from pydantic import BaseModel, ConfigDict

from firedrill.errors import InputError
from firedrill.models import Text
from firedrill.playbook.params import ParameterRef, ends, require
from firedrill.playbook.schema import Playbook
from firedrill.playbook.settings import load_settings


class MetroTeamsResult(BaseModel):
    model_config = ConfigDict(frozen=True)

    calculator: str = "metro_teams"
    playbook: str
    recon_teams: tuple[int, int]
    recon_team_size: tuple[int, int]
    recon_personnel: tuple[int, int]
    attackers: int | None
    attack_teams: tuple[int, int] | None
    column_length_m: tuple[float, float] | None  # about: the plan's spacing is "左右"
    parameters: tuple[ParameterRef, ...]
    reading: Text


def _whole(pair: tuple[float, float]) -> tuple[int, int]:
    return int(pair[0]), int(pair[1])


def metro_teams(playbook: Playbook, attackers: int | None = None) -> MetroTeamsResult:
    """Reconnaissance strength, and how ``attackers`` interior-attack personnel split into teams."""
    settings = load_settings().metro_teams
    calc = "metro teams"
    count_p = require(playbook, settings.recon_group_count, calculator=calc, both_ends=True)
    size_p = require(playbook, settings.recon_group_size, calculator=calc, both_ends=True)
    attack_p = require(playbook, settings.attack_group_size, calculator=calc, both_ends=True)
    spacing_p = require(playbook, settings.attack_group_spacing, calculator=calc, both_ends=True)
    teams, size = _whole(ends(count_p)), _whole(ends(size_p))
    attack_teams = column = None
    if attackers is not None:
        smallest, largest = _whole(ends(attack_p))
        if attackers < smallest:
            raise InputError(f"{attackers} cannot form one team of {smallest}–{largest} persons",
                             field="attackers")  # fmt: skip
        attack_teams = (math.ceil(attackers / largest), attackers // smallest)
        spacing = ends(spacing_p)
        column = ((attack_teams[0] - 1) * spacing[0], (attack_teams[1] - 1) * spacing[1])
    return MetroTeamsResult(
        playbook=playbook.id, recon_teams=teams, recon_team_size=size,
        recon_personnel=(teams[0] * size[0], teams[1] * size[1]), attackers=attackers,
        attack_teams=attack_teams, column_length_m=column,
        parameters=tuple(ParameterRef.of(p) for p in (count_p, size_p, attack_p, spacing_p)),
        reading=settings.reading,
    )  # fmt: skip
