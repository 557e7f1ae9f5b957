"""The real bot (discord.py) talking to the fake Discord in tests/fake_discord.py over loopback."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import re
import shutil
import sqlite3
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from discord.ext import commands

from bot import create_bot
from config import Settings
from config.settings import BUNDLED_CORPUS

from retrieval.store import open_store

from .conftest import ChromaServer, make_retriever
from .fake_discord import (ALL_PERMISSIONS, APP_ID, ASK_CHANNEL_ID, BOT_ID, CHANNEL_ID, GUILD_ID, MANAGE_GUILD, ROLE_ID,
                           THREAD_ID, TOKEN, FakeDiscord)

pytestmark = pytest.mark.asyncio(loop_scope="session")  # the same loop as the bot fixture
EXTRA_ARTICLES = 6  # the bundled five plus these make two pages in /sources
ROOT = Path(__file__).resolve().parents[1]


@contextlib.contextmanager
def sqlite_rows(path):
    db = sqlite3.connect(path)
    try:
        yield db
    finally:
        db.close()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bot-corpus") / "coverage"
    shutil.copytree(BUNDLED_CORPUS, folder)
    meta = json.loads((folder / "sources.json").read_text())
    meta["local_0.txt"] = {"url": "https://town0.example/budget", "outlet": "Town Post"}
    (folder / "sources.json").write_text(json.dumps(meta))
    for n in range(EXTRA_ARTICLES):
        (folder / f"local_{n}.txt").write_text(
            f"Council of Town {n} Approves Budget\n"
            f"The council of Town {n} approved a budget of {n + 2} million euros on Tuesday, its treasurer said. "
            f"The money will pay for {n + 3} new buses and a bridge repair.\n")
    return folder


@pytest.fixture(scope="module", params=["embedded", "server"])
def backend(request, tmp_path_factory, embedder, corpus):
    """Where the bot's index lives: embedded Chroma, or a real Chroma server of this module's own."""
    folder = tmp_path_factory.mktemp("bot-index")
    if request.param == "embedded":
        env = SimpleNamespace(settings={"index_dir": folder}, open=lambda: open_store(folder, "news"), server=None)
    else:
        server = ChromaServer(folder / "chroma").start()
        env = SimpleNamespace(settings={"index_dir": folder, "chroma_url": server.url},
                              open=lambda: open_store(None, "news", url=server.url), server=server)
    make_retriever(embedder, env.open(), corpus).reindex()
    yield env
    if env.server:
        env.server.stop()


@pytest.fixture(scope="module")
async def fake():
    server = await FakeDiscord(heartbeat_interval_ms=1000).start()
    yield server
    await server.stop()


@pytest.fixture(scope="module")
async def bot(fake, corpus, backend):
    settings = Settings(
        **backend.settings, discord_token=TOKEN, corpus_dir=corpus, discord_api_base=fake.api_base,
        discord_gateway_url=fake.gateway_url, discord_ask_channel_ids=[ASK_CHANNEL_ID], discord_cooldown_seconds=0,
        discord_max_concurrent=2,
    )
    client = create_bot(settings)
    task = asyncio.create_task(client.start(TOKEN))
    ready = asyncio.create_task(client.wait_until_ready())
    await asyncio.wait([task, ready], timeout=120, return_when=asyncio.FIRST_COMPLETED)
    if task.done():
        task.result()  # start() ended early: show why
    assert ready.done(), "the bot did not become ready"
    yield client
    await client.close()
    await asyncio.wait_for(task, 30)


def reply_to(message_id: str):
    return lambda r: (r.method == "POST" and r.path.endswith("/messages") and isinstance(r.body, dict)
                      and str((r.body.get("message_reference") or {}).get("message_id")) == message_id)


def followup(token: str):
    return lambda r: r.method == "POST" and r.path == f"/webhooks/{APP_ID}/{token}"


def callback(interaction_id: str):
    return lambda r: r.method == "POST" and r.path.startswith(f"/interactions/{interaction_id}/")


def description(body: dict) -> str:
    return " ".join((e.get("title") or "") + " " + (e.get("description") or "") for e in body.get("embeds") or [])


def assert_no_pings(body: dict) -> None:
    allowed = body.get("allowed_mentions")
    assert allowed is not None, body
    assert allowed.get("parse") == [] and not allowed.get("users") and not allowed.get("roles")
    assert not allowed.get("replied_user")


async def test_mention_is_answered_with_quote_and_citation(fake, bot):
    mid = await fake.send_message(f"<@{BOT_ID}> Who called NATO membership unrealistic?", mentions=[BOT_ID])
    [reply] = await fake.wait_for(reply_to(mid))
    text = description(reply.body)
    assert "Hegseth" in text and "> " in text and "CGTN" in text
    assert_no_pings(reply.body)


async def test_typing_is_shown_to_a_member_whose_answer_takes_a_while(fake, bot, monkeypatch):
    import bot.cogs.ask as ask_cog

    # Any answer that takes longer than TYPING_AFTER shows "typing…"; with 0 every answer does.
    monkeypatch.setattr(ask_cog, "TYPING_AFTER", 0.0)
    before = len([r for r in fake.requests if r.path == f"/channels/{CHANNEL_ID}/typing"])
    mid = await fake.send_message(f"<@{BOT_ID}> Who called NATO membership unrealistic?", mentions=[BOT_ID])
    [reply] = await fake.wait_for(reply_to(mid))
    typing = [r for r in fake.requests if r.path == f"/channels/{CHANNEL_ID}/typing"]
    assert len(typing) > before and typing[-1].at <= reply.at, "typing is shown while the member waits"


async def test_questions_waiting_together_share_one_typing_indicator(fake, bot, monkeypatch):
    """Discord shows "typing…" per channel: twenty waiting members need not cost twenty requests."""
    import bot.cogs.ask as ask_cog

    monkeypatch.setattr(ask_cog, "TYPING_AFTER", 0.0)
    path = f"/channels/{ASK_CHANNEL_ID}/typing"
    before = len([r for r in fake.requests if r.path == path])
    mids = [await fake.send_message("Who called NATO membership unrealistic?", author_id=600 + n, channel_id=ASK_CHANNEL_ID)
            for n in range(20)]
    replies = [(await fake.wait_for(reply_to(mid)))[0] for mid in mids]
    assert all("Hegseth" in description(r.body) for r in replies)
    typing = len([r for r in fake.requests if r.path == path]) - before
    assert 1 <= typing <= 5, f"{typing} typing requests for 20 questions waiting in one channel"
    assert bot.typing.channels() == 0, "the indicator stops with the last answer"


async def test_ask_channel_and_thread_follow_up(fake, bot):
    ignored = await fake.send_message("just chatting, no question for the bot")
    mid = await fake.send_message("Where might Trump and Putin meet in person?", channel_id=ASK_CHANNEL_ID)
    [reply] = await fake.wait_for(reply_to(mid))
    assert "Saudi Arabia" in description(reply.body)

    first = await fake.send_message(f"<@{BOT_ID}> Who is the Kremlin spokesman?", channel_id=THREAD_ID, mentions=[BOT_ID])
    await fake.wait_for(reply_to(first))
    follow = await fake.send_message("And when was NATO established?", channel_id=THREAD_ID)
    [reply] = await fake.wait_for(reply_to(follow))
    assert "1949" in description(reply.body)
    assert not [r for r in fake.requests if reply_to(ignored)(r)], "messages not meant for the bot get no reply"


async def test_unanswerable_question_says_not_in_the_coverage(fake, bot):
    mid = await fake.send_message(f"<@{BOT_ID}> How do I bake sourdough bread?", mentions=[BOT_ID])
    [reply] = await fake.wait_for(reply_to(mid))
    assert "Not in the coverage" in description(reply.body) and "not an answer" in description(reply.body)


async def test_mentions_in_question_ping_nobody(fake, bot):
    question = f"<@{BOT_ID}> @everyone @here <@&{ROLE_ID}> <@123456789012345678> who called NATO membership unrealistic?"
    mid = await fake.send_message(question, mentions=[BOT_ID, 123456789012345678], mention_roles=[ROLE_ID], everyone=True)
    [reply] = await fake.wait_for(reply_to(mid))
    assert_no_pings(reply.body)
    text = description(reply.body)
    assert "@everyone" not in text and "@here" not in text and f"<@&{ROLE_ID}>" not in text and "<@123456789012345678>" not in text
    for post in fake.posts():
        if "embeds" in post.body or "content" in post.body:
            assert post.body.get("allowed_mentions", {}).get("parse") == [], post.path


async def test_odd_messages(fake, bot):
    empty = await fake.send_message(f"<@{BOT_ID}>", mentions=[BOT_ID])
    [reply] = await fake.wait_for(reply_to(empty))
    assert "Ask me something" in description(reply.body)

    long = await fake.send_message(f"<@{BOT_ID}> Who called NATO membership unrealistic? " + "really " * 700,
                                   mentions=[BOT_ID])
    [reply] = await fake.wait_for(reply_to(long))
    embed = reply.body["embeds"][0]
    assert len(embed["title"]) <= 256 and len(embed["description"]) <= 4096

    fenced = await fake.send_message(f"<@{BOT_ID}> **who** called ```NATO``` membership _unrealistic_? ||x||",
                                     mentions=[BOT_ID])
    [reply] = await fake.wait_for(reply_to(fenced))
    assert "```" not in reply.body["embeds"][0]["title"] and "Hegseth" in description(reply.body)


async def test_slash_ask_defers_then_follows_up(fake, bot):
    iid, token = await fake.slash("ask", {"question": "Who is the Kremlin spokesman?"})
    [cb] = await fake.wait_for(callback(iid))
    assert cb.body["type"] == 5 and not cb.body.get("data", {}).get("flags", 0) & 64
    [fu] = await fake.wait_for(followup(token))
    assert "Peskov" in description(fu.body)
    assert_no_pings(fu.body)
    assert fu.at >= cb.at

    iid, token = await fake.slash("ask", {"question": "When was NATO established?", "private": True})
    [cb] = await fake.wait_for(callback(iid))
    assert cb.body["type"] == 5 and cb.body["data"]["flags"] & 64
    [fu] = await fake.wait_for(followup(token))
    assert fu.body["flags"] & 64 and "1949" in description(fu.body)


async def test_sources_pages_only_for_the_asker(fake, bot):
    iid, token = await fake.slash("sources", user_id=42)
    [fu] = await fake.wait_for(followup(token))
    assert "page 1 of 2" in str(fu.body["embeds"][0]["footer"])
    buttons = [c for row in fu.body["components"] for c in row["components"]]
    next_id = next(b["custom_id"] for b in buttons if b["label"] == "Next")
    message = fu.response

    iid, _ = await fake.interact(3, {"custom_id": next_id, "component_type": 2}, user_id=42, message=message)
    [cb] = await fake.wait_for(callback(iid))
    assert cb.body["type"] == 7 and "page 2 of 2" in str(cb.body["data"]["embeds"][0]["footer"])

    iid, _ = await fake.interact(3, {"custom_id": next_id, "component_type": 2}, user_id=99, message=message)
    [cb] = await fake.wait_for(callback(iid))
    assert cb.body["type"] == 4 and cb.body["data"]["flags"] & 64 and "Only the person" in cb.body["data"]["content"]


async def test_source_autocomplete_and_text(fake, bot):
    iid, _ = await fake.interact(4, {"id": "1", "name": "source", "type": 1, "options": [
        {"name": "article", "type": 3, "value": "cgtn", "focused": True}]})
    [cb] = await fake.wait_for(callback(iid))
    assert cb.body["type"] == 8
    assert [c["value"] for c in cb.body["data"]["choices"]] == ["000_4b7ff5b160893325.txt"]

    iid, token = await fake.slash("source", {"article": "001_64706d191d4acd2b.txt"})
    [fu] = await fake.wait_for(followup(token))
    assert "Trump-Putin Call" in fu.body["embeds"][0]["title"]
    [(name, data)] = fu.body["files"].items()
    assert name == "001_64706d191d4acd2b.txt" and b"Hegseth" in data and b"Explorepedia" not in data


async def test_about(fake, bot):
    iid, token = await fake.slash("about")
    [fu] = await fake.wait_for(followup(token))
    fields = {f["name"]: f["value"] for f in fu.body["embeds"][0]["fields"]}
    assert fields["articles"] == str(5 + EXTRA_ARTICLES) and "CGTN" in fields["outlets"]
    assert fields["dates covered"] == "2025-02-12"


async def test_reindex_needs_manage_server(fake, bot):
    iid, _ = await fake.slash("reindex", permissions=0)
    [cb] = await fake.wait_for(callback(iid))
    assert cb.body["type"] == 4 and cb.body["data"]["flags"] & 64
    assert "Manage Server" in description(cb.body["data"])

    iid, token = await fake.slash("reindex", permissions=MANAGE_GUILD)
    [fu] = await fake.wait_for(followup(token), timeout=120)
    assert f"{5 + EXTRA_ARTICLES} unchanged" in description(fu.body)


async def test_cooldown_tells_when_to_try_again(fake, bot):
    saved = bot.question_cooldown
    bot.question_cooldown = commands.CooldownMapping.from_cooldown(1, 60, commands.BucketType.user)
    try:
        first = await fake.send_message(f"<@{BOT_ID}> Who is the Kremlin spokesman?", author_id=4242, mentions=[BOT_ID])
        second = await fake.send_message(f"<@{BOT_ID}> Who is the Kremlin spokesman?", author_id=4242, mentions=[BOT_ID])
        await fake.wait_for(reply_to(first))
        [reply] = await fake.wait_for(reply_to(second))
        assert "try again in" in description(reply.body)
    finally:
        bot.question_cooldown = saved


async def test_200_questions_at_once_all_answered_and_heartbeats_on_time(fake, bot):
    interval = fake.heartbeat_interval_ms / 1000
    started = time.monotonic()
    batches_before = bot.questions.batches
    ids = [await fake.send_message(f"Who is the Kremlin spokesman? ({n})", author_id=10_000 + n,
                                   channel_id=ASK_CHANNEL_ID) for n in range(200)]
    replies = {}
    for mid in ids:
        [reply] = await fake.wait_for(reply_to(mid), timeout=300)
        replies[mid] = description(reply.body)
    answered = [t for t in replies.values() if "Peskov" in t]
    assert len(answered) == 200, "a burst the workers clear in seconds is answered in full, nobody told busy"
    assert bot.questions.batches - batches_before <= 40, "questions that arrive together share model calls"
    while len([b for b in fake.heartbeats if b > started]) < 3:  # look at the cadence across the burst and after
        await asyncio.sleep(interval / 4)
    window = [b for b in fake.heartbeats if b > started - 2 * interval]
    gaps = [b - a for a, b in zip(window, window[1:])]
    assert max(gaps) < 1.5 * interval, gaps
    assert fake.acks_sent == len(fake.heartbeats)
    assert bot.latency < 1.5 * interval, "ACKs come back within the heartbeat cadence even while answering 200"


async def test_a_burst_past_discords_rate_limit_is_delivered_in_full(fake, bot):
    """Discord allows a few messages per channel every few seconds and says so in X-RateLimit-*
    headers; a burst beyond that is delivered as the limit allows, and no answer is lost."""
    saved = fake.rate_limit
    fake.rate_limit = (5, 0.5)  # Discord's per-channel message limit is about 5 per 5 s; shortened here
    limited = fake.rate_limited
    fake.reject_next = 3  # and the first replies are refused outright (429), as when another client spent the limit
    try:
        ids = [await fake.send_message(f"Who is the Kremlin spokesman? (limited {n})", author_id=20_000 + n,
                                       channel_id=ASK_CHANNEL_ID) for n in range(20)]
        replies = [(await fake.wait_for(reply_to(mid), timeout=120))[0] for mid in ids]
    finally:
        fake.rate_limit = saved
    assert all("Peskov" in description(r.body) for r in replies)
    times = sorted(r.at for r in replies)
    assert times[-1] - times[0] >= 1.0, "20 replies at 5 per half second take at least three more windows"
    assert fake.rate_limited - limited >= 3, "refused requests were sent again, not dropped"


async def test_gateway_drop_resumes_and_keeps_answering(fake, bot):
    identifies = len(fake.identifies)
    await fake.drop_connection(4000)
    for _ in range(600):
        if fake.resumes:
            break
        await asyncio.sleep(0.05)
    assert fake.resumes and fake.resumes[-1]["session_id"] == fake.session_id
    assert len(fake.identifies) == identifies, "resumed, not a fresh session"
    mid = await fake.send_message(f"<@{BOT_ID}> When was NATO established?", mentions=[BOT_ID])
    [reply] = await fake.wait_for(reply_to(mid))
    assert "1949" in description(reply.body)


async def test_server_stopped_mid_run_then_back_without_restart(fake, bot, backend):
    if backend.server is None:
        pytest.skip("server mode only")
    backend.server.stop()
    bot.retriever._checked_at = 0.0  # as after MANIFEST_CHECK_SECONDS: the next question polls the server
    mid = await fake.send_message(f"<@{BOT_ID}> Who is the Kremlin spokesman?", mentions=[BOT_ID])
    [reply] = await fake.wait_for(reply_to(mid))
    assert "The index is unavailable right now" in description(reply.body)
    backend.server.start()  # same data folder, same port
    mid = await fake.send_message(f"<@{BOT_ID}> Who is the Kremlin spokesman?", mentions=[BOT_ID])
    [reply] = await fake.wait_for(reply_to(mid))
    assert "Peskov" in description(reply.body)


async def test_retrieval_failure_is_one_line_and_the_bot_recovers(fake, bot, backend):
    backend.open().drop()  # the index disappears under the running bot
    await asyncio.sleep(2.5)  # the bot notices on its next manifest check
    mid = await fake.send_message(f"<@{BOT_ID}> Who is the Kremlin spokesman?", mentions=[BOT_ID])
    [reply] = await fake.wait_for(reply_to(mid))
    text = description(reply.body)
    assert "no index yet" in text and "\n" not in reply.body["embeds"][0]["description"]

    iid, token = await fake.slash("reindex", permissions=MANAGE_GUILD)
    [fu] = await fake.wait_for(followup(token), timeout=120)
    assert f"{5 + EXTRA_ARTICLES} added" in description(fu.body)
    mid = await fake.send_message(f"<@{BOT_ID}> Who is the Kremlin spokesman?", mentions=[BOT_ID])
    [reply] = await fake.wait_for(reply_to(mid))
    assert "Peskov" in description(reply.body)


async def test_busy_only_past_the_wait_limit_with_the_expected_wait_said(fake, bot):
    saved = bot.questions.max_wait_seconds
    bot.questions.max_wait_seconds = 0.05  # a limit a burst of 60 certainly passes
    try:
        ids = [await fake.send_message(f"Who is the Kremlin spokesman? [{n}]", author_id=20_000 + n,
                                       channel_id=ASK_CHANNEL_ID) for n in range(60)]
        replies = [description((await fake.wait_for(reply_to(mid), timeout=300))[0].body) for mid in ids]
    finally:
        bot.questions.max_wait_seconds = saved
    answered = [t for t in replies if "Peskov" in t]
    busy = [t for t in replies if "please ask again" in t]
    assert len(answered) + len(busy) == 60 and answered and busy
    assert all(re.search(r"about \d+ s of questions ahead", t) for t in busy)


def buttons_of(body: dict) -> dict[str, str]:
    """custom_id -> label or emoji of every component in a message body."""
    out = {}
    for row in body.get("components") or []:
        for c in row["components"]:
            out[c["custom_id"]] = c.get("label") or (c.get("emoji") or {}).get("name", "")
    return out


async def click(fake, custom_id: str, user_id: int, message: dict, values: list[str] | None = None) -> dict:
    data = {"custom_id": custom_id, "component_type": 3 if values is not None else 2}
    if values is not None:
        data["values"] = values
    iid, _ = await fake.interact(3, data, user_id=user_id, message=message)
    [cb] = await fake.wait_for(callback(iid))
    return cb.body


async def test_votes_are_kept_one_per_member_and_exported(fake, bot, tmp_path):
    mid = await fake.send_message("Who called NATO membership unrealistic?", author_id=31, channel_id=ASK_CHANNEL_ID)
    [reply] = await fake.wait_for(reply_to(mid))
    ids = buttons_of(reply.body)
    up = next(i for i, e in ids.items() if e == "👍")
    down = next(i for i, e in ids.items() if e == "👎")
    answer_id = int(up.rsplit(":", 1)[1])
    assert any(label == "More context" for label in ids.values())

    body = await click(fake, up, 31, reply.response)
    assert body["type"] == 4 and body["data"]["flags"] & 64, "the thanks is for the voter only"
    assert bot.feedback.votes(answer_id) == [(1, None)]

    body = await click(fake, down, 31, reply.response)  # the same member changes their mind
    assert body["data"]["flags"] & 64
    [select_id] = [c["custom_id"] for row in body["data"]["components"] for c in row["components"]]
    # The select lives in the ephemeral message Discord made of that response.
    ephemeral = {**reply.response, "components": body["data"]["components"], "flags": 64}
    body = await click(fake, select_id, 31, ephemeral, values=["should_abstain"])
    assert body["type"] == 7 and "not in the coverage" in body["data"]["content"]
    assert bot.feedback.votes(answer_id) == [(-1, "should_abstain")], "one vote per member: the second replaced the first"

    await click(fake, up, 32, reply.response)
    await click(fake, up, 33, reply.response)
    assert sorted(bot.feedback.votes(answer_id)) == [(-1, "should_abstain"), (1, None), (1, None)]
    with sqlite_rows(bot.feedback.path) as db:  # never a name or a raw member id: a salted hash
        voters = [v for (v,) in db.execute("SELECT voter FROM votes")]
        columns = [c[1] for c in db.execute("PRAGMA table_info(votes)")]
    assert voters and all(re.fullmatch(r"[0-9a-f]{24}", v) for v in voters)
    assert columns == ["answer_id", "voter", "vote", "reason", "at"]

    lines = [line for line in bot.feedback.export() if line["id"] == f"feedback-{answer_id}"]
    assert lines and lines[0]["kind"] == "answer" and "Hegseth" in lines[0]["expect"][0]
    assert lines[0]["sources"], "the confirmed answer's sources are what a right answer must cite"

    out = tmp_path / "flagged.jsonl"
    env = {"FEEDBACK_DB": str(bot.feedback.path), "HF_HUB_OFFLINE": "1"}
    proc = await asyncio.create_subprocess_exec(sys.executable, "-m", "retrieval", "feedback", "export", str(out),
                                                env={**os.environ, **env}, cwd=ROOT,
                                                stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    stdout, stderr = await proc.communicate()
    assert proc.returncode == 0, stderr
    exported = [json.loads(line) for line in out.read_text().splitlines()]
    assert any(e["id"] == f"feedback-{answer_id}" and e["kind"] == "answer" for e in exported)


async def test_more_context_shows_the_paragraph_with_the_article(fake, bot):
    mid = await fake.send_message("Who called NATO membership unrealistic?", author_id=34, channel_id=ASK_CHANNEL_ID)
    [reply] = await fake.wait_for(reply_to(mid))
    context = next(i for i, label in buttons_of(reply.body).items() if label == "More context")
    body = await click(fake, context, 35, reply.response)
    assert body["type"] == 4 and body["data"]["flags"] & 64
    [embed] = body["data"]["embeds"]
    quoted = reply.body["embeds"][0]["description"].split("\n")[0].lstrip("> ")[:40]
    assert "Hegseth" in embed["description"] and embed["title"]
    assert body["data"]["allowed_mentions"]["parse"] == []
    assert quoted[:20].replace("\\", "") in embed["description"].replace("\\", "")


async def test_server_settings_by_slash_command_for_managers_only(fake, bot):
    new_channel = CHANNEL_ID  # #general: not a question channel by default
    options = [{"name": "ask-channel", "type": 1, "options": [
        {"name": "action", "type": 3, "value": "add"}, {"name": "channel", "type": 7, "value": str(new_channel)}]}]
    resolved = {"channels": {str(new_channel): {"id": str(new_channel), "type": 0, "name": "general",
                                               "permissions": str(ALL_PERMISSIONS)}}}
    data = {"id": "2", "name": "settings", "type": 1, "options": options, "resolved": resolved}

    iid, _ = await fake.interact(2, data, permissions=0)
    [cb] = await fake.wait_for(callback(iid))
    assert cb.body["data"]["flags"] & 64 and "Manage Server" in description(cb.body["data"])

    iid, _ = await fake.interact(2, data, permissions=MANAGE_GUILD)
    [cb] = await fake.wait_for(callback(iid))
    assert cb.body["data"]["flags"] & 64 and str(new_channel) in cb.body["data"]["content"]
    try:
        mid = await fake.send_message("Where might Trump and Putin meet in person?", author_id=36, channel_id=new_channel)
        [reply] = await fake.wait_for(reply_to(mid))
        assert "Saudi Arabia" in description(reply.body)
        # Kept in the feedback file: a restarted bot reads it back.
        from retrieval import FeedbackStore
        assert str(new_channel) in FeedbackStore(bot.feedback.path).all_guild_settings()[GUILD_ID]["ask_channels"]

        private = {"id": "2", "name": "settings", "type": 1,
                   "options": [{"name": "private-default", "type": 1, "options": [{"name": "value", "type": 3, "value": "on"}]}]}
        iid, _ = await fake.interact(2, private, permissions=MANAGE_GUILD)
        await fake.wait_for(callback(iid))
        iid, token = await fake.slash("ask", {"question": "When was NATO established?"})
        [cb] = await fake.wait_for(callback(iid))
        assert cb.body["data"]["flags"] & 64, "/ask is private by default on this server now"
    finally:
        await bot.set_guild_setting(GUILD_ID, "ask_channels", None)
        await bot.set_guild_setting(GUILD_ID, "private_default", None)


async def test_about_counts_answers_and_thumbs_up(fake, bot):
    iid, token = await fake.slash("about")
    [fu] = await fake.wait_for(followup(token))
    fields = {f["name"]: f["value"] for f in fu.body["embeds"][0]["fields"]}
    stats = bot.feedback.stats(GUILD_ID)
    assert fields["answers given here"].startswith(str(stats.answers))
    assert "👍" in fields


async def test_citation_links_the_article_with_outlet_and_date(fake, bot):
    mid = await fake.send_message("How much was the budget the council of Town 0 approved?", author_id=37,
                                  channel_id=ASK_CHANNEL_ID)
    [reply] = await fake.wait_for(reply_to(mid))
    text = reply.body["embeds"][0]["description"]
    assert "](https://town0.example/budget)" in text and "Town Post" in text, text
