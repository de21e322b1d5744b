"""Views of the graph as files: Turtle, the HTML explorer and the extractions as JSON lines, which a build writes;
and other tools' formats, which ``seed-graph export`` writes (``formats``: GraphML, GEXF, JSON-LD, N-Triples,
Neo4j's CSV files).

Writers take a path or an open file. Given a path, they write a temporary file beside it and move it into
place only once it is complete, so a failed or interrupted write leaves the previous file as it was.
"""

from __future__ import annotations

import errno
import os
import secrets
import shutil
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO


@contextmanager
def atomic(path: str | Path, binary: bool = False, sync: bool = True) -> Iterator[IO]:
    """An open file (text, or bytes with ``binary``) that replaces ``path`` when the block ends without an error;
    ``sync`` flushes it to disk first. The temporary file is created inside the ``try``, so an interrupt at any
    point (Ctrl-C, SIGTERM) leaves either the old file or the new one, and nothing beside them."""
    path = Path(path)
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    try:
        with open(temporary, "xb") if binary else open(temporary, "x", encoding="utf-8", newline="\n") as file:
            yield file
            if sync:
                file.flush()
                os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


@contextmanager
def staged(folder: str | Path, names: Iterable[str]) -> Iterator[dict[str, IO[str]]]:
    """Open files for several outputs at once, which replace their namesakes in ``folder`` together when the
    block ends without an error, or not at all: every new file is written and flushed to disk before any is
    put in place, and if putting one in place fails, those already replaced get their old files back. A
    build that fails or is interrupted at any point leaves every previous export as it was."""
    folder = Path(folder)
    token = secrets.token_hex(6)
    temporary = {name: folder / f".{name}.{token}.tmp" for name in names}
    files: dict[str, IO[str]] = {}
    try:
        for name, path in temporary.items():
            files[name] = open(path, "x", encoding="utf-8", newline="\n")
        yield files
        for file in files.values():
            file.flush()
            os.fsync(file.fileno())
            file.close()
        _replace_together(folder, temporary, token)
    except BaseException:
        for file in files.values():
            try:
                file.close()
            except OSError:  # a write that failed fails again as the file is closed
                pass
        for path in temporary.values():
            path.unlink(missing_ok=True)
        raise


def _replace_together(folder: Path, temporary: dict[str, Path], token: str) -> None:
    """Move the new files over the old ones, keeping a link to each old one until all are in place."""
    backups: dict[str, Path] = {}
    moved: list[str] = []
    try:
        for name in temporary:
            if (folder / name).exists():
                backups[name] = folder / f".{name}.{token}.old"
                try:
                    os.link(folder / name, backups[name])
                except OSError as exc:
                    if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK, errno.EXDEV):
                        raise
                    shutil.copy2(folder / name, backups[name])  # a file system without hard links
        for name, path in temporary.items():
            os.replace(path, folder / name)
            moved.append(name)
        _sync_folder(folder)
    except BaseException:
        for name in reversed(moved):
            if name in backups:
                os.replace(backups[name], folder / name)
            else:
                (folder / name).unlink(missing_ok=True)
        raise
    finally:
        for backup in backups.values():
            backup.unlink(missing_ok=True)


def _sync_folder(folder: Path) -> None:
    """Flush a folder's entries to disk, so that the renames in it survive a power cut."""
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def write_text(dest: str | Path | IO[str], write: Callable[[IO[str]], None]) -> None:
    """Call ``write`` with an open file: ``dest`` itself, or an atomic file for a path."""
    if hasattr(dest, "write"):
        write(dest)
    else:
        with atomic(dest) as file:
            write(file)
