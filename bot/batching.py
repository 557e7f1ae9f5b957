"""Questions that arrive together are answered together: one model call and one Chroma query for a
burst, instead of one each.

There is no waiting window: a question that finds a worker free starts at once, alone; questions that
arrive while every worker is busy queue up and go together, up to MAX_BATCH, as soon as a worker
frees. A lone question pays nothing for batching, a burst is answered several times faster.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Generic, TypeVar

from bot.work import Busy, MovingAverage, WorkQueue

T = TypeVar("T")

# Questions per model call. On 2 cores, ask_many answers about 290 questions/s in calls of 64, 350/s
# in calls of 100 and 410/s in calls of 200 (fewer calls, less padding: the model sorts a call's
# questions by length), against about 110/s one at a time. In the bot (bench/bench_bot.py, a burst of
# 200 on 2 cores) calls of up to 256 answered 302-329/s in eight runs, of up to 128 259-322/s: one large
# call beats two parallel ones that split the cores. Everyone in a call waits for all of it, about
# half a second at this size.
MAX_BATCH = 256


class QuestionBatcher(Generic[T]):
    """`answer_many(questions)` returns one result per question, in order (an exception instance in
    place of a question's result raises that exception to its asker)."""

    def __init__(self, work: WorkQueue, answer_many: Callable[[list[str]], list[T | BaseException]],
                 workers: int, max_wait_seconds: float, max_batch: int = MAX_BATCH):
        self._work = work
        self._answer_many = answer_many
        self._workers = workers
        self.max_wait_seconds = max_wait_seconds
        self._max_batch = max_batch
        self._pending: list[tuple[str, asyncio.Future]] = []
        self._in_flight = 0  # batches running
        self._running = 0  # questions in those batches
        self.per_question = MovingAverage()
        self.batches = 0  # batches run: what the tests and the benchmark look at

    def expected_wait(self) -> float:
        """Seconds a question asked now would wait: questions ahead × measured seconds per question ÷ workers."""
        if self._in_flight < self._workers:
            return 0.0
        return (len(self._pending) + self._running) * self.per_question.value / self._workers

    async def ask(self, question: str) -> T:
        wait = self.expected_wait()
        if wait > self.max_wait_seconds:
            raise Busy(wait)
        future = asyncio.get_running_loop().create_future()
        self._pending.append((question, future))
        self._start_batches()
        return await future

    def _start_batches(self) -> None:
        while self._pending and self._in_flight < self._workers:
            batch, self._pending = self._pending[:self._max_batch], self._pending[self._max_batch:]
            self._in_flight += 1
            self._running += len(batch)
            asyncio.get_running_loop().create_task(self._run(batch))

    async def _run(self, batch: list[tuple[str, asyncio.Future]]) -> None:
        started = time.perf_counter()
        try:
            results = await self._work.run(self._answer_many, [q for q, _ in batch], admit=False)
        except BaseException as exc:  # noqa: BLE001 - every asker in the batch hears of it
            for _, future in batch:
                if not future.done():
                    future.set_exception(exc)
        else:
            for (_, future), result in zip(batch, results):
                if future.done():
                    continue
                if isinstance(result, BaseException):
                    future.set_exception(result)
                else:
                    future.set_result(result)
        finally:
            self.per_question.add((time.perf_counter() - started) / len(batch))
            self.batches += 1
            self._in_flight -= 1
            self._running -= len(batch)
            self._start_batches()
