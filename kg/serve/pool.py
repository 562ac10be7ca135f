"""Worker processes that run store work off the event loop and can be stopped mid-query.

pyoxigraph evaluates SPARQL in Rust, where a thread cannot be interrupted, so each piece of work
runs in a worker process: when it outlasts its time limit the worker is killed and a fresh one
takes its place; the other workers, and the clients they serve, carry on.

Each worker holds one :class:`Session`: the store opened read-only on first use and kept open.
Writes take every worker (:meth:`WorkerPool.exclusive`): they close their stores, one of them
opens the store for writing, applies the work and closes it, and the next reads reopen it, so a
reader never has the folder open while a writer does.
"""

from __future__ import annotations

import asyncio
import importlib
import multiprocessing
import signal
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any

import anyio.to_thread

from kg.errors import KgError, WorkerBusyError, WorkerFailedError, WorkerTimeoutError
from kg.query import QUERY_STACK_BYTES
from kg.store import Store, open_store


@dataclass
class Session:
    """What a worker keeps between requests: the store location and the store once opened."""

    location: str
    store: Store | None = field(default=None, repr=False)

    def reader(self) -> Store:
        """The store, opened read-only on first use."""
        if self.store is None:
            self.store = open_store(self.location, read_only=True)
        return self.store

    def release(self) -> None:
        """Close the store, so a writer may open it (and the next read sees its changes)."""
        if self.store is not None:
            self.store.close()
            self.store = None


READY = "ready"
START_TIMEOUT = 120.0
"""Seconds a new worker process may take to import its modules."""

Work = Callable[..., Any]
"""A module-level function ``work(session, **kwargs)``, sent to a worker by reference."""


def release(session: Session) -> None:
    """Work that closes the worker's store."""
    session.release()


def _attempt(work: Work, session: Session, kwargs: dict[str, Any]) -> tuple[bool, Any]:
    try:
        return True, work(session, **kwargs)
    except Exception as exc:  # reported to the server, which answers 500 and keeps going
        return False, f"{type(exc).__name__}: {exc}"


def _worker_main(conn: Connection, location: str, preload: tuple[str, ...]) -> None:
    """Import ``preload`` (the modules of the work), say ready, then run work sent through ``conn``
    until the connection closes.

    The work runs on one thread with a deep stack (:data:`kg.query.QUERY_STACK_BYTES`): pyoxigraph
    recurses on the calling thread, and a deeply nested query would otherwise kill the worker.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for name in preload:
        importlib.import_module(name)
    session = Session(location)
    threading.stack_size(QUERY_STACK_BYTES)
    runner = ThreadPoolExecutor(1, thread_name_prefix="kg-query")
    conn.send(READY)
    while True:
        try:
            work, kwargs = conn.recv()
        except (EOFError, OSError):
            return
        conn.send(runner.submit(_attempt, work, session, kwargs).result())


class Worker:
    """One worker slot: a process and the server's end of its pipe; restarting replaces the process."""

    def __init__(self, context: Any, location: str, preload: tuple[str, ...] = ()) -> None:
        self._context = context
        self.location = location
        self.preload = preload
        self._start()

    def _start(self) -> None:
        ours, theirs = self._context.Pipe()
        self.process: BaseProcess = self._context.Process(
            target=_worker_main,
            args=(theirs, self.location, self.preload),
            name="kg-serve-worker",
            daemon=True,
        )
        self.process.start()
        theirs.close()
        self.conn: Connection = ours

    def wait_ready(self, timeout: float = START_TIMEOUT) -> None:
        """Block until the process has imported its modules (so no request pays for that)."""
        try:
            if self.conn.poll(timeout) and self.conn.recv() == READY:
                return
        except (EOFError, OSError):
            pass
        raise WorkerFailedError(f"a worker did not start within {timeout:g} s")

    def exchange(self, work: Work, kwargs: dict[str, Any], timeout: float) -> tuple[bool, Any]:
        """Send work and wait for its reply (blocking: the pool runs this in a thread)."""
        self.conn.send((work, kwargs))
        if not self.conn.poll(timeout):
            raise WorkerTimeoutError(f"{work.__name__} ran over the time limit of {timeout:g} s; stopped")
        return self.conn.recv()

    def stop(self) -> None:
        """Kill the process and reap it."""
        self.process.kill()
        self.process.join()
        self.conn.close()

    def restart(self) -> None:
        """Kill the process and start a fresh one in its place, ready for work."""
        self.stop()
        self._start()
        self.wait_ready()


class WorkerPool:
    """``size`` worker processes serving one store location."""

    def __init__(self, location: str, size: int, preload: tuple[str, ...] = ()) -> None:
        if size < 1:
            raise KgError(f"the worker pool needs at least one worker, not {size}")
        self.location = location
        self.size = size
        self.preload = preload
        self._workers: list[Worker] = []
        self._idle: asyncio.Queue[Worker] = asyncio.Queue()
        self._writing = asyncio.Lock()

    @property
    def idle(self) -> int:
        """How many workers are free right now."""
        return self._idle.qsize()

    def start(self) -> None:
        """Start the workers (each opens the store on its first request)."""
        context = multiprocessing.get_context("spawn")
        self._workers = [Worker(context, self.location, self.preload) for _ in range(self.size)]
        for worker in self._workers:
            worker.wait_ready()
        for worker in self._workers:
            self._idle.put_nowait(worker)

    def close(self) -> None:
        """Stop every worker."""
        for worker in self._workers:
            worker.stop()
        self._workers = []

    async def _take(self, timeout: float) -> Worker:
        try:
            return await asyncio.wait_for(self._idle.get(), timeout)
        except asyncio.TimeoutError:
            raise WorkerBusyError(f"no worker became free within {timeout:g} s; try again later") from None

    async def _run_on(self, worker: Worker, work: Work, kwargs: dict[str, Any], timeout: float) -> Any:
        """Run work on ``worker``, restarting it when it outlasts ``timeout`` or dies."""
        try:
            ok, value = await anyio.to_thread.run_sync(worker.exchange, work, kwargs, timeout)
        except WorkerTimeoutError:
            await anyio.to_thread.run_sync(worker.restart)
            raise
        except (EOFError, OSError) as exc:
            await anyio.to_thread.run_sync(worker.restart)
            raise WorkerFailedError(f"a worker died while running {work.__name__}: {exc!r}") from exc
        if not ok:
            raise WorkerFailedError(f"{work.__name__} failed in a worker: {value}")
        return value

    async def _after_writes(self) -> None:
        """Wait for a write in progress, so reads queue behind it instead of starving it."""
        async with self._writing:
            return

    async def call(self, work: Work, timeout: float, **kwargs: Any) -> Any:
        """Run ``work(session, **kwargs)`` on a free worker, stopping it after ``timeout`` seconds."""
        if self._writing.locked():
            try:
                await asyncio.wait_for(self._after_writes(), timeout)
            except asyncio.TimeoutError:
                raise WorkerBusyError(f"an update held the store for over {timeout:g} s; try again") from None
        worker = await self._take(timeout)
        try:
            return await self._run_on(worker, work, kwargs, timeout)
        finally:
            self._idle.put_nowait(worker)

    async def exclusive(self, work: Work, timeout: float, **kwargs: Any) -> Any:
        """Run ``work`` while holding every worker, their stores closed (for writes)."""
        async with self._writing:
            held: list[Worker] = []
            try:
                for _ in range(self.size):
                    held.append(await self._take(timeout))
                for worker in held:
                    await self._run_on(worker, release, {}, timeout)
                return await self._run_on(held[0], work, kwargs, timeout)
            finally:
                for worker in held:
                    self._idle.put_nowait(worker)
