"""Atomic file writing: a temp file in the target's folder, renamed over the target when complete."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


FILE_MODE = 0o666 & ~_umask()
"""The mode an ordinary ``open(path, "w")`` would give (temp files are created private)."""


@contextmanager
def atomic_file(target: str | Path) -> Iterator[BinaryIO]:
    """A binary file that replaces ``target`` only when the block ends without error; else it vanishes."""
    path = Path(target)
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            yield out
        os.chmod(temp, FILE_MODE)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
