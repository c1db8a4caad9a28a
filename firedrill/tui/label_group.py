"""One group of a console part's own bilingual words, from the ``labels.yaml`` beside it.

Read once, when first asked for, with the safe YAML loader (like the console's own words); every
key is validated through ``firedrill.models.Text`` in the tests.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

import yaml


class LabelGroup:
    """The labels of ``group`` in the file ``path``: key → {"zh": …, "en": …}."""

    def __init__(self, path: Path, group: str) -> None:
        self.path, self.group = path, group

    @cached_property
    def labels(self) -> dict[str, dict[str, str]]:
        with self.path.open(encoding="utf-8") as handle:
            data: dict[str, dict[str, dict[str, str]]] = yaml.safe_load(handle)
        return data[self.group]

    def word(self, key: str, lang: str) -> str:
        """The label ``key`` in ``lang`` ('zh' or 'en')."""
        return self.labels[key]["en" if lang == "en" else "zh"]

    def keys(self) -> tuple[str, ...]:
        return tuple(self.labels)
