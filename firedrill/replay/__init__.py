"""Scripted scenario replays and scored drills: script schema and parser, the replay engine and
its timeline, expectations, drill scoring (with the trainee's procedure ticks), after-action
reports, record → script.

Import from the submodules: ``firedrill.replay.parser`` (load_script), ``.engine`` (Replay,
State; ``.cursor``: Cursor), ``.expect`` (check_replay), ``.drill`` (score_drill), ``.procedure_rating``
(Tick, rate_procedure), ``.demand`` (what the procedure demands by a time), ``.report``, ``.record``.
The engine never imports Textual; see docs/scenarios.md.
"""
