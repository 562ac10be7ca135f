"""kg.files.atomic_file: a file replaced whole, a device or pipe written in place, a link followed."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from kg.errors import OutputError
from kg.files import atomic_file, is_special


def test_a_regular_file_is_replaced_whole_and_a_failure_leaves_it(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old")
    with atomic_file(target) as out:
        out.write(b"new")
    assert target.read_text() == "new"
    with pytest.raises(RuntimeError), atomic_file(target) as out:
        out.write(b"half")
        raise RuntimeError("stopped")
    assert target.read_text() == "new" and [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_a_named_pipe_is_written_in_place_not_replaced_by_a_file(tmp_path: Path) -> None:
    # renaming a temp file over /dev/null (as root) replaced the device with a file
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(pipe.read_bytes()))
    reader.start()
    with atomic_file(pipe) as out:
        out.write(b"graph data")
    reader.join(timeout=10)
    assert got == [b"graph data"]
    assert is_special(pipe) and not pipe.is_file()
    assert [p.name for p in tmp_path.iterdir()] == ["pipe"]


def test_dev_null_stays_a_device() -> None:
    with atomic_file("/dev/null") as out:
        out.write(b"nothing")
    assert is_special("/dev/null") and not Path("/dev/null").is_file()


def test_a_device_that_fails_is_one_output_error() -> None:
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full here")
    with (
        pytest.raises(OutputError, match="cannot write /dev/full: the disk is full"),
        atomic_file("/dev/full") as out,
    ):
        out.write(b"x" * 100_000)
    assert is_special("/dev/full")


def test_a_symbolic_link_is_followed_and_stays_a_link(tmp_path: Path) -> None:
    real = tmp_path / "data" / "graph.ttl"
    real.parent.mkdir()
    real.write_text("old")
    link = tmp_path / "graph.ttl"
    link.symlink_to(real)
    with atomic_file(link) as out:
        out.write(b"new")
    assert link.is_symlink() and real.read_text() == "new"
