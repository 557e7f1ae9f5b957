"""Run retrieval off the event loop; turn a question away only when its wait would be too long."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

T = TypeVar("T")

# Weight of the latest job in the moving average of seconds per job: recent enough to follow a
# slower index or a busier machine within a few dozen questions, steady enough to ignore one outlier.
SMOOTHING = 0.1
# A single job counts for at most this many times the current average.
OUTLIER = 3.0
# Seconds per job assumed before the first one is measured.
FIRST_ESTIMATE = 0.05


class MovingAverage:
    """Seconds per job, as an exponential moving average. One slow job (the first question after a
    re-index loads the index) must not make the bot turn a burst away: a sample counts for at most
    OUTLIER times the current average, which still follows a machine that really got slower within
    a dozen jobs. Updated from worker threads; a lost update only delays the average by one job."""

    def __init__(self, first: float = FIRST_ESTIMATE):
        self.value = first

    def add(self, seconds: float) -> None:
        self.value += SMOOTHING * (min(seconds, OUTLIER * self.value) - self.value)


class Busy(Exception):
    """The work ahead would keep this question waiting too long; the user is told to try again."""

    def __init__(self, expected_wait: float):
        super().__init__(f"about {max(1, round(expected_wait))} s of questions ahead")
        self.expected_wait = expected_wait


class WorkQueue:
    """A bounded pool of worker threads. "Busy" is decided by the expected wait (questions ahead ×
    the measured seconds per question ÷ workers) against `max_wait_seconds`, not by a count: a burst
    the workers clear in a second is answered, a backlog of minutes is not."""

    def __init__(self, max_concurrent: int, max_wait_seconds: float):
        self._executor = ThreadPoolExecutor(max_workers=max_concurrent, thread_name_prefix="retrieval")
        self._workers = max_concurrent
        self._max_wait = max_wait_seconds
        self._per_job = MovingAverage()
        self._admitted = 0

    @property
    def seconds_per_job(self) -> float:
        return self._per_job.value

    def expected_wait(self) -> float:
        """Seconds a question admitted now would wait before a worker starts on it."""
        ahead = max(0, self._admitted - self._workers + 1)
        return ahead * self._per_job.value / self._workers

    async def run(self, fn: Callable[..., T], *args: object, admit: bool = True) -> T:
        """`admit=False`: the caller has decided admission itself (the question batcher)."""
        wait = self.expected_wait()
        if admit and wait > self._max_wait:
            raise Busy(wait)
        self._admitted += 1
        try:
            return await asyncio.get_running_loop().run_in_executor(self._executor, self._timed, fn, args)
        finally:
            self._admitted -= 1

    def _timed(self, fn: Callable[..., T], args: tuple) -> T:
        started = time.perf_counter()
        try:
            return fn(*args)
        finally:
            self._per_job.add(time.perf_counter() - started)

    def close(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)
