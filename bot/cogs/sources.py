"""/sources lists the indexed articles, paged; /source shows one, with autocomplete."""

from __future__ import annotations

import io
from pathlib import PurePosixPath

import discord
from discord import app_commands
from discord.ext import commands

from bot.client import NewsBot
from bot.formatting import clip, source_embed, sources_pages
from bot.work import Busy
from retrieval import RetrievalError


class Pages(discord.ui.View):
    """Previous/next buttons that only the person who asked can use."""

    def __init__(self, pages: list[discord.Embed], owner_id: int):
        super().__init__(timeout=300)
        self.pages = pages
        self.owner_id = owner_id
        self.index = 0
        self._sync_buttons()

    def _sync_buttons(self) -> None:
        self.previous.disabled = self.index == 0
        self.next.disabled = self.index >= len(self.pages) - 1

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        if interaction.user.id == self.owner_id:
            return True
        await interaction.response.send_message("Only the person who asked can turn these pages; use /sources yourself.",
                                                ephemeral=True)
        return False

    async def _show(self, interaction: discord.Interaction, step: int) -> None:
        self.index = max(0, min(len(self.pages) - 1, self.index + step))
        self._sync_buttons()
        await interaction.response.edit_message(embed=self.pages[self.index], view=self)

    @discord.ui.button(label="Previous", style=discord.ButtonStyle.secondary)
    async def previous(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
        await self._show(interaction, -1)

    @discord.ui.button(label="Next", style=discord.ButtonStyle.secondary)
    async def next(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
        await self._show(interaction, 1)


class Sources(commands.Cog):
    def __init__(self, bot: NewsBot):
        self.bot = bot

    @app_commands.command(name="sources", description="List the articles the bot answers from")
    async def sources(self, interaction: discord.Interaction) -> None:
        await interaction.response.defer(thinking=True)
        pages = sources_pages(await self.bot.work.run(self.bot.retriever.sources))
        if len(pages) == 1:
            await interaction.followup.send(embed=pages[0])
        else:
            await interaction.followup.send(embed=pages[0], view=Pages(pages, interaction.user.id))

    @app_commands.command(name="source", description="Show one article's details and cleaned text")
    @app_commands.describe(article="Title, outlet or file name")
    async def source(self, interaction: discord.Interaction, article: str) -> None:
        await interaction.response.defer(thinking=True)
        doc = await self.bot.work.run(self.bot.retriever.source, article)
        attachment = discord.File(io.BytesIO(doc.text.encode("utf-8")), filename=f"{PurePosixPath(doc.source.id).stem}.txt")
        await interaction.followup.send(embed=source_embed(doc.source, doc.text), file=attachment)

    @source.autocomplete("article")
    async def article_autocomplete(self, interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        try:
            sources = await self.bot.work.run(self.bot.retriever.sources)
        except (Busy, RetrievalError):
            return []
        needle = current.lower().strip()
        choices = []
        for s in sources:
            haystack = f"{s.id} {s.title or ''} {s.outlet or ''}".lower()
            if needle in haystack:
                choices.append(app_commands.Choice(name=clip(s.label, 100), value=s.id))
        return choices[:25]


async def setup(bot: NewsBot) -> None:
    await bot.add_cog(Sources(bot))
