"""Views of the graph as files: Turtle, the HTML explorer, and the extractions as JSON lines.

Writers take a path or an open file. Given a path, they write a temporary file beside it and move it into
place only once it is complete, so a failed or interrupted write leaves the previous file as it was.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager
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
    """Open files for several outputs at once; all replace their namesakes in ``folder`` only when the
    block ends without an error, so a build that fails half-way leaves every previous export in place."""
    with ExitStack() as stack:
        files = {name: stack.enter_context(atomic(Path(folder) / name)) for name in names}
        yield files


def write_text(dest: str | Path | IO[str], write: Callable[[IO[str]], None]) -> None:
    """Call ``write`` with an open file: ``dest`` itself, or an atomic file for a path."""
    if hasattr(dest, "write"):
        write(dest)
    else:
        with atomic(dest) as file:
            write(file)
