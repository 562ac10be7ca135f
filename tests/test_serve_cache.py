"""kg.serve.cache: answers kept per store snapshot, bounded by size, shared by concurrent requests."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

import pytest

from kg.serve.cache import ENTRY_OVERHEAD, AnswerCache, weight


@dataclass
class Answer:
    status: int
    body: bytes


def counting(answer: Answer, runs: list[str], name: str, delay: float = 0.0):
    async def compute() -> Answer:
        runs.append(name)
        await asyncio.sleep(delay)
        return answer

    return compute


def test_a_repeated_request_is_answered_once() -> None:
    cache, runs = AnswerCache(1000), []

    async def go():
        first = await cache.get_or_run("q", counting(Answer(200, b"a"), runs, "q"))
        second = await cache.get_or_run("q", counting(Answer(200, b"b"), runs, "q"))
        return first, second

    (first, hit1), (second, hit2) = asyncio.run(go())
    assert (first.body, hit1, second.body, hit2, runs) == (b"a", False, b"a", True, ["q"])


def test_concurrent_identical_requests_share_one_run() -> None:
    cache, runs = AnswerCache(1000), []

    async def go():
        compute = counting(Answer(200, b"rows"), runs, "slow", delay=0.05)
        return await asyncio.gather(*(cache.get_or_run("slow", compute) for _ in range(8)))

    results = asyncio.run(go())
    assert runs == ["slow"]
    assert [hit for _, hit in results].count(False) == 1
    assert {answer.body for answer, _ in results} == {b"rows"}


def test_failures_are_not_kept() -> None:
    cache, runs = AnswerCache(1000), []

    async def go():
        for _ in range(2):
            await cache.get_or_run("q", counting(Answer(503, b"timed out"), runs, "q"))

    asyncio.run(go())
    assert runs == ["q", "q"]


def test_an_error_reaches_every_waiter_and_is_not_kept() -> None:
    cache = AnswerCache(1000)

    async def broken() -> Answer:
        await asyncio.sleep(0.01)
        raise RuntimeError("worker died")

    async def go():
        waiting = (cache.get_or_run("q", broken) for _ in range(3))
        return await asyncio.gather(*waiting, return_exceptions=True)

    outcomes = asyncio.run(go())
    assert all(isinstance(o, RuntimeError) for o in outcomes)
    assert asyncio.run(cache.get_or_run("q", counting(Answer(200, b"ok"), [], "q")))[1] is False


def test_the_size_budget_evicts_the_least_recently_used() -> None:
    unit = weight("a") + len(b"1234") + ENTRY_OVERHEAD
    cache, runs = AnswerCache(2 * unit + 1), []

    async def go():
        for key in ("a", "b", "a", "c"):  # 4 + 4 fit; "c" pushes out "b", the least recently used
            await cache.get_or_run(key, counting(Answer(200, b"1234"), runs, key))
        await cache.get_or_run("a", counting(Answer(200, b"1234"), runs, "a"))
        await cache.get_or_run("b", counting(Answer(200, b"1234"), runs, "b"))
        await cache.get_or_run("big", counting(Answer(200, b"x" * 2 * unit), runs, "big"))
        await cache.get_or_run("big", counting(Answer(200, b"x" * 2 * unit), runs, "big"))

    asyncio.run(go())
    assert runs == ["a", "b", "c", "b", "big", "big"]


def test_clear_forgets_answers_and_drops_one_running_across_it() -> None:
    cache, runs = AnswerCache(1000), []

    async def go():
        await cache.get_or_run("q", counting(Answer(200, b"old"), runs, "q"))
        cache.clear()
        running = asyncio.create_task(cache.get_or_run("r", counting(Answer(200, b"stale"), runs, "r", 0.05)))
        await asyncio.sleep(0.01)
        cache.clear()  # an update lands while "r" runs on the old snapshot
        await running
        await cache.get_or_run("q", counting(Answer(200, b"new"), runs, "q"))
        await cache.get_or_run("r", counting(Answer(200, b"fresh"), runs, "r"))

    asyncio.run(go())
    assert runs == ["q", "r", "q", "r"]


@pytest.mark.parametrize("budget", [0, -1])
def test_no_budget_means_no_cache(budget: int) -> None:
    cache, runs = AnswerCache(budget), []

    async def go():
        for _ in range(2):
            await cache.get_or_run("q", counting(Answer(200, b"a"), runs, "q"))

    asyncio.run(go())
    assert runs == ["q", "q"]


def test_keys_count_toward_the_budget_so_long_distinct_queries_cannot_fill_memory() -> None:
    """Issue 13 #3 replayed: 300 distinct 60 KB queries with tiny answers against a 1 MB cache."""
    budget = 1_000_000
    cache = AnswerCache(budget)

    async def go():
        for n in range(300):
            key = ("answer_query", (("sparql", f"SELECT * WHERE {{ }} # {n} " + "x" * 60_000),))
            await cache.get_or_run(key, counting(Answer(200, b"{}"), [], "q"))
            assert cache.size <= budget

    asyncio.run(go())
    assert 0 < len(cache) <= budget // 60_000
    assert cache.size == sum(weight(k) + len(a.body) + ENTRY_OVERHEAD for k, a in cache._answers.items())
