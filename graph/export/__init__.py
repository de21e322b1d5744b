"""Views of the graph as files: Turtle, the HTML explorer, and the extractions as JSON lines.

Writers take a path or an open file. Given a path, they write a temporary file beside it and move it into
place only once it is complete, so a failed or interrupted write leaves the previous file as it was.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import IO


@contextmanager
def atomic(path: str | Path) -> Iterator[IO[str]]:
    """An open text file that replaces ``path`` when the block ends without an error."""
    path = Path(path)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as file:
            yield file
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
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
