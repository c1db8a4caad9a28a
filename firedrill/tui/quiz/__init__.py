"""The quiz in the console: ``QuizScreen`` (push it with a ``firedrill.quiz.session.Session``) and a
small standalone app (``python -m firedrill.tui.quiz``) that asks for a name, then runs a session."""

from firedrill.tui.quiz.screen import QuizScreen

__all__ = ["QuizScreen"]
