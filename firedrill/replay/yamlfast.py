"""A script's YAML read straight from libyaml's events: the data, each key's line and the flow
mappings, in one pass with no node tree. It reads the plain documents scripts are and gives up on
anything else — an anchor, an alias, an explicit tag, a merge key, a collection as a key, a key
twice, a second document, a scalar PyYAML's constructor refuses, any YAML error — and then the
composing reader of ``yamlload`` reads the text again and gives its data or its refusal, so the
result is always the composing reader's.
"""

from __future__ import annotations

from typing import Any

import yaml

Key = tuple[str | int, ...]
STR_TAG, INT_TAG = "tag:yaml.org,2002:str", "tag:yaml.org,2002:int"
NULL_TAG, BOOL_TAG = "tag:yaml.org,2002:null", "tag:yaml.org,2002:bool"
MERGE_TAG, VALUE_TAG = "tag:yaml.org,2002:merge", "tag:yaml.org,2002:value"


class GiveUp(Exception):
    """The document is one for the composing reader."""


NOT_SIMPLE: Any = object()  # a scalar the constructor must build (a float, a timestamp …)


def simple_value(loader: Any, tag: str, text: str) -> Any:
    """A scalar's value as ``loader``'s constructor builds it, for text, plain integers, null and
    booleans; ``NOT_SIMPLE`` for any other tag (or an integer written otherwise)."""
    if tag == STR_TAG:
        return text
    if tag == INT_TAG and loader.plain_int.match(text):
        return int(text.replace("_", ""))
    if tag == NULL_TAG:
        return None
    if tag == BOOL_TAG:
        return loader.bool_values[text.lower()]
    return NOT_SIMPLE


class _Reader:
    def __init__(self, loader: Any) -> None:
        self.loader = loader
        self.get = loader.get_event
        self.tags: dict[tuple[str, Any], str] = loader.resolved_tags
        self.lines: dict[Key, int] = {}
        self.flows: set[Key] = set()

    def tag(self, event: Any) -> str:
        if event.anchor is not None or event.tag is not None:
            raise GiveUp
        value, implicit = event.value, event.implicit
        return self.tags.get((value, implicit)) or str(self.loader.resolve(yaml.ScalarNode, value, implicit))

    def scalar(self, event: Any, tag: str) -> Any:
        value = simple_value(self.loader, tag, event.value)
        if value is not NOT_SIMPLE:
            return value
        # Floats, timestamps: the constructor's own code for the tag, on the node it would be given.
        return self.loader.construct_object(yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark,
                                                            event.style))  # fmt: skip

    def node(self, event: Any, path: Key) -> Any:
        lines, get = self.lines, self.get
        lines.setdefault(path, event.start_mark.line + 1)
        kind = type(event)
        if kind is yaml.ScalarEvent:
            tag = self.tag(event)
            return event.value if tag == STR_TAG else self.scalar(event, tag)
        if kind is yaml.SequenceStartEvent:
            if event.anchor is not None or event.tag is not None:
                raise GiveUp
            items: list[Any] = []
            event = get()
            while type(event) is not yaml.SequenceEndEvent:
                items.append(self.node(event, (*path, len(items))))
                event = get()
            return items
        if kind is not yaml.MappingStartEvent or event.anchor is not None or event.tag is not None:
            raise GiveUp  # an alias, or a collection with an anchor or a tag
        if event.flow_style:
            self.flows.add(path)
        data: dict[Any, Any] = {}
        seen: set[str] = set()
        key_event: Any = get()
        while type(key_event) is not yaml.MappingEndEvent:
            line = key_event.start_mark.line + 1
            if type(key_event) is not yaml.ScalarEvent:
                raise GiveUp
            tag, key = self.tag(key_event), key_event.value
            if key in seen or tag in (MERGE_TAG, VALUE_TAG):
                raise GiveUp
            seen.add(key)
            value = self.node(get(), (*path, key))
            lines[(*path, key)] = line
            data[key if tag == STR_TAG else self.scalar(key_event, tag)] = value
            key_event = get()
        return data


def read_events(loader: Any) -> tuple[Any, dict[Key, int], set[Key]]:
    """The one document of ``loader`` (a fresh ``ScriptLoader``): data, lines, flow mappings; or GiveUp."""
    reader = _Reader(loader)
    try:
        if type(reader.get()) is not yaml.StreamStartEvent or type(reader.get()) is not yaml.DocumentStartEvent:
            raise GiveUp  # an empty stream
        data = reader.node(reader.get(), ())
        if type(reader.get()) is not yaml.DocumentEndEvent or type(reader.get()) is not yaml.StreamEndEvent:
            raise GiveUp  # a second document
    except GiveUp:
        raise
    except Exception:  # a YAML error, a scalar the constructor refuses, a document nested too deep
        raise GiveUp from None
    return data, reader.lines, reader.flows
