"""/settings: per-server choices (Manage Server only), kept in the feedback file so they survive a
restart. The environment variables stay the defaults for every server."""

from __future__ import annotations

import json
from typing import Literal

import discord
from discord import app_commands
from discord.ext import commands

from bot.client import NewsBot, send_ephemeral


@app_commands.default_permissions(manage_guild=True)
@app_commands.guild_only()
class Settings(commands.GroupCog, group_name="settings", group_description="This server's settings (Manage Server)"):
    def __init__(self, bot: NewsBot):
        self.bot = bot
        super().__init__()

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        # Default permissions can be overridden per server: check again here.
        if not interaction.permissions.manage_guild:
            raise app_commands.MissingPermissions(["manage_guild"])
        return True

    @app_commands.command(name="ask-channel", description="Make every message in a channel a question, or stop")
    @app_commands.describe(action="add or remove", channel="The channel")
    async def ask_channel(self, interaction: discord.Interaction, action: Literal["add", "remove"],
                          channel: discord.TextChannel) -> None:
        guild_id = interaction.guild_id
        channels = set(json.loads(self.bot.guild_setting(guild_id, "ask_channels") or "[]"))
        (channels.add if action == "add" else channels.discard)(channel.id)
        await self.bot.set_guild_setting(guild_id, "ask_channels", json.dumps(sorted(channels)) if channels else None)
        listed = ", ".join(f"<#{c}>" for c in sorted(self.bot.ask_channels(guild_id))) or "none"
        await send_ephemeral(interaction, content=f"Question channels here: {listed}")

    @app_commands.command(name="private-default", description="Whether /ask answers only the asker by default")
    @app_commands.describe(value="on: /ask answers are private unless asked otherwise")
    async def private_default(self, interaction: discord.Interaction, value: Literal["on", "off"]) -> None:
        await self.bot.set_guild_setting(interaction.guild_id, "private_default", value)
        await send_ephemeral(interaction, content=f"/ask answers are {'private' if value == 'on' else 'public'} "
                                                  "by default here.")


async def setup(bot: NewsBot) -> None:
    await bot.add_cog(Settings(bot))
