"""The dispatcher console (Textual), a layer over the engine.

Import ``firedrill.tui.app.create_app`` to build the app; this package imports nothing itself so
that ``firedrill`` commands other than the console never load Textual.
"""
