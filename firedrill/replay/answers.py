"""A trainee's answers: what is declared at a prompt, and the answers file of a non-interactive drill."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from firedrill.errors import InputError
from firedrill.models import Level, Trigger
from firedrill.replay.yamlload import PathKey, load_yaml
from firedrill.yamlio import describe_validation_error


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class DispatchDeclared(_Strict):
    stations: int | None = Field(default=None, ge=0)
    formations: int | None = Field(default=None, ge=0)
    engines: int | None = Field(default=None, ge=0)


class Declaration(_Strict):
    level: Level
    triggers: tuple[Trigger, ...] = ()
    dispatch: DispatchDeclared | None = None
    opened_playbook: bool = False


class Answer(Declaration):
    inject: int = Field(ge=1)
    seconds: float = Field(ge=0)


class AnswerFile(_Strict):
    script: str | None = None  # the script id, checked when given
    trainee: str = Field(default="trainee", min_length=1)
    answers: tuple[Answer, ...] = ()


def load_answers(path: str | Path) -> tuple[AnswerFile, dict[PathKey, int]]:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot read the answers: {exc.strerror}", file=path) from None
    data, lines = load_yaml(text, str(path))
    if not isinstance(data, dict):
        raise InputError("expected a mapping at the top of the answers file", file=path, line=1)
    try:
        return AnswerFile.model_validate(data), lines
    except ValidationError as exc:
        raise describe_validation_error(exc, str(path), lines) from None
