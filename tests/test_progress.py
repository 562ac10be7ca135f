"""Build progress: totals counted up front, plain lines at most every 10 s, a last line, ``--quiet``."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from kg.ingest import InputCount, count_inputs
from kg.progress import BuildProgress, duration

PLAIN = re.compile(r"^kg: (\d+)/(\d+) articles, (\d+) events, ([\d.]+) articles/s, (.+) left$")


@dataclass
class Report:
    """What the progress reads off :class:`kg.build.BuildReport`."""

    done: int = 0
    events: int = 0
    bytes_read: int = 0


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def plain(count: InputCount) -> tuple[BuildProgress, io.StringIO, Clock]:
    clock, out = Clock(), io.StringIO()
    return BuildProgress(count, stream=out, terminal=False, clock=clock), out, clock


def test_plain_lines_come_at_most_every_ten_seconds_with_count_events_rate_and_time_left() -> None:
    progress, out, clock = plain(InputCount(300))
    progress.stage("loading the English pipeline…")
    clock.now += 3  # spaCy loads
    report = Report()
    for n in range(1, 301):  # 4 articles a second, 7 events each
        clock.now += 0.25
        report.done, report.events = n, 7 * n
        progress.update(report)
    progress.finish()
    lines = out.getvalue().splitlines()
    assert lines[0] == "kg: loading the English pipeline…"
    middle = [PLAIN.match(line) for line in lines[1:-1]]
    assert middle and all(middle), lines
    assert len(middle) == 300 * 0.25 // 10  # one line per 10 s of a 75 s build, never more
    first = middle[0]
    done, total, events, rate = int(first[1]), int(first[2]), int(first[3]), float(first[4])
    assert total == 300 and events == 7 * done and rate == 4.0
    assert first[5] == duration((300 - done) / 4.0)
    assert lines[-1] == "kg: 300 articles in 1 min 18 s (3.8 articles/s), 2100 events"


def test_a_short_build_prints_the_loading_line_and_the_last_line_only() -> None:
    progress, out, clock = plain(InputCount(2))
    progress.stage("loading the English pipeline…")
    for n in (1, 2):
        clock.now += 1
        progress.update(Report(done=n, events=3 * n))
    progress.stage("linking the reports into incidents…")  # too soon after the last line: not written
    progress.finish()
    assert out.getvalue().splitlines() == [
        "kg: loading the English pipeline…",
        "kg: 2 articles in 2 s (1.0 articles/s), 6 events",
    ]


def test_large_jsonl_input_is_told_in_megabytes() -> None:
    progress, out, clock = plain(InputCount(None, 400_000_000))
    clock.now += 20
    progress.update(Report(done=10, events=40, bytes_read=1_000_000))
    clock.now += 20
    progress.update(Report(done=2000, events=9000, bytes_read=100_000_000))
    line = out.getvalue().splitlines()[-1]
    assert (
        line == "kg: 2000 articles (100/400 MB), 9000 events, 99.5 articles/s, 1 min 01 s left"
    )  # 300 MB at 4.95 MB/s


def test_duration_reads_like_a_clock() -> None:
    assert [duration(s) for s in (0.4, 44, 185, 3725)] == ["0 s", "44 s", "3 min 05 s", "1 h 02 min"]


def test_count_inputs_counts_files_and_jsonl_lines_or_bytes_when_large(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Title\n\nText.", encoding="utf-8")
    (tmp_path / "notes.docx").write_bytes(b"x")  # read and skipped: still an item of the total
    (tmp_path / ".hidden.txt").write_text("no", encoding="utf-8")
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps({"text": f"t{i}"}) + "\n\n" for i in range(5)), encoding="utf-8")
    assert count_inputs([tmp_path]) == InputCount(7)
    assert count_inputs([tmp_path], count_lines_up_to=10) == InputCount(None, feed.stat().st_size)


@pytest.mark.slow
def test_kg_build_in_a_pipe_prints_plain_progress_and_quiet_silences_it(
    tmp_path: Path, seed_dir: Path
) -> None:
    command = [sys.executable, "-m", "kg", "build", str(seed_dir), "--store", str(tmp_path / "store")]
    loud = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert loud.returncode == 0, loud.stderr
    lines = loud.stderr.splitlines()
    assert lines[0] == "kg: loading the English pipeline…"
    assert re.fullmatch(r"kg: 1 article in \d+ s \([\d.]+ articles/s\), \d+ events", lines[-1]), lines
    quiet = subprocess.run([*command, "--quiet"], capture_output=True, text=True, timeout=300)
    assert quiet.returncode == 0 and quiet.stderr == ""
    assert "1 unchanged" in quiet.stdout
