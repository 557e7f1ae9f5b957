"""One typing indicator per channel, however many questions in it are waiting.

Discord shows "NewsBot is typing…" per channel: a second trigger for the same channel shows nothing
more and costs an API request (and typing has its own rate limit). In a burst of questions in one
channel, the first question that waits starts the indicator and the last one to be answered stops it.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

import discord


class ChannelTyping:
    def __init__(self) -> None:
        self._waiting: dict[int, int] = {}
        self._tasks: dict[int, asyncio.Task] = {}

    @contextlib.asynccontextmanager
    async def shown(self, channel: discord.abc.Messageable) -> AsyncIterator[None]:
        key = getattr(channel, "id", id(channel))
        self._waiting[key] = self._waiting.get(key, 0) + 1
        if key not in self._tasks:
            self._tasks[key] = asyncio.create_task(self._keep_typing(channel))
        try:
            yield
        finally:
            self._waiting[key] -= 1
            if not self._waiting[key]:
                del self._waiting[key]
                task = self._tasks.pop(key, None)
                if task is not None:
                    task.cancel()

    def channels(self) -> int:
        """Channels with an indicator running now."""
        return len(self._tasks)

    @staticmethod
    async def _keep_typing(channel: discord.abc.Messageable) -> None:
        with contextlib.suppress(discord.HTTPException):  # no typing permission: the answer still comes
            async with channel.typing():
                await asyncio.Event().wait()  # until cancelled by the last waiter
