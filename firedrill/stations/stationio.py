"""Load the station list from CSV or YAML; a bad row is one InputError naming file, line and field.

CSV: a header row (id, name, kind, lon, lat, node, engines, formations, status, parent, district),
optionally preceded by ``#`` comment lines; a comment of the form ``# key: value`` is metadata
(``# sample: true`` marks sample data). YAML: ``meta:`` (mapping) and ``stations:`` (a list of rows).
A unit is placed either by ``node`` (a road-graph node id) or by ``lon``/``lat`` (snapped later).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from firedrill.errors import InputError
from firedrill.stations.kinds import StationKind, Status
from firedrill.stations.settings import Settings, load_settings
from firedrill.yamlio import describe_validation_error, load_model, parse_yaml

COLUMNS = ("id", "name", "kind", "lon", "lat", "node", "engines", "formations", "status", "parent", "district")
REQUIRED_COLUMNS = ("id", "name", "kind", "engines", "formations")


class Station(BaseModel):
    """One unit that can be sent: a station, a brigade or a special unit."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    kind: StationKind
    lon: float | None = Field(default=None, ge=-180, le=180)
    lat: float | None = Field(default=None, ge=-90, le=90)
    node: str | None = None
    engines: int = Field(ge=0)
    formations: int = Field(ge=0)
    status: Status = Status.AVAILABLE
    parent: str | None = None
    district: str | None = None
    line: int | None = Field(default=None, exclude=True)

    @field_validator("kind", mode="before")
    @classmethod
    def _kind(cls, value: Any) -> StationKind:
        return value if isinstance(value, StationKind) else StationKind.parse(str(value))

    @field_validator("status", mode="before")
    @classmethod
    def _status(cls, value: Any) -> Status:
        return value if isinstance(value, Status) else Status.parse(str(value))

    @field_validator("id", "node", "parent", mode="before")
    @classmethod
    def _as_text(cls, value: Any) -> Any:
        return str(value).strip() if isinstance(value, int | str) else value

    @model_validator(mode="after")
    def _placed(self) -> Station:
        if self.node is None and (self.lon is None or self.lat is None):
            raise ValueError("give either 'node' or both 'lon' and 'lat'")
        return self


class StationSet(BaseModel):
    """The loaded list, its metadata and where it came from."""

    model_config = ConfigDict(frozen=True)

    source: str
    meta: dict[str, str]
    stations: tuple[Station, ...]

    @property
    def is_sample(self) -> bool:
        return self.meta.get("sample", "").lower() == "true"


class _StationFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    meta: dict[str, str | bool | int | float] = {}
    stations: list[Station] = Field(min_length=1)


def _check_rows(stations: Sequence[Station], source: str, settings: Settings) -> None:
    seen: dict[str, int | None] = {}
    for s in stations:
        if s.id in seen:
            raise InputError(f"duplicate id {s.id!r} (first on line {seen[s.id]})", field="id", file=source,
                             line=s.line)
        seen[s.id] = s.line
    by_id = {s.id: s for s in stations}
    followers = settings.kinds_where("follows_parent")
    counted = settings.kinds_where("counts_as_station")
    for s in stations:
        if s.kind in followers and s.parent is None:
            raise InputError(f"a {s.kind.label.en} needs a 'parent' station", field="parent", file=source,
                             line=s.line)
        if s.parent is not None:
            parent = by_id.get(s.parent)
            if parent is None or parent.kind not in counted:
                raise InputError(f"parent {s.parent!r} is not a fire rescue station in this file",
                                 field="parent", file=source, line=s.line)


def _row_error(exc: ValidationError, source: str, line: int) -> InputError:
    error = describe_validation_error(exc, source)
    return InputError(error.message, field=error.field, file=source, line=line)


def _load_csv(path: Path, text: str) -> tuple[dict[str, str], list[Station]]:
    lines = text.splitlines()
    meta: dict[str, str] = {}
    skip = 0
    while skip < len(lines) and (lines[skip].startswith("#") or not lines[skip].strip()):
        key, sep, value = lines[skip].lstrip("#").partition(":")
        if sep and key.strip().isidentifier():
            meta[key.strip()] = value.strip()
        skip += 1
    reader = csv.DictReader(io.StringIO("\n".join(lines[skip:])))
    header = [h.strip() for h in reader.fieldnames or []]
    for name in header:
        if name not in COLUMNS:
            raise InputError(f"unknown column {name!r}; expected {', '.join(COLUMNS)}", field=name, file=path,
                             line=skip + 1)
    for name in REQUIRED_COLUMNS:
        if name not in header:
            raise InputError("required column is missing", field=name, file=path, line=skip + 1)
    stations: list[Station] = []
    for row in reader:
        line = skip + reader.line_num
        if None in row:
            raise InputError("more cells than columns", file=path, line=line)
        data = {k.strip(): v.strip() for k, v in row.items() if v is not None and v.strip()}
        try:
            stations.append(Station.model_validate({**data, "line": line}))
        except ValidationError as exc:
            raise _row_error(exc, str(path), line) from None
    if not stations:
        raise InputError("no stations listed", file=path, line=skip + 1)
    return meta, stations


def load_stations(path: str | Path, settings: Settings | None = None) -> StationSet:
    """Read stations from ``.csv`` or ``.yaml``/``.yml``."""
    path = Path(path)
    settings = settings or load_settings()
    from firedrill.textfile import read_text_file

    text = read_text_file(path)
    if path.suffix.lower() == ".csv":
        meta, stations = _load_csv(path, text)
    elif path.suffix.lower() in (".yaml", ".yml"):
        meta, stations = _load_yaml(path, text)
    else:
        raise InputError("stations file must be .csv, .yaml or .yml", file=path)
    _check_rows(stations, str(path), settings)
    return StationSet(source=str(path), meta=meta, stations=tuple(stations))


def _load_yaml(path: Path, text: str) -> tuple[dict[str, str], list[Station]]:
    parsed = load_model(_StationFile, path, text)
    _, lines = parse_yaml(text, path)
    stations = [s.model_copy(update={"line": lines.get(("stations", i))}) for i, s in enumerate(parsed.stations)]
    meta = {k: str(v).lower() if isinstance(v, bool) else str(v) for k, v in parsed.meta.items()}
    return meta, stations


def stations_from_rows(rows: Sequence[Mapping[str, Any]], source: str = "<rows>") -> StationSet:
    """Build a StationSet from dicts (tests, generators); same checks as the files."""
    stations = []
    for i, row in enumerate(rows, start=1):
        try:
            stations.append(Station.model_validate({**row, "line": i}))
        except ValidationError as exc:
            raise _row_error(exc, source, i) from None
    _check_rows(stations, source, load_settings())
    return StationSet(source=source, meta={}, stations=tuple(stations))
