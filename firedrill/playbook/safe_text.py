"""Text from a file made safe to print on a terminal: no control characters, no bidi overrides.

A local playbook is a file anyone may write; an escape sequence in it must not reach the
terminal (it could retitle the window, hide lines or rewrite what the commander reads).
"""

from __future__ import annotations

import unicodedata

# Bidirectional embeddings, overrides and isolates reorder what is shown (the "Trojan source" trick).
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def clean(text: str) -> str:
    """``text`` with every control (C0, C1, DEL) and bidi control removed; tabs and newlines become spaces."""
    out = []
    for ch in text:
        if ch in "\t\n\r":
            out.append(" ")
        elif unicodedata.category(ch) == "Cc" or ch in BIDI_CONTROLS:
            continue
        else:
            out.append(ch)
    return "".join(out)


def clean_lines(lines: list[str]) -> list[str]:
    return [clean(line) for line in lines]


def escape_json(text: str) -> str:
    """JSON text with the controls ``json.dumps(ensure_ascii=False)`` leaves raw (DEL, C1, bidi)
    written as ``\\uXXXX`` escapes: the same JSON value, nothing a terminal acts on."""
    return "".join(f"\\u{ord(ch):04x}" if (unicodedata.category(ch) == "Cc" and ch not in "\n") or ch in BIDI_CONTROLS
                   else ch for ch in text)  # fmt: skip
