"""Questions: a mention, a message in an ask channel, a follow-up in a thread the bot answered in, or /ask."""

from __future__ import annotations

import asyncio
import logging
import re

import discord
from discord import app_commands
from discord.ext import commands

from bot.client import NewsBot, send_ephemeral
from bot.cogs.feedback import answer_view
from bot.formatting import answer_embed, error_embed
from bot.work import Busy
from retrieval import Answer, RetrievalError

log = logging.getLogger(__name__)
EXAMPLE = "Who called NATO membership unrealistic?"
# Seconds a question may take before the member sees "typing…".
TYPING_AFTER = 0.5


class Ask(commands.Cog):
    def __init__(self, bot: NewsBot):
        self.bot = bot

    def _question(self, message: discord.Message) -> str | None:
        """The question in `message`, "" for an empty mention, None when the message is not for us."""
        me = self.bot.user
        if me is None or message.author.bot or message.webhook_id:
            return None
        channel = message.channel
        mentioned = any(u.id == me.id for u in message.mentions)
        in_ask_channel = channel.id in self.bot.ask_channels(message.guild.id if message.guild else None)
        in_our_thread = isinstance(channel, discord.Thread) and (
            channel.id in self.bot.answered_threads or channel.owner_id == me.id)
        if not (mentioned or in_ask_channel or in_our_thread):
            return None
        return re.sub(rf"<@!?{me.id}>", " ", message.content).strip()

    async def _answer(self, question: str) -> tuple[Answer, dict[str, str]]:
        # Through the batcher: questions that arrive together share one model call.
        return await self.bot.questions.ask(question)

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        question = self._question(message)
        if question is None:
            return
        if not question:
            await self._reply(message, error_embed(f"Ask me something about the coverage, e.g. “{EXAMPLE}”"))
            return
        left = self.bot.cooldown_left(message.author)
        if left:
            await self._reply(message, error_embed(f"Slow down: try again in {left:.0f} s."))
            return
        try:
            answer, labels = await self._answer_typing(message.channel, question)
        except (Busy, RetrievalError) as exc:
            await self._reply(message, error_embed(self.bot.user_message(exc)))
            return
        except Exception as exc:  # noqa: BLE001 - one bad question must not take the listener down
            log.exception("answering message %s failed", message.id)
            await self._reply(message, error_embed(self.bot.user_message(exc)))
            return
        view = await self._record(answer, message.guild.id if message.guild else None)
        await self._reply(message, answer_embed(answer, labels), view)
        self.bot.remember_thread(message.channel)

    async def _answer_typing(self, channel: discord.abc.Messageable, question: str) -> tuple[Answer, dict[str, str]]:
        """The answer, with the typing indicator shown while the member waits for it: only once it
        takes longer than TYPING_AFTER, since a reply that follows at once needs no "typing…" (and in a
        burst that request would cost every question a round trip); one indicator per channel."""
        task = asyncio.ensure_future(self._answer(question))
        try:
            return await asyncio.wait_for(asyncio.shield(task), TYPING_AFTER)
        except asyncio.TimeoutError:
            async with self.bot.typing.shown(channel):
                return await task

    async def _record(self, answer: Answer, guild_id: int | None) -> discord.ui.View | None:
        """Keep the answer shown, for votes and "More context"; a feedback file that fails must not
        cost the member the answer."""
        try:
            answer_id = await self.bot.db(self.bot.feedback.record_answer, answer, guild_id)
        except Exception:  # noqa: BLE001
            log.exception("recording an answer for feedback failed")
            return None
        return answer_view(answer_id, has_passage=bool(answer.snippets))

    async def _reply(self, message: discord.Message, embed: discord.Embed, view: discord.ui.View | None = None) -> None:
        extra = {"view": view} if view is not None else {}
        try:
            await message.reply(embed=embed, mention_author=False, allowed_mentions=discord.AllowedMentions.none(), **extra)
        except discord.HTTPException:
            # The question was deleted, or replies are not allowed here: answer in the channel instead.
            await message.channel.send(embed=embed, allowed_mentions=discord.AllowedMentions.none(), **extra)

    @app_commands.command(name="ask", description="Ask a question about the news coverage")
    @app_commands.describe(question="Your question, e.g. " + EXAMPLE,
                           private="Only you see the answer (default: this server's setting, else no)")
    async def ask(self, interaction: discord.Interaction, question: str, private: bool | None = None) -> None:
        left = self.bot.cooldown_left(interaction.user)
        if left:
            await send_ephemeral(interaction, embed=error_embed(f"Slow down: try again in {left:.0f} s."))
            return
        if private is None:
            private = self.bot.guild_setting(interaction.guild_id, "private_default") == "on"
        await interaction.response.defer(ephemeral=private, thinking=True)
        answer, labels = await self._answer(question)
        view = await self._record(answer, interaction.guild_id)
        await interaction.followup.send(embed=answer_embed(answer, labels), ephemeral=private,
                                        allowed_mentions=discord.AllowedMentions.none(),
                                        **({"view": view} if view is not None else {}))


async def setup(bot: NewsBot) -> None:
    await bot.add_cog(Ask(bot))
