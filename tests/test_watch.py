"""Watch mode: `index --watch` and the bot's INDEX_WATCH pick up new coverage within seconds."""

import asyncio
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIRST = "The harbour of Portmere will reopen on Monday, the port authority said on Sunday evening.\n"
NEW = "The old bridge over the Mere will close for repairs in May, the council said on Tuesday evening.\n"


def lines_of(proc, stream: str = "stdout") -> queue.Queue:
    q: queue.Queue = queue.Queue()
    threading.Thread(target=lambda: [q.put(line) for line in getattr(proc, stream)], daemon=True).start()
    return q


def wait_for_line(q: queue.Queue, needle: str, timeout: float) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            line = q.get(timeout=max(0.1, deadline - time.monotonic()))
        except queue.Empty:
            break
        if needle in line:
            return line
    raise AssertionError(f"no line with {needle!r} within {timeout} s")


def test_index_watch_reindexes_added_changed_and_removed_files(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(FIRST)
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "INDEX_DIR": str(tmp_path / "index"), "PYTHONUNBUFFERED": "1"}
    # As in a terminal, where Ctrl+C reaches the foreground command: a test run started in the
    # background (`pytest &` in a script) has SIGINT ignored, and a child inherits that.
    proc = subprocess.Popen([sys.executable, "-m", "retrieval", "index", "--watch", str(corpus)], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        out, err = lines_of(proc), lines_of(proc, "stderr")
        wait_for_line(out, "1 added", 120)
        wait_for_line(err, "watching", 60)  # changes from here on are seen
        (corpus / "b.txt").write_text(NEW)
        wait_for_line(out, "1 added, 0 changed, 0 removed, 1 unchanged", 30)
        (corpus / "a.txt").write_text(FIRST.replace("Monday", "Friday"))
        (corpus / "b.txt").unlink()
        wait_for_line(out, "0 added, 1 changed, 1 removed, 0 unchanged", 30)
        proc.send_signal(signal.SIGINT)
        assert proc.wait(30) == 0, "Ctrl+C ends a watch cleanly"
        rest = []
        while not err.empty():
            rest.append(err.get())
        assert not any("Traceback" in line for line in rest)
    finally:
        if proc.poll() is None:
            proc.kill()


async def test_bot_index_watch_answers_new_coverage_without_reindex(tmp_path):
    from bot import create_bot
    from config import Settings

    from .fake_discord import ASK_CHANNEL_ID, TOKEN, FakeDiscord

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(FIRST)
    server = await FakeDiscord().start()
    bot = create_bot(Settings(discord_token=TOKEN, corpus_dir=corpus, index_dir=tmp_path / "index",
                              discord_api_base=server.api_base, discord_gateway_url=server.gateway_url,
                              discord_ask_channel_ids=[ASK_CHANNEL_ID], discord_cooldown_seconds=0, index_watch=True))
    task = asyncio.create_task(bot.start(TOKEN))
    try:
        await asyncio.wait_for(bot.wait_until_ready(), 120)
        await asyncio.to_thread(bot.retriever.reindex)
        (corpus / "b.txt").write_text(NEW)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:  # the watch re-indexes within seconds; ask until it has
            mid = await server.send_message("When will the bridge over the Mere close?", channel_id=ASK_CHANNEL_ID)
            [reply] = await server.wait_for(lambda r: r.method == "POST" and isinstance(r.body, dict) and str(
                (r.body.get("message_reference") or {}).get("message_id")) == mid, timeout=60)
            if "May" in reply.body["embeds"][0]["description"]:
                break
            await asyncio.sleep(1)
        else:
            raise AssertionError("the new article was never answered from")
    finally:
        await bot.close()
        await task
        await server.stop()
