"""👍 / 👎 and "More context" on every answer.

The buttons are persistent (discord.py dynamic items): their custom ids carry the answer's row in the
feedback file, so they keep working after a restart. Votes are written off the event loop.
"""

from __future__ import annotations

import discord

from bot.client import NewsBot, send_ephemeral
from bot.formatting import clip, error_embed, safe
from retrieval import REASONS, RetrievalError


def answer_view(answer_id: int, has_passage: bool) -> discord.ui.View:
    """The buttons under an answer."""
    view = discord.ui.View(timeout=None)
    view.add_item(VoteButton(answer_id, up=True))
    view.add_item(VoteButton(answer_id, up=False))
    if has_passage:
        view.add_item(ContextButton(answer_id))
    return view


class VoteButton(discord.ui.DynamicItem[discord.ui.Button], template=r"vote:(?P<way>up|down):(?P<answer>\d+)"):
    def __init__(self, answer_id: int, up: bool):
        super().__init__(discord.ui.Button(
            emoji="👍" if up else "👎", style=discord.ButtonStyle.secondary,
            custom_id=f"vote:{'up' if up else 'down'}:{answer_id}"))
        self.answer_id = answer_id
        self.up = up

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Button, match) -> "VoteButton":
        return cls(int(match["answer"]), match["way"] == "up")

    async def callback(self, interaction: discord.Interaction) -> None:
        bot: NewsBot = interaction.client  # type: ignore[assignment]
        if self.up:
            await bot.db(bot.feedback.vote, self.answer_id, interaction.user.id, True)
            await send_ephemeral(interaction, content="Thanks, noted: this answer helped.")
            return
        view = discord.ui.View(timeout=600)
        view.add_item(ReasonSelect(self.answer_id))
        await send_ephemeral(interaction, content="What was wrong with it?", view=view)


class ReasonSelect(discord.ui.DynamicItem[discord.ui.Select], template=r"why:(?P<answer>\d+)"):
    def __init__(self, answer_id: int):
        super().__init__(discord.ui.Select(
            custom_id=f"why:{answer_id}", placeholder="Pick what was wrong",
            options=[discord.SelectOption(label=clip(text, 100), value=key) for key, text in REASONS.items()]))
        self.answer_id = answer_id

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Select, match) -> "ReasonSelect":
        return cls(int(match["answer"]))

    async def callback(self, interaction: discord.Interaction) -> None:
        bot: NewsBot = interaction.client  # type: ignore[assignment]
        reason = self.item.values[0] if self.item.values else "wrong_passage"
        await bot.db(bot.feedback.vote, self.answer_id, interaction.user.id, False, reason)
        await interaction.response.edit_message(content=f"Thanks, noted: {REASONS[reason]}.", view=None)


class ContextButton(discord.ui.DynamicItem[discord.ui.Button], template=r"context:(?P<answer>\d+)"):
    def __init__(self, answer_id: int):
        super().__init__(discord.ui.Button(label="More context", style=discord.ButtonStyle.secondary,
                                           custom_id=f"context:{answer_id}"))
        self.answer_id = answer_id

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Button, match) -> "ContextButton":
        return cls(int(match["answer"]))

    async def callback(self, interaction: discord.Interaction) -> None:
        bot: NewsBot = interaction.client  # type: ignore[assignment]
        record = await bot.db(bot.feedback.answer, self.answer_id)
        shown = (record or {}).get("shown") or []
        if not shown or not shown[0].get("sentence_id"):
            await send_ephemeral(interaction, embed=error_embed("That answer is no longer on record; ask again."))
            return
        try:
            passage = await bot.work.run(bot.retriever.passage, shown[0]["sentence_id"])
        except RetrievalError as exc:
            await send_ephemeral(interaction, embed=error_embed(bot.user_message(exc)))
            return
        source = passage.source
        embed = discord.Embed(title=clip(source.title or source.id, 256), description=clip(safe(passage.text), 4000),
                              url=source.url if source.url and source.url.startswith(("http://", "https://")) else None)
        details = " · ".join(safe(x) for x in (source.outlet, source.date) if x)
        embed.set_footer(text=clip(f"{details + ' · ' if details else ''}{source.id}", 2048))
        await send_ephemeral(interaction, embed=embed)


async def setup(bot: NewsBot) -> None:
    bot.add_dynamic_items(VoteButton, ReasonSelect, ContextButton)
