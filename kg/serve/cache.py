"""Answers of read requests, kept while the store they came from is unchanged.

The server's workers read a snapshot of the store (it is restarted after ``kg build``), so the same
request always gets the same answer until an update goes through the server; an update clears the
cache. Identical requests arriving while the first is still running wait for it instead of running
the same query again ("single flight"), which is what keeps many clients asking the ready queries
from queueing behind each other.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Hashable
from typing import Protocol


class Sized(Protocol):
    status: int
    body: bytes


ENTRY_OVERHEAD = 200
"""Bytes counted for each entry besides its key and body (the dict slot, the answer object)."""


def weight(value: object) -> int:
    """Roughly the bytes ``value`` holds: its strings and bytes, nested in tuples, counted whole."""
    if isinstance(value, str | bytes):
        return len(value)
    if isinstance(value, tuple | list | frozenset):
        return 8 * len(value) + sum(weight(item) for item in value)
    return 16


class AnswerCache:
    """An LRU of successful answers, bounded by the total size of their keys and bodies.

    Keys count too: a key holds the whole query text, so many distinct long queries with short
    answers would otherwise fill memory while the bodies stay small.

    >>> import asyncio
    >>> from dataclasses import dataclass
    >>> @dataclass
    ... class A:
    ...     status: int
    ...     body: bytes
    >>> cache, runs = AnswerCache(max_bytes=100), []
    >>> async def compute():
    ...     runs.append(1)
    ...     return A(200, b"rows")
    >>> async def twice():
    ...     return [await cache.get_or_run("q", compute) for _ in range(2)]
    >>> [hit for _, hit in asyncio.run(twice())], len(runs)
    ([False, True], 1)
    """

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._answers: OrderedDict[Hashable, Sized] = OrderedDict()
        self._running: dict[Hashable, asyncio.Future[Sized]] = {}
        self._bytes = 0
        self._generation = 0

    def clear(self) -> None:
        """Forget every answer (after an update); answers still running are not kept either."""
        self._answers.clear()
        self._bytes = 0
        self._generation += 1

    async def get_or_run(self, key: Hashable, compute: Callable[[], Awaitable[Sized]]) -> tuple[Sized, bool]:
        """The answer for ``key`` and whether it came from the cache (or from a request already running)."""
        if self.max_bytes <= 0:
            return await compute(), False
        if key in self._answers:
            self._answers.move_to_end(key)
            return self._answers[key], True
        if key in self._running:
            return await asyncio.shield(self._running[key]), True
        future: asyncio.Future[Sized] = asyncio.get_running_loop().create_future()
        self._running[key] = future
        generation = self._generation
        try:
            answer = await compute()
        except BaseException as exc:
            future.set_exception(exc)
            future.exception()  # mark retrieved: waiters, if any, get it raised
            raise
        finally:
            self._running.pop(key, None)
        future.set_result(answer)
        if answer.status == 200 and generation == self._generation:
            self._keep(key, answer)
        return answer, False

    def __len__(self) -> int:
        return len(self._answers)

    @property
    def size(self) -> int:
        """Bytes counted for the entries kept (keys, bodies and overhead)."""
        return self._bytes

    def _keep(self, key: Hashable, answer: Sized) -> None:
        size = self._weight(key, answer)
        if size > self.max_bytes:
            return
        self._answers[key] = answer
        self._bytes += size
        while self._bytes > self.max_bytes:
            old, dropped = self._answers.popitem(last=False)
            self._bytes -= self._weight(old, dropped)

    @staticmethod
    def _weight(key: Hashable, answer: Sized) -> int:
        return weight(key) + len(answer.body) + ENTRY_OVERHEAD
