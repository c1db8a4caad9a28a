"""Scripted scenario replays and scored drills (issue #5): script schema and parser, the replay
engine and its timeline, expectations, drill scoring, after-action reports, record → script.

Import from the submodules: ``firedrill.replay.parser`` (load_script), ``.engine`` (Replay,
Cursor, State), ``.expect`` (check_replay), ``.drill`` (score_drill), ``.report``, ``.record``.
The engine never imports Textual; see docs/scenarios.md.
"""
