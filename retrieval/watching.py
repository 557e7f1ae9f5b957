"""Changes to a corpus folder, debounced, for `index --watch` and the bot's INDEX_WATCH."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import watchfiles

from retrieval.corpus import METADATA_FILE, is_article_file

# Changes within this many milliseconds are one batch: copying in a folder of articles re-indexes once.
DEBOUNCE_MS = 1000
# The watcher reports (with an empty batch) that it runs after at most this long without changes.
READY_TIMEOUT_MS = 300


def _relevant(change: watchfiles.Change, path: str) -> bool:
    name = Path(path).name
    return name == METADATA_FILE or is_article_file(name)


def changes(folder: Path, on_ready=None) -> Iterator[set[tuple[watchfiles.Change, str]]]:
    """Each batch of changes to article files (and sources.json) under `folder`, until interrupted.
    `on_ready()` is called once the watcher is running: a change made after it is never missed."""
    ready = False
    for batch in watchfiles.watch(folder, watch_filter=_relevant, debounce=DEBOUNCE_MS, raise_interrupt=True,
                                  yield_on_timeout=True, rust_timeout=READY_TIMEOUT_MS):
        if not ready:
            ready = True
            if on_ready:
                on_ready()
        if batch:
            yield batch


async def achanges(folder: Path, stop: asyncio.Event) -> AsyncIterator[set[tuple[watchfiles.Change, str]]]:
    """The same, for an event loop; ends when `stop` is set."""
    async for batch in watchfiles.awatch(folder, watch_filter=_relevant, debounce=DEBOUNCE_MS, stop_event=stop):
        yield batch
