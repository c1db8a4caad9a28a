"""The console's controller screen for a live exercise (``firedrill console --controller SCRIPT``).

Textual is imported by ``screen`` and ``widgets`` only; ``launch`` opens the journal and the
exercise incident and hosts the screen.
"""
