"""Where discord.py connects: Discord itself, or a proxy / test double given in the settings."""

from __future__ import annotations

import discord
import yarl

_DEFAULT_API = discord.http.Route.BASE
_DEFAULT_GATEWAY = discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY


def point_at(api_base: str | None, gateway_url: str | None) -> None:
    # discord.py keeps these as class attributes; there is one Discord per process.
    discord.http.Route.BASE = api_base.rstrip("/") if api_base else _DEFAULT_API
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(gateway_url) if gateway_url else _DEFAULT_GATEWAY
