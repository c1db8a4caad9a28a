"""Reading a user's text file: UTF-8 (with or without a BOM), bounded in size, one clear line otherwise.

Every file firedrill reads from a user (config, incident JSON, scenario scripts, answers, local
playbooks, station tables) comes through here, so a GBK file saved by a Windows editor, a binary
file or a file of gigabytes gets the same one-line message naming the file, never a
UnicodeDecodeError or a hang.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from firedrill.errors import InputError

MAX_FILE_BYTES = 8 * 1024 * 1024  # the largest shipped table is ~0.2 MB; a user's file is far below this
STDIN = "-"


def read_text_file(path: str | Path, *, limit: int = MAX_FILE_BYTES) -> str:
    """The file's text, decoded as UTF-8 (a leading BOM dropped); ``-`` reads standard input."""
    name = str(path)
    try:
        if name == STDIN:
            data = sys.stdin.buffer.read(limit + 1)
        else:
            with Path(path).open("rb") as handle:
                data = handle.read(limit + 1)
    except IsADirectoryError:
        raise InputError("is a directory, not a file", file=name) from None
    except FileNotFoundError:
        raise InputError("no such file", file=name) from None
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}", file=name) from None
    if len(data) > limit:
        raise InputError(f"too large: over {limit // (1024 * 1024)} MB, more than any such file needs", file=name)
    return decode_utf8(data, name)


def decode_utf8(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        hint = ""
        try:
            data.decode("gb18030")
            hint = "; it looks like GBK/GB18030 (a Windows default in China): save it as UTF-8"
        except UnicodeDecodeError:
            hint = "; save it as UTF-8 text"
        raise InputError(f"not UTF-8 text (byte 0x{data[exc.start]:02x}){hint}", file=name, line=line) from None


def read_json_file(path: str | Path, *, limit: int = MAX_FILE_BYTES) -> Any:
    """The file's JSON value; bad JSON names its line, and absurd nesting is refused, not a crash."""
    text = read_text_file(path, limit=limit)
    return parse_json(text, str(path))


def parse_json(text: str, name: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"not valid JSON: {exc.msg}", file=name, line=exc.lineno) from None
    except RecursionError:
        raise InputError("not valid JSON here: nested too deeply", file=name) from None
    except ValueError as exc:  # an integer of thousands of digits: Python refuses to convert it
        raise InputError(f"not a usable JSON value: {exc}".split(";")[0], file=name) from None
