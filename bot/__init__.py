"""Discord bot answering questions about the news coverage, through `retrieval`'s public API."""

from __future__ import annotations

from config import Settings, load_settings


def create_bot(settings: Settings | None = None, sync_commands: bool = False):
    """The configured, not yet started bot (settings from the environment when not given)."""
    from bot.client import NewsBot
    from bot.connection import point_at

    settings = settings or load_settings()
    point_at(settings.discord_api_base, settings.discord_gateway_url)
    return NewsBot(settings, sync_commands=sync_commands)


__all__ = ["create_bot"]
