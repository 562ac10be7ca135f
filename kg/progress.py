"""Build progress a person can read: a rich bar on a terminal, a plain line at most every 10 s elsewhere.

:class:`BuildProgress` hears the build (:func:`kg.build.build`'s ``on_stage`` and ``on_progress``) and
shows articles done out of the total counted up front (:func:`kg.ingest.count_inputs`; megabytes for
a large ``.jsonl``), the events so far, the rate and the time left. On a terminal it is a live bar from
the first second ("loading the English pipeline…" while spaCy loads); when stderr is a file or a pipe
(CI logs, cron) it writes lines such as::

    kg: 120/300 articles, 812 events, 4.1 articles/s, 44 s left

and, in both cases, a last line with the time taken and the rate.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, TextIO

from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from kg.ingest import InputCount
from kg.text import counted

PLAIN_EVERY = 10.0
"""Seconds between two plain progress lines."""
MB = 1_000_000


def duration(seconds: float) -> str:
    """``44 s``, ``3 min 05 s``, ``1 h 02 min``."""
    seconds = max(0, round(seconds))
    if seconds < 60:
        return f"{seconds} s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} min {seconds:02d} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"


class BuildProgress:
    """The state of one build and its two renderings (rich on a terminal, plain lines elsewhere)."""

    def __init__(
        self,
        count: InputCount,
        *,
        stream: TextIO,
        terminal: bool,
        console: Any = None,
        clock: Callable[[], float] = time.monotonic,
        every: float = PLAIN_EVERY,
    ) -> None:
        self.count = count
        self.stream = stream
        self.clock = clock
        self.every = every
        self.started = clock()
        self.working_since: float | None = None
        self.first = (0, 0)
        """Articles and bytes done at the first update: rates count from there."""
        self.last_line = float("-inf")
        self.done = 0
        self.events = 0
        self.bytes = 0
        self.current = ""
        self._bar = _Bar(console, count) if terminal else None

    # what the build tells -------------------------------------------------------------------------

    def stage(self, text: str) -> None:
        """A step with no count ("loading the English pipeline…"); the same step again is not repeated.

        In plain lines the first step is always written, a later one only 10 s after the line before.
        """
        if text == self.current:
            return
        self.current = text
        now = self.clock()
        if self._bar is not None:
            self._bar.stage(text)
        elif now - self.last_line >= self.every:  # plain lines: still one at most every 10 s
            self.last_line = now
            self._write(f"kg: {text}")

    def update(self, report: Any) -> None:
        """The build's :class:`kg.build.BuildReport` after one more article (written, unchanged, skipped)."""
        now = self.clock()
        self.done, self.events, self.bytes = report.done, report.events, report.bytes_read
        if self.working_since is None:
            self.working_since, self.first = now, (self.done, self.bytes)
        if self._bar is not None:
            self._bar.update(self)
        elif now - self.last_line >= self.every and self.rate(now) is not None:
            self._write(self.line(now))

    def stop(self) -> None:
        """Take the bar off the terminal (a build that failed prints no last line)."""
        if self._bar is not None:
            self._bar.stop()
            self._bar = None

    def finish(self) -> None:
        """The last line: how long it took, and the rate."""
        self.stop()
        took = self.clock() - self.started
        rate = self.done / took if took > 0 else 0.0
        self._write(
            f"kg: {counted(self.done, 'article')} in {duration(took)} "
            f"({rate:.1f} articles/s), {counted(self.events, 'event')}"
        )

    # what is shown --------------------------------------------------------------------------------

    def rate(self, now: float, *, in_bytes: bool = False) -> float | None:
        """Articles (or bytes) per second since the first article, so spaCy's loading is left out.

        None in the first second, when there is no rate to speak of yet.
        """
        since = self.working_since if self.working_since is not None else now
        if now - since < 1.0:
            return None
        done = self.bytes - self.first[1] if in_bytes else self.done - self.first[0]
        return done / (now - since)

    def fraction(self) -> float | None:
        """How much of the input is done, when the total is known."""
        if self.count.articles:
            return min(1.0, self.done / self.count.articles)
        if self.count.bytes:
            return min(1.0, self.bytes / self.count.bytes)
        return None

    def left(self, now: float) -> float | None:
        """Seconds left at the rate so far, or None before there is a rate (or a total)."""
        in_bytes = self.count.articles is None
        total, done = (self.count.bytes, self.bytes) if in_bytes else (self.count.articles, self.done)
        rate = self.rate(now, in_bytes=in_bytes)
        if not total or not rate:
            return None
        return max(0, total - done) / rate

    def done_text(self) -> str:
        """``120/300 articles``, or ``120 articles (12/450 MB)`` when the total is in bytes."""
        if self.count.articles is not None:
            return f"{self.done}/{self.count.articles} articles"
        if self.count.bytes:
            return f"{self.done} articles ({self.bytes / MB:.0f}/{self.count.bytes / MB:.0f} MB)"
        return f"{self.done} articles"

    def line(self, now: float) -> str:
        """One plain progress line."""
        self.last_line = now
        return f"kg: {self.status(now, ', ')}"

    def status(self, now: float, separator: str) -> str:
        """``120/300 articles, 812 events, 4.1 articles/s, 44 s left`` (rate and time once known)."""
        parts = [self.done_text(), counted(self.events, "event")]
        rate, left = self.rate(now), self.left(now)
        if rate is not None:
            parts.append(f"{rate:.1f} articles/s")
        if left is not None:
            parts.append(f"{duration(left)} left")
        return separator.join(parts)

    def _write(self, text: str) -> None:
        print(text, file=self.stream, flush=True)


class _Bar:
    """The rich rendering: a bar with articles done/total, events, rate and time left."""

    def __init__(self, console: Any, count: InputCount) -> None:
        self.count = count
        self.progress = Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(),
            TextColumn("{task.fields[status]}"),
            TimeElapsedColumn(),
            console=console,
            transient=True,
            refresh_per_second=4,
        )
        self.task = self.progress.add_task("starting…", total=None, status="")
        self.progress.start()

    def stage(self, text: str) -> None:
        self.progress.update(self.task, description=text)

    def update(self, state: BuildProgress) -> None:
        fraction = state.fraction()
        status = state.status(state.clock(), " · ")
        self.progress.update(
            self.task,
            description="building",
            total=1.0 if fraction is not None else None,
            completed=fraction or 0.0,
            status=status,
        )

    def stop(self) -> None:
        self.progress.stop()
