"""`python -m bot [--sync]`: run the Discord bot with settings from the environment or .env."""

from __future__ import annotations

import argparse
import asyncio
import logging
import re
import signal
import sys

import discord

from config import ConfigError, load_settings
from retrieval import RetrievalError

log = logging.getLogger("bot")

PORTAL = "https://discord.com/developers/applications"
# Bot tokens are three base64url parts joined by dots.
_TOKEN_SHAPE = re.compile(r"^[\w-]{20,}\.[\w-]{4,}\.[\w-]{20,}$")


class StartupError(Exception):
    """Printed as one line; the process exits 1."""


def check_token(token: str | None) -> str:
    if not token:
        raise StartupError(f"DISCORD_TOKEN is not set; put the bot token from {PORTAL} (Bot → Reset Token) in .env")
    token = token.strip()
    if not _TOKEN_SHAPE.match(token):
        raise StartupError("DISCORD_TOKEN does not look like a bot token (three dot-separated parts); "
                           f"copy it again from {PORTAL} (Bot → Reset Token)")
    return token


async def run(sync_commands: bool) -> None:
    from bot import create_bot

    settings = load_settings()
    token = check_token(settings.discord_token.get_secret_value() if settings.discord_token else None)
    bot = create_bot(settings, sync_commands=sync_commands)
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, lambda s=sig: (log.info("received %s, closing", s.name), asyncio.ensure_future(bot.close())))
    try:
        async with bot:
            await bot.start(token)
    except discord.LoginFailure:
        raise StartupError(f"Discord rejected DISCORD_TOKEN (401); reset the token at {PORTAL} (Bot → Reset Token) "
                           "and update .env") from None
    except discord.PrivilegedIntentsRequired:
        raise StartupError(f"the Message Content intent is not enabled: turn on Bot → Privileged Gateway Intents → "
                           f"MESSAGE CONTENT INTENT at {PORTAL}, or set DISCORD_MESSAGE_CONTENT=false to run with "
                           "slash commands and mentions only") from None


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bot", description=__doc__)
    parser.add_argument("--sync", action="store_true",
                        help="sync slash commands (to DISCORD_SYNC_GUILD_ID if set, else globally) before serving")
    args = parser.parse_args()
    discord.utils.setup_logging(level=logging.INFO, root=True)
    logging.getLogger("discord.gateway").setLevel(logging.WARNING)
    try:
        asyncio.run(run(args.sync))
    except (StartupError, ConfigError, RetrievalError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        sys.exit(1)
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
