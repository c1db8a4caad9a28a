"""The master scenario events list (MSEL): a script's inject table as CSV or an Excel workbook,
for designers who work in a spreadsheet, and back into the script.

Columns: seq, time, from, to, method, message (zh, en), expected action (zh, en), clause,
objective (zh, en). ``time`` is the inject's time as the script writes it; ``to`` lists roles
(or free text) separated by ``;``. Import updates the injects of the same ``seq`` (number) and
appends a row with a new number as a new inject (message only); injects not in the table, and
every column the table does not have (facts, prompts, conditions), are left as they are.

Both formats are byte-stable: a table exported, imported unchanged and exported again is the
same file, byte for byte (the workbook's dates and the zip entries' times are fixed).
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from firedrill.errors import InputError
from firedrill.replay.parser import LoadedScript
from firedrill.replay.schema import Method

COLUMNS = (
    "seq", "time", "from", "to", "method", "message_zh", "message_en", "expected_action_zh", "expected_action_en",
    "clause", "objective_zh", "objective_en",
)  # fmt: skip
SAID = {"message": ("message_zh", "message_en"), "expected_action": ("expected_action_zh", "expected_action_en"),
        "objective": ("objective_zh", "objective_en")}  # fmt: skip
FIXED_TIME = datetime(2000, 1, 1)  # the workbook's own dates: fixed, so that the bytes do not change
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
Row = dict[str, str]


def rows_of(loaded: LoadedScript) -> list[Row]:
    rows = []
    for index, inject in enumerate(loaded.script.injects):
        row = {c: "" for c in COLUMNS}
        row["seq"] = str(loaded.inject_number(index))
        row["time"] = inject.at.text
        row["from"] = inject.sender or ""
        row["to"] = "; ".join(inject.to)
        row["method"] = inject.method.value if inject.method else ""
        for name, (zh, en) in SAID.items():
            said = getattr(inject, name)
            if said is not None:
                row[zh], row[en] = said.zh, said.en or ""
        row["clause"] = inject.clause or ""
        rows.append(row)
    return rows


def to_csv(rows: list[Row]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def from_csv(text: str, file: str) -> list[Row]:
    reader = csv.DictReader(io.StringIO(text.removeprefix("\ufeff")))
    _check_header(reader.fieldnames or [], file)
    return [{c: (row.get(c) or "").strip() for c in COLUMNS} for row in reader]


def _check_header(header: Sequence[str], file: str) -> None:
    missing = [c for c in ("seq", "time") if c not in header]
    unknown = [c for c in header if c and c not in COLUMNS]
    if missing or unknown:
        raise InputError(f"the table's columns are {', '.join(COLUMNS)}"
                         + (f"; missing {', '.join(missing)}" if missing else "")
                         + (f"; unknown {', '.join(unknown)}" if unknown else ""), file=file, line=1)  # fmt: skip


def to_xlsx(rows: list[Row]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook has one sheet
    sheet.title = "MSEL"
    sheet.append(list(COLUMNS))
    for row in rows:
        sheet.append([row[c] for c in COLUMNS])
    book.properties.created = book.properties.modified = FIXED_TIME
    raw = io.BytesIO()
    book.save(raw)
    return _stable_zip(raw.getvalue())


_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def _stable_zip(data: bytes) -> bytes:
    """The same archive with every entry's time fixed (openpyxl stamps the save time as modified)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _MODIFIED.sub(rb"\g<1>" + FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode() + rb"\g<2>",
                                        content)  # fmt: skip
            target.writestr(fixed, content)
    return out.getvalue()


def from_xlsx(data: bytes, file: str) -> list[Row]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise InputError("not an Excel workbook (.xlsx)", file=file) from None
    sheet = book.worksheets[0]
    values = [["" if v is None else str(v).strip() for v in row] for row in sheet.iter_rows(values_only=True)]
    if not values:
        raise InputError("the workbook's first sheet is empty", file=file, line=1)
    header = tuple(values[0])
    _check_header(header, file)
    return [{c: (row[header.index(c)] if c in header and header.index(c) < len(row) else "") for c in COLUMNS}
            for row in values[1:] if any(row)]  # fmt: skip


def _said(row: Row, name: str) -> dict[str, str] | None:
    zh, en = (row[c] for c in SAID[name])
    if not zh:
        return None
    return {"zh": zh, "en": en} if en else {"zh": zh}


def _method(text: str, file: str, line: int) -> str | None:
    from firedrill.replay.words import w

    if not text:
        return None
    for method in Method:
        if text in (method.value, w("method", method.value, "zh"), w("method", method.value, "en")):
            return method.value
    raise InputError(f"unknown method {text!r} ({', '.join(m.value for m in Method)})", field="method", file=file,
                     line=line)  # fmt: skip


def apply_rows(data: dict[str, Any], rows: list[Row], file: str) -> dict[str, Any]:
    """The script data (as read from its YAML) with the table's columns written into its injects."""
    injects = [dict(i) for i in data.get("injects") or []]
    by_number = {int(i.get("seq", n + 1)): i for n, i in enumerate(injects)}
    for line, row in enumerate(rows, start=2):
        if not row["seq"].isdigit() or int(row["seq"]) < 1:
            raise InputError(f"seq must be a whole number from 1: {row['seq']!r}", field="seq", file=file, line=line)
        number = int(row["seq"])
        inject = by_number.get(number)
        if inject is None:
            inject = {"at": row["time"], "seq": number}
            injects.append(inject)
            by_number[number] = inject
        values: dict[str, Any] = {
            "at": row["time"], "from": row["from"] or None,
            "to": [t.strip() for t in row["to"].replace("；", ";").split(";") if t.strip()] or None,
            "method": _method(row["method"], file, line), "clause": row["clause"] or None,
        }  # fmt: skip
        values |= {name: _said(row, name) for name in SAID}
        for key, value in values.items():
            if value is None:
                inject.pop(key, None)
            else:
                inject[key] = value[0] if key == "to" and len(value) == 1 else value
    return {**data, "injects": injects}


def export_table(loaded: LoadedScript, path: str) -> bytes:
    """The table for ``path``: a workbook for ``.xlsx``, else CSV (UTF-8)."""
    rows = rows_of(loaded)
    return to_xlsx(rows) if path.lower().endswith(".xlsx") else to_csv(rows).encode("utf-8")


def import_table(script_text: str, script_file: str, table: bytes, table_file: str) -> str:
    """The script's YAML with the table written in (checked as a script before it is returned)."""
    from firedrill.replay.parser import parse_script
    from firedrill.replay.record import dump_script
    from firedrill.replay.yamlload import load_yaml

    if table_file.lower().endswith(".xlsx"):
        rows = from_xlsx(table, table_file)
    else:
        try:
            rows = from_csv(table.decode("utf-8-sig"), table_file)
        except UnicodeDecodeError:
            raise InputError("the table is not UTF-8 text (save it as CSV UTF-8)", file=table_file) from None
    data, _ = load_yaml(script_text, script_file)
    if not isinstance(data, dict):
        raise InputError("expected a mapping at the top of the script", file=script_file, line=1)
    text = dump_script(apply_rows(data, rows, table_file))
    parse_script(text, script_file)
    return text
