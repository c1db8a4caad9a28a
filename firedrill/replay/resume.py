"""What a trainee answered, as an answers file: written after every interactive drill so that a
drill stopped early (Ctrl-C, end of input) can be resumed with ``firedrill drill FILE --resume``.

The file is the ordinary answers format (docs/scenarios.md), so it can also be scored on its own
with ``--answers``. Each tick is written as seconds after its prompt, as the drill stamped it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from firedrill.errors import InputError
from firedrill.replay.drill import DrillResult


def answers_data(result: DrillResult) -> dict[str, Any]:
    answers: list[dict[str, Any]] = []
    for m in result.marks:
        if m.declared is None:
            continue
        item: dict[str, Any] = {"inject": m.number, **m.declared.model_dump(mode="json", exclude_defaults=True)}
        item["seconds"] = m.seconds if m.seconds is not None else 0
        ticks = [
            {"step": t.step, "seconds": round((t.at - m.at).total_seconds(), 1), **({"by": t.by} if t.by else {})}
            for t in result.ticks if t.prompt == m.number
        ]  # fmt: skip
        if ticks:
            item["ticks"] = ticks
        answers.append(item)
    data: dict[str, Any] = {"script": result.script_id, "trainee": result.trainee}
    if result.roles:
        data["roles"] = list(result.roles)
    data["answers"] = answers
    acks = [{"inject": d.number, "seconds": d.seconds} for d in result.deliveries if d.acknowledged]
    if acks:
        data["acks"] = acks
    return data


def write_answers(result: DrillResult, path: Path) -> Path:
    text = yaml.safe_dump(answers_data(result), allow_unicode=True, sort_keys=False)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot write the answers: {exc.strerror}", file=path, field="--out") from None
    return path
