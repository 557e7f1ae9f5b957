"""The bot's work queue on its own: real threads, real event loop, real (sleeping) work."""

import asyncio
import threading
import time

import pytest

from bot.work import Busy, WorkQueue


async def test_busy_only_past_the_expected_wait_and_the_message_says_how_long():
    queue = WorkQueue(max_concurrent=2, max_wait_seconds=0.5)
    running = threading.Semaphore(0)

    def job():
        running.release()
        time.sleep(0.2)
        return threading.current_thread().name

    for _ in range(15):  # teach the moving average what a job costs, two at a time
        await asyncio.gather(queue.run(job), queue.run(job))
    per_job = queue.seconds_per_job
    assert 0.15 < per_job < 0.3
    results = await asyncio.gather(*(queue.run(job) for _ in range(12)), return_exceptions=True)
    done = [r for r in results if isinstance(r, str)]
    busy = [r for r in results if isinstance(r, Busy)]
    # All 12 are admitted or refused before any finishes: the k-th (from 0) has max(0, k - 1) questions
    # ahead of it for 2 workers, so it waits max(0, k - 1) x per_job / 2.
    fits = sum(1 for k in range(12) if max(0, k - 1) * per_job / 2 <= 0.5)
    assert (len(done), len(busy)) == (fits, 12 - fits) and 0 < fits < 12
    assert all(b.expected_wait > 0.5 for b in busy) and "s of questions ahead" in str(busy[0])
    assert all(name.startswith("retrieval") for name in done), "work runs in the worker threads"
    queue.close()


async def test_one_slow_job_does_not_turn_the_next_burst_away():
    # 50 quick jobs on 2 workers at the first estimate are about 1.5 s of waiting for the last one;
    # had the 1 s job counted in full, the estimate would say 3.5 s, past the 2 s limit.
    queue = WorkQueue(max_concurrent=2, max_wait_seconds=2)
    await queue.run(time.sleep, 1.0)  # the first question after a re-index loads the index
    assert queue.seconds_per_job < 0.1
    results = await asyncio.gather(*(queue.run(time.sleep, 0.001) for _ in range(50)), return_exceptions=True)
    assert not [r for r in results if isinstance(r, Exception)]
    queue.close()


async def test_a_burst_within_the_limit_is_answered_in_full():
    queue = WorkQueue(max_concurrent=2, max_wait_seconds=20)
    results = await asyncio.gather(*(queue.run(time.sleep, 0.005) for _ in range(200)), return_exceptions=True)
    assert not [r for r in results if isinstance(r, Exception)]
    queue.close()


def test_the_wait_limit_is_a_positive_setting():
    from config import ConfigError, load_settings

    assert load_settings(discord_max_wait_seconds=5).discord_max_wait_seconds == 5
    with pytest.raises(ConfigError, match="DISCORD_MAX_WAIT_SECONDS"):
        load_settings(discord_max_wait_seconds=0)


async def test_batcher_runs_a_lone_question_at_once_and_groups_a_burst():
    from bot.batching import QuestionBatcher

    calls: list[list[str]] = []

    def answer_many(questions):
        calls.append(list(questions))
        time.sleep(0.05)  # a model call
        return [q.upper() if q != "bad" else ValueError("no words") for q in questions]

    queue = WorkQueue(max_concurrent=2, max_wait_seconds=20)
    batcher = QuestionBatcher(queue, answer_many, workers=2, max_wait_seconds=20, max_batch=16)
    assert await batcher.ask("alone") == "ALONE" and calls == [["alone"]]
    calls.clear()
    questions = [f"q{n}" for n in range(50)] + ["bad"]
    results = await asyncio.gather(*(batcher.ask(q) for q in questions), return_exceptions=True)
    assert results[:50] == [q.upper() for q in questions[:50]], "each asker gets its own answer, in order"
    assert isinstance(results[50], ValueError), "one bad question fails alone"
    assert sorted(q for call in calls for q in call) == sorted(questions)
    assert len(calls) <= 6 and max(len(c) for c in calls) <= 16, [len(c) for c in calls]
    queue.close()


async def test_batcher_failure_reaches_every_asker_in_the_batch():
    from bot.batching import QuestionBatcher

    def broken(questions):
        raise RuntimeError("index unavailable")

    queue = WorkQueue(max_concurrent=1, max_wait_seconds=20)
    batcher = QuestionBatcher(queue, broken, workers=1, max_wait_seconds=20)
    results = await asyncio.gather(*(batcher.ask(f"q{n}") for n in range(5)), return_exceptions=True)
    assert all(isinstance(r, RuntimeError) for r in results)
    assert await asyncio.gather(batcher.ask("again"), return_exceptions=True), "the batcher keeps working"
    queue.close()
