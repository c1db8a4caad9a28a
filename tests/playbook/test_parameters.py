"""Structured parameters carry exactly the numbers of the sentence they quote, and cite where it is."""

from __future__ import annotations

import re

import pytest

from firedrill.playbook.citations import find_entry
from firedrill.playbook.loader import Library

from .helpers import EXPECTED_IDS, squash

RANGE = re.compile(r"(\d+(?:\.\d+)?)\s*[—–~～-]\s*(\d+(?:\.\d+)?)")
NUMBER = re.compile(r"\d+(?:\.\d+)?")


def test_the_calculators_parameters_exist(library: Library) -> None:
    ids = {(pid, p.id) for pid in EXPECTED_IDS for p in library.get(pid).parameters}
    for needed in [("oil-tank", "burning_tank_cooling_intensity"), ("oil-tank", "adjacent_tank_cooling_intensity"),
                   ("epidemic-zone", "zone_severe"), ("epidemic-zone", "zone_moderate"),
                   ("epidemic-zone", "zone_light"), ("epidemic-zone", "zone_safe"),
                   ("theatre", "roof_collapse_window"), ("metro", "recon_group_count")]:  # fmt: skip
        assert needed in ids


@pytest.mark.parametrize("playbook_id", EXPECTED_IDS)
def test_minimum_and_maximum_are_the_numbers_of_the_quote(library: Library, playbook_id: str) -> None:
    for p in library.get(playbook_id).parameters:
        numbers = [float(n) for n in NUMBER.findall(p.quote)]
        if p.minimum is not None and p.maximum is not None and p.minimum != p.maximum:
            ranges = [(float(a), float(b)) for a, b in RANGE.findall(p.quote)]
            assert (p.minimum, p.maximum) in ranges, f"{p.id}: {p.minimum}–{p.maximum} vs “{p.quote}”"
        for bound in (p.minimum, p.maximum):
            if bound is not None:
                assert bound in numbers, f"{p.id}: {bound} is not a number of “{p.quote}”"


@pytest.mark.parametrize("playbook_id", EXPECTED_IDS)
def test_each_parameter_quotes_the_item_it_cites(library: Library, playbook_id: str) -> None:
    playbook = library.get(playbook_id)
    for p in playbook.parameters:
        entry = find_entry(playbook, p.cite)
        body = squash("".join(t.zh for t in (entry.heading, entry.text) if t is not None))
        assert squash(p.quote) in body, f"{p.id}: “{p.quote}” is not in {p.cite}"


@pytest.mark.parametrize("playbook_id", EXPECTED_IDS)
def test_linked_units_citing_the_playbook_quote_that_item(library: Library, playbook_id: str) -> None:
    playbook = library.get(playbook_id)
    for unit in playbook.linked_units:
        if unit.cite.startswith("附件"):
            entry = find_entry(playbook, unit.cite)
            body = squash("".join(t.zh for t in (entry.heading, entry.text) if t is not None))
            assert squash(unit.quote) in body, f"{unit.name.zh}: “{unit.quote}” is not in {unit.cite}"
