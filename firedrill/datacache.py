"""Validated data files kept ready: a shipped YAML table is parsed and validated once, then read back.

Parsing and validating the rule tables costs more than grading a fire, and a one-shot
``firedrill classify`` or the console's first screen pays it on every start. ``load_cached`` keeps
the validated model as a pickle in the user's cache directory, keyed by the file's bytes, the model,
the versions of firedrill, pydantic and Python, and the size and time of the modules defining the
model and every model its fields hold, so an edited file, a new release or a changed schema is never
served stale: it is simply validated again.

Only files shipped with firedrill go through here (the pickle is read back without validation, so
it must come from a file that was validated, in a directory only the user writes). Where the cache
cannot be read or written (a read-only home, a full disk) the file is validated as before; a cache
problem never stops a command.
"""

from __future__ import annotations

import dataclasses
import os
import pickle
import sys
import zlib
from functools import cache
from pathlib import Path
from typing import Any, TypeVar, cast, get_args, get_origin, get_type_hints

M = TypeVar("M")
CACHE_ENV = "FIREDRILL_CACHE_DIR"
APP_NAME = "firedrill"


def cache_dir() -> Path:
    """``FIREDRILL_CACHE_DIR`` if set, else the platform's per-user cache directory."""
    explicit = os.environ.get(CACHE_ENV, "").strip()
    if explicit:
        return Path(explicit).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP_NAME))


@cache
def _pydantic_release() -> str:
    """Which pydantic is installed, without importing it (a table of pydantic models depends on it;
    one of plain dataclasses does not need pydantic loaded at all)."""
    from importlib.util import find_spec

    spec = find_spec("pydantic")
    origin = spec.origin if spec is not None else None
    if origin is None:
        return "none"
    stat = os.stat(Path(origin).with_name("version.py"))
    return f"{origin}:{stat.st_size}:{stat.st_mtime_ns}"


def _key(model: type, data: bytes) -> str:
    from firedrill import __version__

    parts = [getattr(model, "__module__", ""), repr(model), __version__, _pydantic_release(), sys.version]
    for name in sorted(_schema_modules(model)):
        file = getattr(sys.modules.get(name), "__file__", None)
        if file:
            stat = os.stat(file)
            parts.append(f"{name}:{stat.st_size}:{stat.st_mtime_ns}")
    # Two 32-bit checksums and the length, not a cryptographic hash: the key tells versions of a
    # shipped file apart (nobody forges them), and hashlib's OpenSSL start-up would cost a tenth of a
    # one-shot grade.
    whole = data + b"\0".join(p.encode() for p in parts)
    return f"{len(data):x}x{zlib.crc32(whole):08x}{zlib.adler32(whole):08x}"


def _field_types(kind: type) -> list[Any]:
    """The declared types of a dataclass's or a pydantic model's fields (none for other types)."""
    if dataclasses.is_dataclass(kind):
        return list(get_type_hints(kind).values())
    fields = getattr(kind, "model_fields", None)  # a pydantic model
    return [f.annotation for f in fields.values()] if isinstance(fields, dict) else []


def _schema_modules(model: type) -> set[str]:
    """The modules defining ``model`` and every model and enum its fields hold, at any depth."""
    seen: set[type] = set()
    pending: list[Any] = [model]
    while pending:
        item = pending.pop()
        if isinstance(item, type):
            if item in seen:
                continue
            seen.add(item)
            pending += _field_types(item)
            pending += [base for base in item.__mro__[1:] if base.__module__.startswith("firedrill")]
        pending += list(get_args(item))
    return {kind.__module__ for kind in seen if kind.__module__.startswith("firedrill")}


def load_cached(model: type[M], path: Path) -> M:
    """``load_model(model, path)``, served from the cache when the same file was validated before."""
    try:
        data = path.read_bytes()
    except OSError:
        from firedrill.yamlio import load_model

        return load_model(model, path)  # which reports the unreadable file in its own words
    target = cache_dir() / f"{path.stem}-{_key(model, data)}.pickle"
    try:
        found = pickle.loads(target.read_bytes())
        if isinstance(found, get_origin(model) or model):
            return cast(M, found)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        pass
    from firedrill.yamlio import load_model  # only when a table is read from its file

    loaded = load_model(model, path, data.decode("utf-8"))
    _store(target, loaded)
    return loaded


def _store(target: Path, value: object) -> None:
    """Write atomically (a reader never sees half a file) and drop the file's older entries."""
    import tempfile  # only when the cache is written

    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=target.parent, prefix=".tmp-", delete=False) as out:
            out.write(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(out.name, target)
        stem = target.name.rsplit("-", 1)[0]
        for old in target.parent.glob(f"{stem}-*.pickle"):
            if old != target:
                old.unlink(missing_ok=True)
    except OSError:
        return
