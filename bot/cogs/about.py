"""/about: what the bot covers and how to ask."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.client import NewsBot
from bot.formatting import clip, safe


class About(commands.Cog):
    def __init__(self, bot: NewsBot):
        self.bot = bot

    @app_commands.command(name="about", description="What the bot covers and how to ask it")
    async def about(self, interaction: discord.Interaction) -> None:
        await interaction.response.defer(thinking=True)
        sources = await self.bot.work.run(self.bot.retriever.sources)
        stats = await self.bot.db(self.bot.feedback.stats, interaction.guild_id)
        outlets = sorted({s.outlet for s in sources if s.outlet})
        dates = sorted({s.date for s in sources if s.date})
        span = (dates[0] if dates[0] == dates[-1] else f"{dates[0]} to {dates[-1]}") if dates else "not stated"
        embed = discord.Embed(title="About this bot", description=(
            "I answer questions about a fixed set of news articles, quoting the sentences that answer and citing "
            "every article that says the same. If the articles don't answer, I say so."))
        embed.add_field(name="articles", value=str(len(sources)))
        embed.add_field(name="outlets", value=clip(safe(", ".join(outlets)), 1024) if outlets else "not stated")
        embed.add_field(name="dates covered", value=safe(span))
        embed.add_field(name="answers given here", value=f"{stats.answers} ({stats.answered} from the coverage)")
        share = f"{stats.share_up:.0%} of {stats.up + stats.down} votes" if stats.share_up is not None else "no votes yet"
        embed.add_field(name="👍", value=share)
        embed.add_field(name="how to ask", value=(
            "Mention me with a question, use `/ask`, or ask in a question channel. "
            "`/sources` lists the articles and `/source` shows one."), inline=False)
        await interaction.followup.send(embed=embed)


async def setup(bot: NewsBot) -> None:
    await bot.add_cog(About(bot))
