"""Read YAML into pydantic models, reporting a bad value with its file, line and field.

PyYAML's ``safe_load`` forgets where values came from; we compose the node tree once to keep a
map from each key path to its line, then translate pydantic's error location into that line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import ValidationError

from firedrill.errors import InputError

# libyaml's loader when present: the same results, several times faster (start-up loads ~20 files).
Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

M = TypeVar("M")
PathKey = tuple[str | int, ...]


# A few kilobytes of nested aliases expand to billions of nodes ("billion laughs"); every walk over
# the data (the line map, validation) would then run for hours. No honest file comes near these.
MAX_EXPANDED_NODES = 1_000_000
MERGE_KEY = "<<"


def _expanded_size(node: yaml.Node, sizes: dict[int, int]) -> int:
    """How many nodes ``node`` stands for once every alias is expanded (each shared node counted once)."""
    known = sizes.get(id(node))
    if known is not None:
        return known
    sizes[id(node)] = 1  # a node inside itself (a recursive alias) counts once
    children = [v for pair in node.value for v in pair] if isinstance(node, yaml.MappingNode) else \
        list(node.value) if isinstance(node, yaml.SequenceNode) else []  # fmt: skip
    total = 1
    for child in children:
        total += _expanded_size(child, sizes)
        if total > MAX_EXPANDED_NODES:
            break
    sizes[id(node)] = total
    return total


def _duplicate_key_line(node: yaml.MappingNode) -> tuple[str, int] | None:
    seen: set[str] = set()
    for key_node, _ in node.value:
        key = key_node.value
        if not isinstance(key, str) or key == MERGE_KEY:
            continue
        if key in seen:
            return key, key_node.start_mark.line + 1
        seen.add(key)
    return None


def _refuse_duplicate_keys(root: yaml.Node, file: str | Path) -> None:
    """PyYAML keeps the last of two equal keys in silence; a config read that way lies. Checked on
    the composed nodes, before construction merges ``<<`` keys into them."""
    seen: set[int] = set()
    pending = [root]
    while pending:
        node = pending.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            duplicate = _duplicate_key_line(node)
            if duplicate is not None:
                raise InputError(f"the key '{duplicate[0]}' appears twice in one mapping", file=file,
                                 line=duplicate[1])  # fmt: skip
            pending += [v for pair in node.value for v in pair]
        elif isinstance(node, yaml.SequenceNode):
            pending += node.value


def _line_map(node: yaml.Node, path: PathKey, out: dict[PathKey, int]) -> None:
    out.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value
            out[(*path, key)] = key_node.start_mark.line + 1
            _line_map(value_node, (*path, key), out)
            # The value's own line wins for nested lookups, the key line for the field itself.
            out[(*path, key)] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _line_map(item, (*path, index), out)


def _bad_scalar_line(node: yaml.Node | None) -> int | None:
    """The line of the first scalar that cannot be constructed (a date or number out of range)."""
    if node is None:
        return None
    if isinstance(node, yaml.ScalarNode):
        try:
            yaml.SafeLoader("").construct_object(node)
        except (ValueError, OverflowError):
            return node.start_mark.line + 1
        return None
    children = [v for pair in node.value for v in pair] if isinstance(node, yaml.MappingNode) else \
        list(node.value) if isinstance(node, yaml.SequenceNode) else []  # fmt: skip
    for child in children:
        found = _bad_scalar_line(child)
        if found is not None:
            return found
    return None


def parse_yaml(text: str, file: str | Path) -> tuple[Any, dict[PathKey, int]]:
    """Parse YAML text; return the data and a map from key paths to 1-based line numbers."""
    try:
        loader = Loader(text)
        try:
            node = loader.get_single_node()
            if node is not None and _expanded_size(node, {}) > MAX_EXPANDED_NODES:
                raise InputError(
                    f"expands to more than {MAX_EXPANDED_NODES:,} values through its aliases (&/*); "
                    "no firedrill file needs that", file=file,
                )
            if node is not None:
                _refuse_duplicate_keys(node, file)
            try:
                data = loader.construct_document(node) if node is not None else None
            except (ValueError, OverflowError) as exc:  # e.g. an unquoted date that does not exist: 2027-13-01
                line = _bad_scalar_line(node)
                raise InputError(f"not a valid value: {exc}", file=file, line=line) from None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = mark.line + 1 if mark is not None else None
        raise InputError(f"not valid YAML: {exc.problem}", file=file, line=line) from None
    except yaml.YAMLError as exc:
        raise InputError(f"not valid YAML: {exc}", file=file) from None
    lines: dict[PathKey, int] = {}
    if node is not None:
        _line_map(node, (), lines)
    return data, lines


def describe_validation_error(
    exc: ValidationError, file: str | Path | None = None, lines: dict[PathKey, int] | None = None
) -> InputError:
    """Turn pydantic's first error into an InputError with file, line and dotted field path."""
    first = exc.errors()[0]
    loc: PathKey = tuple(p for p in first["loc"] if isinstance(p, str | int))
    line = None
    if lines:
        for cut in range(len(loc), -1, -1):
            if loc[:cut] in lines:
                line = lines[loc[:cut]]
                break
    field = ".".join(str(p) for p in loc) or None
    message = first["msg"].removeprefix("Value error, ").removeprefix("Assertion failed, ")
    if first["type"] in ("extra_forbidden", "unexpected_keyword_argument"):
        message = "unknown field"
    elif first["type"] in ("missing", "missing_keyword_only_argument", "missing_argument"):
        message = "required field is missing"
    if "input" in first and not first["type"].startswith("missing") and not isinstance(first["input"], dict | list):
        message += f" (got {first['input']!r})"
    return InputError(message, field=field, file=file, line=line)


def read_mapping(path: Path, text: str | None = None) -> tuple[dict[str, Any], dict[PathKey, int]]:
    """Read a YAML file whose top is a mapping; return it with its line map, or one InputError."""
    if text is None:
        from firedrill.textfile import read_text_file

        text = read_text_file(path)
    data, lines = parse_yaml(text, path)
    if not isinstance(data, dict):
        raise InputError("expected a mapping at the top of the file", file=path, line=1)
    return data, lines


def load_model(model: type[M], path: Path, text: str | None = None) -> M:
    """Load one YAML file as ``model``; any problem becomes one InputError naming file and line."""
    from firedrill.adapters import validate

    data, lines = read_mapping(path, text)
    try:
        return validate(model, data)
    except ValidationError as exc:
        raise describe_validation_error(exc, path, lines) from None
