"""Bot latency and throughput against the fake Discord on loopback, as ratios to in-process `ask`.

    .venv/bin/python bench/bench_bot.py

The fake Discord runs in a process of its own (as Discord's servers are not in the bot's process).

1. MESSAGE_CREATE sent by the fake gateway -> reply POST received, p50 over 50 questions,
   vs an in-process `Retriever.ask` of the same questions in the same run (target <= 1.5x)
2. 200 questions sent at once (different members): answers per second, vs sequential in-process
   `ask` per second (target >= 3x: questions that arrive together share one model call), with the
   number of model calls (batches) it took and how many were told the bot is busy (target 0)
"""

from __future__ import annotations

import asyncio
import json
import multiprocessing
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot import create_bot  # noqa: E402
from config import Settings  # noqa: E402
from config.settings import BUNDLED_CORPUS  # noqa: E402
from tests.fake_discord import ASK_CHANNEL_ID, TOKEN, FakeDiscord  # noqa: E402

QUESTIONS = [json.loads(l)["question"] for l in (ROOT / "bench" / "questions_own.jsonl").read_text().splitlines() if l]


def reply_to(mid: str):
    return lambda r: (r.method == "POST" and isinstance(r.body, dict)
                      and str((r.body.get("message_reference") or {}).get("message_id")) == mid)


def serve_fake_discord(conn) -> None:
    """The fake Discord in a process of its own, as Discord is not in the bot's process: its work on
    200 messages and 200 replies would otherwise compete with the bot for one interpreter's GIL.
    Commands come over `conn`: ("one", question, author) -> seconds from MESSAGE_CREATE to the reply;
    ("burst", questions) -> (seconds until the last reply, replies saying "busy"); ("stop",)."""
    async def main() -> None:
        fake = await FakeDiscord(heartbeat_interval_ms=5000).start()
        conn.send((fake.api_base, fake.gateway_url))
        loop = asyncio.get_running_loop()
        while (command := await loop.run_in_executor(None, conn.recv))[0] != "stop":
            start = time.monotonic()
            if command[0] == "one":
                mid = await fake.send_message(command[1], author_id=command[2], channel_id=ASK_CHANNEL_ID)
                [reply] = await fake.wait_for(reply_to(mid))
                conn.send(reply.at - start)
            else:
                mids = [await fake.send_message(q, author_id=5000 + n, channel_id=ASK_CHANNEL_ID)
                        for n, q in enumerate(command[1])]
                replies = [(await fake.wait_for(reply_to(mid), timeout=600))[0] for mid in mids]
                conn.send((max(r.at for r in replies) - start,
                           sum("please ask again" in json.dumps(r.body) for r in replies)))
        await fake.stop()
    asyncio.run(main())


async def main() -> None:
    print(f"# {time.strftime('%Y-%m-%d')} on {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    conn, child_conn = multiprocessing.Pipe()
    fake = multiprocessing.get_context("spawn").Process(target=serve_fake_discord, args=(child_conn,), daemon=True)
    fake.start()
    api_base, gateway_url = await asyncio.to_thread(conn.recv)

    async def ask_fake(*command):
        conn.send(command)
        return await asyncio.to_thread(conn.recv)

    settings = Settings(discord_token=TOKEN, corpus_dir=BUNDLED_CORPUS, index_dir=Path(tempfile.mkdtemp()),
                        discord_api_base=api_base, discord_gateway_url=gateway_url,
                        discord_ask_channel_ids=[ASK_CHANNEL_ID], discord_cooldown_seconds=0,
                        discord_max_concurrent=2)
    bot = create_bot(settings)
    task = asyncio.create_task(bot.start(TOKEN))
    await asyncio.wait_for(bot.wait_until_ready(), 120)
    await asyncio.to_thread(bot.retriever.reindex)
    questions = [QUESTIONS[i % len(QUESTIONS)] for i in range(50)]
    for q in QUESTIONS:
        bot.retriever.ask(q)  # warm

    in_process = []
    for q in questions:
        start = time.perf_counter()
        bot.retriever.ask(q)
        in_process.append(time.perf_counter() - start)

    through_discord = [await ask_fake("one", q, 1000 + n) for n, q in enumerate(questions)]

    bot.questions.batches = 0
    elapsed, busy = await ask_fake("burst", [QUESTIONS[n % len(QUESTIONS)] for n in range(200)])
    batches = bot.questions.batches

    p50_bot, p50_ask = statistics.median(through_discord), statistics.median(in_process)
    print(f"message -> reply p50 / in-process ask p50   {p50_bot / p50_ask:5.2f}x  (target <= 1.5)  "
          f"{p50_bot * 1000:.1f} ms vs {p50_ask * 1000:.1f} ms")
    print(f"200 at once: answers/s / sequential ask/s  {(200 / elapsed) * p50_ask:5.2f}x  (target >= 3)  "
          f"{200 / elapsed:.1f}/s vs {1 / p50_ask:.1f}/s, {batches} model calls, {busy} told busy, 2 workers")
    await bot.close()
    await task
    conn.send(("stop",))
    fake.join(30)


if __name__ == "__main__":
    asyncio.run(main())
