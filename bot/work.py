"""Run retrieval off the event loop, with a bound on how much work may pile up."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

T = TypeVar("T")


class Busy(Exception):
    """Too many questions are already waiting; the user is told to try again shortly."""


class WorkQueue:
    def __init__(self, max_concurrent: int, max_waiting: int):
        self._executor = ThreadPoolExecutor(max_workers=max_concurrent, thread_name_prefix="retrieval")
        self._capacity = max_concurrent + max_waiting
        self._admitted = 0

    async def run(self, fn: Callable[..., T], *args: object) -> T:
        if self._admitted >= self._capacity:
            raise Busy()
        self._admitted += 1
        try:
            return await asyncio.get_running_loop().run_in_executor(self._executor, fn, *args)
        finally:
            self._admitted -= 1

    def close(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)
