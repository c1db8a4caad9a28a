"""Load the playbook library: the built-in playbooks plus any local folders, each file validated.

A bad file never takes the library down: it becomes one InputError (file, line, field) listed in
``Library.unavailable`` and every other playbook still loads. A local playbook (a district's
supplementary plan, from ``--playbooks DIR`` or the config) may add ids, never replace a built-in one.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from firedrill.errors import InputError
from firedrill.playbook.catalogue import load_attachments
from firedrill.playbook.schema import Category, Playbook
from firedrill.yamlio import load_model, parse_yaml

PACKAGE_DIR = Path(__file__).resolve().parents[1] / "_playbooks"  # wheel: force-included from playbooks/
REPO_DIR = Path(__file__).resolve().parents[2] / "playbooks"  # source checkout
SUFFIXES = (".yaml", ".yml")


def builtin_dir() -> Path:
    """Where the built-in playbooks live: inside the installed package if present, else the repo."""
    return PACKAGE_DIR if PACKAGE_DIR.is_dir() else REPO_DIR


@dataclass(frozen=True)
class Unavailable:
    """A playbook file that could not be used, with the one-line reason."""

    file: Path
    error: InputError

    @property
    def message(self) -> str:
        return self.error.one_line()


@dataclass(frozen=True)
class Library:
    """Validated playbooks in attachment order, plus the files that could not be loaded."""

    playbooks: tuple[Playbook, ...]
    sources: dict[str, Path]
    builtin_ids: frozenset[str]
    unavailable: tuple[Unavailable, ...] = field(default=())

    def all(self) -> tuple[Playbook, ...]:
        return self.playbooks

    def ids(self) -> tuple[str, ...]:
        return tuple(p.id for p in self.playbooks)

    def __contains__(self, playbook_id: object) -> bool:
        return playbook_id in self.sources

    def __len__(self) -> int:
        return len(self.playbooks)

    def get(self, playbook_id: str) -> Playbook:
        for playbook in self.playbooks:
            if playbook.id == playbook_id:
                return playbook
        for bad in self.unavailable:
            if bad.file.stem == playbook_id:
                raise InputError(f"playbook '{playbook_id}' is unavailable: {bad.message}", field="playbook")
        known = ", ".join(self.ids()) or "none loaded"
        raise InputError(f"unknown playbook '{playbook_id}' (known: {known})", field="playbook")

    def source(self, playbook_id: str) -> Path:
        return self.sources[playbook_id]

    def is_builtin(self, playbook_id: str) -> bool:
        return playbook_id in self.builtin_ids and playbook_id in self.sources

    def by_category(self) -> dict[Category, tuple[Playbook, ...]]:
        """Categories in attachment order, each with its playbooks; empty categories are left out."""
        groups: dict[Category, tuple[Playbook, ...]] = {}
        for attachment in sorted(load_attachments().attachments, key=lambda a: a.number):
            members = tuple(p for p in self.playbooks if p.category == attachment.category)
            if members:
                groups[attachment.category] = members
        return groups


def _line_of(path: Path, key: str) -> int | None:
    try:
        _, lines = parse_yaml(path.read_text(encoding="utf-8"), path)
    except (OSError, InputError):
        return None
    return lines.get((key,))


def _check(playbook: Playbook, path: Path) -> None:
    """Rules the schema cannot see: the file name and the plan's attachment for the category."""
    if path.stem != playbook.id:
        raise InputError(
            f"id '{playbook.id}' differs from the file name; name the file {playbook.id}{path.suffix}",
            field="id", file=path, line=_line_of(path, "id"),
        )  # fmt: skip
    attachment = load_attachments().by_number(playbook.attachment)
    if attachment is not None and attachment.category != playbook.category:
        raise InputError(
            f"category '{playbook.category.value}' does not match attachment {playbook.attachment} "
            f"({attachment.title.zh}: '{attachment.category.value}')",
            field="category", file=path, line=_line_of(path, "category"),
        )  # fmt: skip


def load_playbook(path: Path) -> Playbook:
    """One playbook file, validated; any problem is one InputError naming file, line and field."""
    playbook = load_model(Playbook, path)
    _check(playbook, path)
    return playbook


def _files(directory: Path) -> list[Path]:
    if not directory.is_dir():
        raise InputError("playbook folder not found", file=directory)
    return sorted(p for p in directory.iterdir() if p.suffix in SUFFIXES and p.is_file())


def _add_files(
    files: Iterable[Path],
    loaded: dict[str, tuple[Playbook, Path]],
    reserved: dict[str, Path],
    unavailable: list[Unavailable],
) -> None:
    for path in files:
        try:
            playbook = load_playbook(path)
            if playbook.id in reserved:
                raise InputError(
                    f"id '{playbook.id}' is a built-in playbook ({reserved[playbook.id]}); "
                    "a local playbook cannot replace it, give it an id of its own",
                    field="id", file=path, line=_line_of(path, "id"),
                )  # fmt: skip
            if playbook.id in loaded:
                raise InputError(
                    f"duplicate id '{playbook.id}', already loaded from {loaded[playbook.id][1]}",
                    field="id", file=path, line=_line_of(path, "id"),
                )  # fmt: skip
        except InputError as exc:
            unavailable.append(Unavailable(path, exc))
            continue
        loaded[playbook.id] = (playbook, path)


def _assemble(
    loaded: dict[str, tuple[Playbook, Path]], builtin_ids: frozenset[str], unavailable: list[Unavailable]
) -> Library:
    attachments = load_attachments()

    def order(playbook: Playbook) -> tuple[int, int, int, str]:
        local = 0 if playbook.id in builtin_ids else 1
        return (playbook.attachment, attachments.numeral_rank(playbook.number), local, playbook.id)

    return Library(
        playbooks=tuple(sorted((p for p, _ in loaded.values()), key=order)),
        sources={pid: path for pid, (_, path) in loaded.items()},
        builtin_ids=builtin_ids,
        unavailable=tuple(unavailable),
    )


def load_builtin(directory: Path) -> Library:
    """Every playbook file of ``directory`` as the built-in set (uncached; a missing folder is empty)."""
    files = _files(directory) if directory.is_dir() else []
    loaded: dict[str, tuple[Playbook, Path]] = {}
    unavailable: list[Unavailable] = []
    _add_files(files, loaded, {}, unavailable)
    # A broken built-in file still reserves its id: a local file must not slip in under it.
    return _assemble(loaded, frozenset(loaded) | {p.stem for p in files}, unavailable)


def extend_library(base: Library, extra_dirs: Iterable[Path]) -> Library:
    """``base`` plus the playbooks of each local folder, in the order given."""
    loaded = {p.id: (p, base.sources[p.id]) for p in base.playbooks}
    unavailable = list(base.unavailable)
    broken = {u.file.stem: u.file for u in base.unavailable}
    reserved = {i: base.sources.get(i) or broken[i] for i in base.builtin_ids}
    for directory in extra_dirs:
        _add_files(_files(Path(directory)), loaded, reserved, unavailable)
    return _assemble(loaded, base.builtin_ids, unavailable)


@cache
def _builtin_library() -> Library:
    return load_builtin(builtin_dir())


def load_library(extra_dirs: Sequence[Path] = ()) -> Library:
    """The built-in playbooks (loaded once per process) plus those of ``extra_dirs``, in order."""
    base = _builtin_library()
    return extend_library(base, extra_dirs) if extra_dirs else base
