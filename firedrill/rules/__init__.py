"""The rules of the 2021 plan as code over data: grading (1.4), escalation (4.3), activation (4.2),
dispatch (4.4), organisation (2.x). Import ``assess`` and ``load_rulebook`` from here."""

from firedrill.rules.engine import assess
from firedrill.rules.loader import Rulebook, load_rulebook

__all__ = ["Rulebook", "assess", "load_rulebook"]
