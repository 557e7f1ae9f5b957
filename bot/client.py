"""The bot: a commands.Bot subclass that owns the retriever and the shared limits."""

from __future__ import annotations

import asyncio
import gc
import json
import logging
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

import discord
from discord import app_commands
from discord.ext import commands

from bot.batching import QuestionBatcher
from bot.formatting import error_embed
from bot.typing import ChannelTyping
from bot.work import Busy, WorkQueue
from config import Settings, feedback_path
from retrieval import Answer, FeedbackStore, RetrievalError, Retriever, StoreUnavailableError, corpus_changes

log = logging.getLogger(__name__)
T = TypeVar("T")

EXTENSIONS = ("bot.cogs.ask", "bot.cogs.feedback", "bot.cogs.sources", "bot.cogs.admin", "bot.cogs.settings",
              "bot.cogs.about")
BUSY_MESSAGE = "I'm answering a lot of questions right now ({wait}); please ask again in a minute."


class NewsBot(commands.AutoShardedBot):
    """Sharded automatically: Discord says how many shards the bot needs (one below 2,500 servers;
    discord.py recommends sharding well before Discord requires it), or DISCORD_SHARD_COUNT fixes it."""

    def __init__(self, settings: Settings, sync_commands: bool = False):
        intents = discord.Intents.default()
        intents.message_content = settings.discord_message_content
        super().__init__(
            command_prefix=_no_prefix,  # no text commands: every message for the bot is a question
            intents=intents,
            allowed_mentions=discord.AllowedMentions.none(),
            help_command=None,
            shard_count=settings.discord_shard_count,
        )
        self.settings = settings
        self.sync_commands = sync_commands
        self.retriever: Retriever | None = None
        self.questions: QuestionBatcher | None = None  # set up with the retriever in setup_hook
        self.feedback: FeedbackStore | None = None
        # SQLite writes (votes, answers shown, settings) go through one thread of their own: off the
        # event loop, never queued behind model inference, and never two writers at once.
        self._db = ThreadPoolExecutor(max_workers=1, thread_name_prefix="feedback-db")
        self.guild_settings: dict[int, dict[str, str]] = {}  # cached; written through to the store
        self._stop_watch = asyncio.Event()
        self._watch_task: asyncio.Task | None = None
        self.work = WorkQueue(settings.discord_max_concurrent, settings.discord_max_wait_seconds)
        # One cooldown for questions, however they are asked (mention, channel, thread, /ask).
        self.question_cooldown = commands.CooldownMapping.from_cooldown(
            1, settings.discord_cooldown_seconds, commands.BucketType.user)
        self.answered_threads: OrderedDict[int, None] = OrderedDict()
        self.typing = ChannelTyping()  # one "typing…" per channel, shared by the questions waiting there
        self.tree.on_error = self.on_app_command_error

    async def setup_hook(self) -> None:
        # Loading the model takes seconds: do it in a thread so the gateway is never starved.
        self.retriever = await self.loop.run_in_executor(None, Retriever.from_settings, self.settings)
        self.feedback = await self.db(FeedbackStore, feedback_path(self.settings))
        self.guild_settings = await self.db(self.feedback.all_guild_settings)
        if self.settings.index_watch:
            self._watch_task = asyncio.create_task(self._watch_corpus(), name="index-watch")
        self.questions = QuestionBatcher(self.work, self._answer_batch, self.settings.discord_max_concurrent,
                                         self.settings.discord_max_wait_seconds)
        for ext in EXTENSIONS:
            await self.load_extension(ext)
        if self.sync_commands:
            guild_id = self.settings.discord_sync_guild_id
            if guild_id:
                guild = discord.Object(id=guild_id)
                self.tree.copy_global_to(guild=guild)
                synced = await self.tree.sync(guild=guild)
                log.info("synced %d commands to guild %s", len(synced), guild_id)
            else:
                synced = await self.tree.sync()
                log.info("synced %d commands globally (may take up to an hour to appear)", len(synced))
        # What start-up loaded (the model, torch, the libraries) lives as long as the process. Frozen,
        # it is left out of the garbage collector's full passes, which would otherwise walk all of it
        # while a burst of questions allocates, holding the GIL the answering threads need
        # (bench/bench_bot.py: a first burst of 200 took 1.05 s, 0.79 s frozen).
        gc.freeze()

    async def on_ready(self) -> None:
        log.info("ready as %s in %d guilds", self.user, len(self.guilds))

    async def _watch_corpus(self) -> None:
        """INDEX_WATCH: re-index within seconds of a change to the corpus folder, so that new coverage
        is answerable without /reindex. The writer lock keeps one writer (a CLI run, another bot)."""
        log.info("watching %s for changes", self.settings.corpus_dir)
        async for _ in corpus_changes(self.settings.corpus_dir, self._stop_watch):
            try:
                report = await self.work.run(self.retriever.reindex, admit=False)
                log.info("re-indexed after a change: %s", report.summary())
            except RetrievalError as exc:
                log.warning("re-indexing after a change failed: %s", exc)
            except Exception:  # noqa: BLE001 - the watch must outlive one bad run
                log.exception("re-indexing after a change failed")

    async def close(self) -> None:
        self._stop_watch.set()
        if self._watch_task is not None:
            await asyncio.wait([self._watch_task], timeout=10)
        await super().close()
        self.work.close()
        self._db.shutdown(wait=True)  # let a vote being written finish

    def _answer_batch(self, questions: list[str]) -> list[tuple[Answer, dict[str, str]] | BaseException]:
        """Runs in a worker thread: a batch of questions through one model call, with the labels that
        "also in" names articles by."""
        answers = self.retriever.ask_many(questions)
        cited = [i for a in answers if not isinstance(a, BaseException) for s in a.snippets for i in (s.source, *s.also_in)]
        labels = self.retriever.labels(cited)
        return [a if isinstance(a, BaseException) else (a, labels) for a in answers]

    # --- shared helpers for cogs ------------------------------------------------------------
    async def db(self, fn: Callable[..., T], *args: object) -> T:
        """Run a feedback-store call on its own thread."""
        return await self.loop.run_in_executor(self._db, fn, *args)

    def guild_setting(self, guild_id: int | None, key: str) -> str | None:
        return self.guild_settings.get(guild_id, {}).get(key) if guild_id is not None else None

    async def set_guild_setting(self, guild_id: int, key: str, value: str | None) -> None:
        await self.db(self.feedback.set_guild_setting, guild_id, key, value)
        settings = self.guild_settings.setdefault(guild_id, {})
        if value is None:
            settings.pop(key, None)
        else:
            settings[key] = value

    def ask_channels(self, guild_id: int | None) -> set[int]:
        """Channels where every message is a question: DISCORD_ASK_CHANNEL_IDS and the server's own."""
        own = json.loads(self.guild_setting(guild_id, "ask_channels") or "[]")
        return set(self.settings.discord_ask_channel_ids) | set(own)

    def cooldown_left(self, message_or_user: discord.abc.Snowflake) -> float:
        """Seconds until this user may ask again; 0 when they may ask now (and the ask is counted)."""
        fake = discord.Object(id=message_or_user.id)
        bucket = self.question_cooldown.get_bucket(_AuthorProxy(fake))
        return (bucket.update_rate_limit() or 0.0) if bucket else 0.0

    def remember_thread(self, channel: discord.abc.Messageable) -> None:
        if isinstance(channel, discord.Thread):
            self.answered_threads[channel.id] = None
            while len(self.answered_threads) > 10_000:
                self.answered_threads.popitem(last=False)

    def user_message(self, error: BaseException) -> str:
        """The one line a user sees for a failure."""
        if isinstance(error, Busy):
            return BUSY_MESSAGE.format(wait=error)
        if isinstance(error, StoreUnavailableError):
            return f"The index is unavailable right now: {error}"
        if isinstance(error, RetrievalError):
            return str(error)
        return "Something went wrong answering that; it has been logged."

    async def on_app_command_error(self, interaction: discord.Interaction, error: app_commands.AppCommandError) -> None:
        original = getattr(error, "original", error)
        if isinstance(error, app_commands.CommandOnCooldown):
            text = f"Slow down: try again in {error.retry_after:.0f} s."
        elif isinstance(error, (app_commands.MissingPermissions, app_commands.CheckFailure)):
            text = "You need the Manage Server permission to do that." if isinstance(
                error, app_commands.MissingPermissions) else "You can't use this command here."
        else:
            if not isinstance(original, (Busy, RetrievalError)):
                log.error("command %s failed", interaction.command and interaction.command.name, exc_info=original)
            text = self.user_message(original)
        await send_ephemeral(interaction, embed=error_embed(text))


def _no_prefix(bot: commands.Bot, message: discord.Message) -> list[str]:
    return []


class _AuthorProxy:
    """CooldownMapping buckets by `message.author`; this lets interactions share the mapping."""

    def __init__(self, author: discord.abc.Snowflake):
        self.author = author


async def send_ephemeral(interaction: discord.Interaction, **kwargs) -> None:
    kwargs.setdefault("allowed_mentions", discord.AllowedMentions.none())
    if interaction.response.is_done():
        await interaction.followup.send(ephemeral=True, **kwargs)
    else:
        await interaction.response.send_message(ephemeral=True, **kwargs)
