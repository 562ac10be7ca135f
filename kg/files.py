"""Atomic file writing: a temp file in the target's folder, renamed over the target when complete.

A write that fails (a full disk, no permission, a missing folder) leaves the target as it was and
raises :class:`kg.errors.OutputError` naming the file and the reason on one line.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from kg.errors import OutputError


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


FILE_MODE = 0o666 & ~_umask()
"""The mode an ordinary ``open(path, "w")`` would give (temp files are created private)."""


def os_reason(exc: OSError) -> str:
    """A short reason for a failed write: ``the disk is full`` for ENOSPC, else the system's words."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT) or "No space left on device" in str(exc):
        return "the disk is full (no space left on device)"
    return exc.strerror or str(exc)


def make_folder(folder: Path) -> None:
    """Create ``folder`` and its missing parents; a file in the way is named (``out is a file, not a
    folder``) instead of the system's "File exists"."""
    for step in (folder, *folder.parents):
        if step.exists():
            if not step.is_dir():
                raise NotADirectoryError(f"{step} is a file, not a folder")
            break
    folder.mkdir(parents=True, exist_ok=True)


def is_special(path: str | Path) -> bool:
    """Whether ``path`` is a device, a pipe or a socket (``/dev/null``, ``/dev/stdout``, a named pipe):
    written in place, never replaced by a file."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


@contextmanager
def _in_place(path: Path) -> Iterator[BinaryIO]:
    try:
        with path.open("wb") as out:
            yield out
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {os_reason(exc)}") from exc


@contextmanager
def atomic_file(target: str | Path) -> Iterator[BinaryIO]:
    """A binary file that replaces ``target`` only when the block ends without error; else it vanishes.

    Missing parent folders are created. An :class:`OSError` on the way (creating, writing, renaming)
    becomes :class:`OutputError`. A device or pipe (:func:`is_special`) is written in place: renaming a
    file over ``/dev/null`` would replace the device itself. A symbolic link is followed: what it points
    to is replaced, the link stays.
    """
    path = Path(target)
    if is_special(path):
        with _in_place(path) as out:
            yield out
        return
    if path.is_symlink():
        path = path.resolve()
    try:
        make_folder(path.parent)
        handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {os_reason(exc)}") from exc
    try:
        with os.fdopen(handle, "wb") as out:
            yield out
        os.chmod(temp, FILE_MODE)
        os.replace(temp, path)
    except OSError as exc:
        Path(temp).unlink(missing_ok=True)
        raise OutputError(f"cannot write {path}: {os_reason(exc)}; the file was not changed") from exc
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
