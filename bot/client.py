"""The bot: a commands.Bot subclass that owns the retriever and the shared limits."""

from __future__ import annotations

import logging
from collections import OrderedDict

import discord
from discord import app_commands
from discord.ext import commands

from bot.batching import QuestionBatcher
from bot.formatting import error_embed
from bot.work import Busy, WorkQueue
from config import Settings
from retrieval import Answer, RetrievalError, Retriever, StoreUnavailableError

log = logging.getLogger(__name__)

EXTENSIONS = ("bot.cogs.ask", "bot.cogs.sources", "bot.cogs.admin", "bot.cogs.about")
BUSY_MESSAGE = "I'm answering a lot of questions right now ({wait}); please ask again in a minute."


class NewsBot(commands.Bot):
    def __init__(self, settings: Settings, sync_commands: bool = False):
        intents = discord.Intents.default()
        intents.message_content = settings.discord_message_content
        super().__init__(
            command_prefix=_no_prefix,  # no text commands: every message for the bot is a question
            intents=intents,
            allowed_mentions=discord.AllowedMentions.none(),
            help_command=None,
        )
        self.settings = settings
        self.sync_commands = sync_commands
        self.retriever: Retriever | None = None
        self.questions: QuestionBatcher | None = None  # set up with the retriever in setup_hook
        self.work = WorkQueue(settings.discord_max_concurrent, settings.discord_max_wait_seconds)
        # One cooldown for questions, however they are asked (mention, channel, thread, /ask).
        self.question_cooldown = commands.CooldownMapping.from_cooldown(
            1, settings.discord_cooldown_seconds, commands.BucketType.user)
        self.answered_threads: OrderedDict[int, None] = OrderedDict()
        self.tree.on_error = self.on_app_command_error

    async def setup_hook(self) -> None:
        # Loading the model takes seconds: do it in a thread so the gateway is never starved.
        self.retriever = await self.loop.run_in_executor(None, Retriever.from_settings, self.settings)
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

    async def on_ready(self) -> None:
        log.info("ready as %s in %d guilds", self.user, len(self.guilds))

    async def close(self) -> None:
        await super().close()
        self.work.close()

    def _answer_batch(self, questions: list[str]) -> list[tuple[Answer, dict[str, str]] | BaseException]:
        """Runs in a worker thread: a batch of questions through one model call, with the labels that
        "also in" names articles by."""
        answers = self.retriever.ask_many(questions)
        labels = {s.id: s.label for s in self.retriever.sources()}
        return [a if isinstance(a, BaseException) else (a, labels) for a in answers]

    # --- shared helpers for cogs ------------------------------------------------------------
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
