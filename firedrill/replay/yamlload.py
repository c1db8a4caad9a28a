"""YAML for scenario scripts: one parse that keeps each key's line, with times left as text.

YAML 1.1 reads ``1:05:30`` as the base-60 integer 3930 and ``23:52`` as 1432; a script's times
must stay text, so this loader resolves only plain decimal integers. Duplicate keys, which PyYAML
silently lets the last one win, are an error here.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from firedrill.errors import InputError
from firedrill.replay.yamlblock import read_block
from firedrill.replay.yamlfast import INT_TAG, GiveUp, read_events

PathKey = tuple[str | int, ...]


class LineMap(dict[PathKey, int]):
    """Key paths → 1-based lines; ``flows`` holds the paths of mappings written in flow style (``{…}``)."""

    flows: frozenset[PathKey] = frozenset()


_PLAIN_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9_]*)$")

_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TAGS: dict[tuple[str, Any], str] = {}
_TAGS_KEPT = 4096
_TAG_TEXT_KEPT = 200


class ScriptLoader(_Base):  # type: ignore[misc]
    """SafeLoader (libyaml when present) without base-60 integers."""

    plain_int = _PLAIN_INT
    resolved_tags = _TAGS

    def resolve(self, kind: type[yaml.Node], value: Any, implicit: Any) -> str:
        # A scalar's tag depends only on its text and style (this loader has no path resolvers), and a
        # script repeats the same few words and numbers: each is resolved once.
        if kind is not yaml.ScalarNode or len(value) > _TAG_TEXT_KEPT:
            return str(super().resolve(kind, value, implicit))
        key = (value, implicit)
        tag = _TAGS.get(key)
        if tag is None:
            if len(_TAGS) >= _TAGS_KEPT:
                _TAGS.clear()
            tag = _TAGS[key] = super().resolve(kind, value, implicit)
        return tag


ScriptLoader.yaml_implicit_resolvers = {
    first: [(INT_TAG, _PLAIN_INT) if tag == INT_TAG else (tag, regexp) for tag, regexp in resolvers]
    for first, resolvers in _Base.yaml_implicit_resolvers.items()
}


def _walk(
    node: yaml.Node, path: PathKey, out: dict[PathKey, int], file: str | Path, flows: set[PathKey], seen_nodes: set[int]
) -> None:  # fmt: skip
    out.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode | yaml.SequenceNode):
        # An alias brings back a node already seen: refused, since nested aliases grow a small file
        # into billions of values (and a script has nothing to repeat).
        if id(node) in seen_nodes:
            raise _problem(file, "aliases", path, node.start_mark.line + 1)
        seen_nodes.add(id(node))
    if isinstance(node, yaml.MappingNode):
        if node.flow_style:
            flows.add(path)
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = key_node.value
            line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode):  # ``? [a, b]``: no field has such a name
                raise _problem(file, "key_not_text", path, line)
            if key in seen:
                raise _problem(file, "key_twice", (*path, key), line, key=key)
            seen.add(key)
            _walk(value_node, (*path, key), out, file, flows, seen_nodes)
            out[(*path, key)] = line
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, (*path, index), out, file, flows, seen_nodes)


def _problem(file: str | Path, code: str, path: PathKey, line: int | None, hint: str | None = None,
             **params: Any) -> InputError:  # fmt: skip
    """One problem of the file, worded in the user's language when printed (``problems.py``)."""
    from firedrill.replay.problems import FileProblems, Problem  # problems.py reads this module's line maps

    return FileProblems(file, [Problem(code=code, path=path, line=line, params=params, hint=hint)])


@cache
def _words_loader() -> Any:
    """The row reader asks a loader only to resolve and build single words, which reads no text: one
    loader, made on first use, serves every script."""
    return ScriptLoader("")


def load_yaml(text: str, file: str | Path) -> tuple[Any, LineMap]:
    """The data of ``text`` and a map from key paths to 1-based lines; bad YAML is one InputError."""
    try:
        data, found, flows = read_block(text, _words_loader())
    except GiveUp:
        loader = ScriptLoader(text)
        try:
            data, found, flows = read_events(loader)
        except GiveUp:
            return _composed(text, file)
        finally:
            loader.dispose()
    lines = LineMap(found)
    lines.flows = frozenset(flows)
    return data, lines


def _composed(text: str, file: str | Path) -> tuple[Any, LineMap]:
    """The node tree composed, walked for lines and refusals, then built by PyYAML's constructor."""
    loader = ScriptLoader(text)
    lines = LineMap()
    try:
        node = loader.get_single_node()
        if node is None:
            return None, lines
        flows: set[PathKey] = set()
        _walk(node, (), lines, file, flows, set())
        lines.flows = frozenset(flows)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        line = None if exc.problem_mark is None else exc.problem_mark.line + 1
        hint = "flow_yaml" if "flow" in f"{exc.context} {exc.problem}" else None
        raise _problem(file, "yaml", (), line, hint=hint, problem=exc.problem) from None
    except yaml.YAMLError as exc:
        raise _problem(file, "yaml", (), None, problem=str(exc)) from None
    finally:
        loader.dispose()
    return data, lines


def line_of(lines: dict[PathKey, int], *path: str | int) -> int | None:
    """The line of ``path``, or of its nearest parent that has one."""
    for cut in range(len(path), -1, -1):
        if path[:cut] in lines:
            return lines[path[:cut]]
    return None
