"""/reindex: bring the index in line with the corpus folder (Manage Server only)."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.client import NewsBot
from bot.formatting import clip, safe


class Admin(commands.Cog):
    def __init__(self, bot: NewsBot):
        self.bot = bot

    @app_commands.command(name="reindex", description="Re-index the coverage folder (Manage Server only)")
    @app_commands.default_permissions(manage_guild=True)
    @app_commands.checks.has_permissions(manage_guild=True)  # default permissions can be overridden per guild
    @app_commands.guild_only()
    async def reindex(self, interaction: discord.Interaction) -> None:
        await interaction.response.defer(thinking=True)
        report = await self.bot.work.run(self.bot.retriever.reindex)
        embed = discord.Embed(title="Index updated", description=safe(report.summary()))
        for name, files in (("added", report.added), ("changed", report.changed), ("removed", report.removed)):
            if files:
                embed.add_field(name=name, value=clip(safe(", ".join(files)), 1024), inline=False)
        if report.skipped:
            skipped = "\n".join(f"{s.file}: {s.reason}" for s in report.skipped)
            embed.add_field(name="skipped", value=clip(safe(skipped), 1024), inline=False)
        await interaction.followup.send(embed=embed)


async def setup(bot: NewsBot) -> None:
    await bot.add_cog(Admin(bot))
