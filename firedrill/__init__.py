"""firedrill: decision support for a fire command centre, from the Wuhan 2021 plan.

The engine (rules, playbooks, journal, replay, quiz, stations) never imports Textual; the
console in ``firedrill.tui`` is a layer over it.
"""

__version__ = "0.1.0"
