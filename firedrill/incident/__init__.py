"""The incident core: one event model of an incident's facts, one fold that reads them back, and one
``Desk`` through which every front end (console, CLI, replay recorder) changes an incident.

No Textual, no CLI. Nothing is imported here, so the console's first frame can take the light
``firedrill.incident.entry`` (typed text → facts) without loading pydantic. See docs/incident.md.
"""
