"""`python -m bot` as a process: start-up errors are one line, SIGTERM closes cleanly."""

from __future__ import annotations

import asyncio
import os
import sys

import discord
import pytest

from .fake_discord import APP_ID, TOKEN, FakeDiscord

pytestmark = pytest.mark.asyncio(loop_scope="session")


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("startup-index")


async def run_bot_process(env: dict) -> tuple[int, str]:
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", env={**os.environ, "HF_HUB_OFFLINE": "1", **env},
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    out, err = await asyncio.wait_for(proc.communicate(), 180)
    return proc.returncode, err.decode()


def last_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert "Traceback" not in stderr, stderr
    return lines[-1]


async def test_missing_and_malformed_token_exit_with_one_line():
    code, err = await run_bot_process({"DISCORD_TOKEN": ""})
    assert code == 1 and "DISCORD_TOKEN is not set" in last_line(err)
    code, err = await run_bot_process({"DISCORD_TOKEN": "not-a-token"})
    assert code == 1 and "does not look like a bot token" in last_line(err)


@pytest.fixture(scope="module")
async def fake():
    server = await FakeDiscord().start()
    yield server
    await server.stop()


async def test_rejected_token_exits_with_one_line(fake, index_dir):
    wrong = TOKEN[:-4] + "AAAA"
    code, err = await run_bot_process({"DISCORD_TOKEN": wrong, "DISCORD_API_BASE": fake.api_base,
                                       "DISCORD_GATEWAY_URL": fake.gateway_url, "INDEX_DIR": str(index_dir)})
    assert code == 1 and "rejected DISCORD_TOKEN (401)" in last_line(err)


async def test_missing_message_content_intent_names_the_switch(index_dir):
    server = await FakeDiscord().start()
    server.close_on_identify = 4014
    try:
        code, err = await run_bot_process({"DISCORD_TOKEN": TOKEN, "DISCORD_API_BASE": server.api_base,
                                           "DISCORD_GATEWAY_URL": server.gateway_url, "INDEX_DIR": str(index_dir)})
    finally:
        await server.stop()
    line = last_line(err)
    assert code == 1 and "MESSAGE CONTENT INTENT" in line and "DISCORD_MESSAGE_CONTENT=false" in line
    assert server.identifies and server.identifies[0]["intents"] & discord.Intents.message_content.flag


async def test_sync_without_message_content_then_sigterm_closes_cleanly(index_dir):
    import signal

    server = await FakeDiscord().start()
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "--sync",
        env={**os.environ, "HF_HUB_OFFLINE": "1", "DISCORD_TOKEN": TOKEN, "DISCORD_API_BASE": server.api_base,
             "DISCORD_GATEWAY_URL": server.gateway_url, "INDEX_DIR": str(index_dir),
             "DISCORD_SYNC_GUILD_ID": "800000000000000001", "DISCORD_MESSAGE_CONTENT": "false"},
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    try:
        await asyncio.wait_for(server.ready.wait(), 120)
        [sync] = await server.wait_for(lambda r: r.method == "PUT" and r.path.endswith("/commands"))
        assert sync.path == f"/applications/{APP_ID}/guilds/800000000000000001/commands"
        assert {c["name"] for c in sync.body} == {"ask", "sources", "source", "reindex", "about", "settings"}
        assert not server.identifies[0]["intents"] & discord.Intents.message_content.flag
        proc.send_signal(signal.SIGTERM)
        _, err = await asyncio.wait_for(proc.communicate(), 30)
        assert proc.returncode == 0, err.decode()
        assert "Traceback" not in err.decode()
    finally:
        if proc.returncode is None:
            proc.kill()
        await server.stop()


async def test_sharded_start_up_connects_every_shard_and_answers(index_dir):
    """DISCORD_SHARD_COUNT=2: two gateway connections, each identifying as its shard; the bot is
    ready when both are, and answers on the shard that holds the guild."""
    from bot import create_bot
    from config import Settings
    from config.settings import BUNDLED_CORPUS

    from .fake_discord import ASK_CHANNEL_ID

    server = await FakeDiscord().start()
    bot = create_bot(Settings(discord_token=TOKEN, corpus_dir=BUNDLED_CORPUS, index_dir=index_dir,
                              discord_api_base=server.api_base, discord_gateway_url=server.gateway_url,
                              discord_ask_channel_ids=[ASK_CHANNEL_ID], discord_shard_count=2))
    task = asyncio.create_task(bot.start(TOKEN))
    try:
        await asyncio.wait_for(bot.wait_until_ready(), 120)
        assert sorted(tuple(i["shard"]) for i in server.identifies) == [(0, 2), (1, 2)]
        assert bot.shard_count == 2 and len(bot.shards) == 2
        await asyncio.to_thread(bot.retriever.reindex)
        mid = await server.send_message("Who is the Kremlin spokesman?", channel_id=ASK_CHANNEL_ID)
        [reply] = await server.wait_for(lambda r: r.method == "POST" and isinstance(r.body, dict) and str(
            (r.body.get("message_reference") or {}).get("message_id")) == mid, timeout=60)
        assert "Peskov" in reply.body["embeds"][0]["description"]
    finally:
        await bot.close()
        await task
        await server.stop()


async def test_server_settings_survive_a_restart(index_dir, tmp_path):
    """/settings made on one run of the bot are what the next run, on the same files, goes by."""
    from bot import create_bot
    from config import Settings
    from config.settings import BUNDLED_CORPUS

    from .fake_discord import ALL_PERMISSIONS, ASK_CHANNEL_ID, CHANNEL_ID, MANAGE_GUILD

    server = await FakeDiscord().start()
    settings = Settings(discord_token=TOKEN, corpus_dir=BUNDLED_CORPUS, index_dir=index_dir,
                        feedback_db=tmp_path / "feedback.sqlite3", discord_api_base=server.api_base,
                        discord_gateway_url=server.gateway_url, discord_ask_channel_ids=[ASK_CHANNEL_ID],
                        discord_cooldown_seconds=0)
    add_general = {"id": "2", "name": "settings", "type": 1, "options": [{"name": "ask-channel", "type": 1, "options": [
        {"name": "action", "type": 3, "value": "add"}, {"name": "channel", "type": 7, "value": str(CHANNEL_ID)}]}],
        "resolved": {"channels": {str(CHANNEL_ID): {"id": str(CHANNEL_ID), "type": 0, "name": "general",
                                                    "permissions": str(ALL_PERMISSIONS)}}}}
    private_on = {"id": "2", "name": "settings", "type": 1, "options": [
        {"name": "private-default", "type": 1, "options": [{"name": "value", "type": 3, "value": "on"}]}]}
    callback = (lambda iid: lambda r: r.method == "POST" and r.path.startswith(f"/interactions/{iid}/"))
    try:
        for run in range(2):
            bot = create_bot(settings)
            task = asyncio.create_task(bot.start(TOKEN))
            try:
                await asyncio.wait_for(bot.wait_until_ready(), 120)
                if run == 0:
                    await asyncio.to_thread(bot.retriever.reindex)
                    for data in (add_general, private_on):
                        iid, _ = await server.interact(2, data, permissions=MANAGE_GUILD)
                        await server.wait_for(callback(iid))
                    continue
                # The second run: nothing set again, the general channel is a question channel ...
                mid = await server.send_message("Who is the Kremlin spokesman?", channel_id=CHANNEL_ID)
                [reply] = await server.wait_for(lambda r: r.method == "POST" and isinstance(r.body, dict) and str(
                    (r.body.get("message_reference") or {}).get("message_id")) == mid, timeout=60)
                assert "Peskov" in reply.body["embeds"][0]["description"]
                # ... and /ask answers privately.
                iid, _ = await server.slash("ask", {"question": "When was NATO established?"})
                [cb] = await server.wait_for(callback(iid))
                assert cb.body["data"]["flags"] & 64
            finally:
                await bot.close()
                await task
    finally:
        await server.stop()
