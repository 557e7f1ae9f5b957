"""A fake Discord on loopback speaking the real v10 protocol, for end-to-end tests of the bot.

REST: the routes the bot uses (users/@me, oauth2/applications/@me, channel messages and typing,
interaction callbacks, webhook follow-ups and edits, command sync). Gateway: a websocket doing
HELLO, IDENTIFY -> READY + GUILD_CREATE, heartbeats -> ACKs, RESUME -> RESUMED, and dispatches
MESSAGE_CREATE / INTERACTION_CREATE on demand. Everything the bot sends is recorded as JSON.

This is test infrastructure: Discord's own servers cannot be reached from here.
"""

from __future__ import annotations

import asyncio
import hashlib
import itertools
import json
import re
import time
from dataclasses import dataclass, field
from typing import Any, Callable

from aiohttp import WSMsgType, web

TOKEN = "MTAxMDEwMTAxMDEwMTAxMDEw.Gabcde.abcdefghijklmnopqrstuvwxyz0123"
BOT_ID = 900_000_000_000_000_001
APP_ID = BOT_ID
GUILD_ID = 800_000_000_000_000_001
CHANNEL_ID = 700_000_000_000_000_001
ASK_CHANNEL_ID = 700_000_000_000_000_002
THREAD_ID = 700_000_000_000_000_003
ROLE_ID = 600_000_000_000_000_001
MANAGE_GUILD = 1 << 5
ALL_PERMISSIONS = (1 << 41) - 1
_ids = itertools.count(500_000_000_000_000_000)


def snowflake() -> str:
    return str(next(_ids))


def user(uid: int, name: str = "someone", bot: bool = False) -> dict:
    return {"id": str(uid), "username": name, "discriminator": "0", "global_name": name, "avatar": None, "bot": bot}


def _json(data: Any, status: int = 200) -> web.Response:
    # Discord sends exactly "application/json", and discord.py compares the header exactly.
    return web.Response(body=json.dumps(data).encode(), status=status, headers={"Content-Type": "application/json"})


def _bucket(method: str, parts: list[str]) -> tuple[str, str]:
    """(Discord's bucket hash for the route, the route's major parameter): Discord limits each route
    per channel, guild or webhook, and names the limit's bucket in X-RateLimit-Bucket."""
    template = "/".join("{id}" if re.fullmatch(r"\d+|tok-\d+", p) else p for p in parts)
    major = "/".join(parts[:3] if parts[0] in ("webhooks", "interactions") else parts[:2])
    return hashlib.sha1(f"{method} {template}".encode()).hexdigest()[:16], major


def iso_now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S.000000+00:00", time.gmtime())


@dataclass
class Recorded:
    method: str
    path: str
    body: Any
    query: dict[str, str]
    at: float = field(default_factory=time.monotonic)
    response: Any = None


class FakeDiscord:
    def __init__(self, heartbeat_interval_ms: int = 1000):
        self.heartbeat_interval_ms = heartbeat_interval_ms
        self.requests: list[Recorded] = []
        self.heartbeats: list[float] = []
        self.acks_sent = 0
        self.identifies: list[dict] = []
        self.resumes: list[dict] = []
        self.close_on_identify: int | None = None  # e.g. 4014: disallowed intents
        self.recommended_shards = 1  # what GET /gateway/bot answers
        # Requests per window in each bucket, as Discord announces them in X-RateLimit-* headers on
        # every response (discord.py sends one request at a time to a bucket it has no headers for).
        # Real Discord allows about 5 messages per 5 s in a channel and 50 requests/s in all; this
        # default is loose so that benchmarks measure the bot, and tests set real-sized limits.
        self.rate_limit: tuple[int, float] = (10_000, 1.0)
        self.rate_limited = 0  # requests answered 429
        self.reject_next = 0  # answer this many next requests 429 whatever the limits (another process spent them)
        self._windows: dict[tuple[str, str], tuple[float, int]] = {}  # bucket -> (window end, requests in it)
        self.ws: web.WebSocketResponse | None = None
        self.ready = asyncio.Event()
        self._seq = 0
        self._changed = asyncio.Condition()
        self.session_id = "fake-session"
        self.port = 0
        self._runner: web.AppRunner | None = None

    # --- lifecycle ------------------------------------------------------------------------------
    async def start(self) -> "FakeDiscord":
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_get("/gateway", self._gateway)
        app.router.add_route("*", "/api/v10/{tail:.*}", self._rest)
        self._runner = web.AppRunner(app, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        return self

    async def stop(self) -> None:
        if self.ws is not None:
            await self.ws.close()
        if self._runner:
            await self._runner.cleanup()

    @property
    def api_base(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/v10"

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/gateway"

    # --- REST -----------------------------------------------------------------------------------
    async def _record(self, request: web.Request) -> Recorded:
        body: Any = None
        if request.content_type == "application/json":
            body = await request.json()
        elif request.content_type.startswith("multipart/"):
            body = {"files": {}}
            reader = await request.multipart()
            async for part in reader:
                if part.name == "payload_json":
                    body.update(json.loads(await part.text()))
                elif part.filename:
                    body["files"][part.filename] = bytes(await part.read())
        rec = Recorded(request.method, request.path.removeprefix("/api/v10"), body, dict(request.query))
        async with self._changed:
            self.requests.append(rec)
            self._changed.notify_all()
        return rec

    def _message(self, channel_id: str, body: dict | None, webhook: bool = False) -> dict:
        body = body or {}
        return {
            "id": snowflake(), "channel_id": channel_id, "guild_id": str(GUILD_ID),
            "author": user(BOT_ID, "newsbot", bot=True), "content": body.get("content") or "",
            "timestamp": iso_now(), "edited_timestamp": None, "tts": False, "mention_everyone": False,
            "mentions": [], "mention_roles": [], "attachments": [], "embeds": body.get("embeds") or [],
            "components": body.get("components") or [], "pinned": False, "type": 0, "flags": body.get("flags", 0),
            **({"webhook_id": str(APP_ID), "application_id": str(APP_ID)} if webhook else {}),
        }

    async def _rest(self, request: web.Request) -> web.StreamResponse:
        parts = request.path.removeprefix("/api/v10").strip("/").split("/")
        bucket = _bucket(request.method, parts)
        limit, per = self.rate_limit
        now = time.time()
        ends, used = self._windows.get(bucket, (0.0, 0))
        if now >= ends:
            ends, used = now + per, 0
        # Discord's responses pass its proxy ("Via"); discord.py takes a 429 without it for a Cloudflare ban.
        headers = {"Via": "1.1 google", "X-RateLimit-Limit": str(limit), "X-RateLimit-Bucket": bucket[0],
                   "X-RateLimit-Reset": f"{ends:.3f}", "X-RateLimit-Reset-After": f"{ends - now:.3f}"}
        if self.reject_next > 0:
            self.reject_next -= 1
            used = limit
        if used >= limit:
            # Not recorded: Discord did not take it. discord.py waits retry_after and sends it again.
            self.rate_limited += 1
            response = _json({"message": "You are being rate limited.", "retry_after": ends - now, "global": False},
                             status=429)
            response.headers.update(headers, **{"X-RateLimit-Remaining": "0", "X-RateLimit-Scope": "user",
                                                "Retry-After": f"{ends - now:.3f}"})
            return response
        self._windows[bucket] = (ends, used + 1)
        rec = await self._record(request)
        # Webhook and interaction routes are authorised by their token in the URL, the rest by the bot token.
        if parts[0] not in ("webhooks", "interactions") and request.headers.get("Authorization") != f"Bot {TOKEN}":
            return _json({"message": "401: Unauthorized", "code": 0}, status=401)
        response = await self._route(rec, parts)
        response.headers.update(headers, **{"X-RateLimit-Remaining": str(limit - used - 1)})
        if isinstance(response, web.Response) and response.content_type == "application/json" and response.body:
            rec.response = json.loads(response.body)  # type: ignore[arg-type]
        return response

    async def _route(self, rec: Recorded, parts: list[str]) -> web.StreamResponse:
        path, method = rec.path, rec.method
        if path == "/users/@me":
            return _json(user(BOT_ID, "newsbot", bot=True))
        if path == "/oauth2/applications/@me":
            return _json({"id": str(APP_ID), "name": "newsbot", "icon": None, "description": "",
                                      "rpc_origins": [], "bot_public": True, "bot_require_code_grant": False,
                                      "owner": user(1, "owner"), "summary": "", "verify_key": "00", "team": None,
                                      "flags": 0})
        if path == "/gateway/bot":  # what AutoShardedBot asks first: how many shards, and where
            return _json({"url": self.gateway_url, "shards": self.recommended_shards,
                          "session_start_limit": {"total": 1000, "remaining": 1000, "reset_after": 0,
                                                  "max_concurrency": 1}})
        if parts[0] == "channels" and parts[-1] == "typing":
            return web.Response(status=204)
        if parts[0] == "channels" and parts[-1] == "messages" and method == "POST":
            return _json(self._message(parts[1], rec.body))
        if parts[0] == "interactions" and parts[-1] == "callback":
            kind = (rec.body or {}).get("type")
            flags = ((rec.body or {}).get("data") or {}).get("flags", 0)
            return _json({
                "interaction": {"id": parts[1], "type": 2, "response_message_loading": kind == 5,
                                "response_message_ephemeral": bool(flags & 64)},
                "resource": {"type": kind},
            })
        if parts[0] == "webhooks":
            if method == "POST":
                return _json(self._message(str(CHANNEL_ID), rec.body, webhook=True))
            if method == "PATCH":
                return _json(self._message(str(CHANNEL_ID), rec.body, webhook=True))
            return web.Response(status=204)
        if parts[0] == "applications" and parts[-1] == "commands" and method == "PUT":
            return _json([{**c, "id": snowflake(), "application_id": str(APP_ID), "version": "1"}
                                      for c in rec.body or []])
        return _json({"message": f"fake Discord has no route {method} {path}", "code": 0}, status=404)

    # --- gateway --------------------------------------------------------------------------------
    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(max_msg_size=0)
        await ws.prepare(request)
        await ws.send_json({"op": 10, "d": {"heartbeat_interval": self.heartbeat_interval_ms}, "s": None, "t": None})
        async for msg in ws:
            if msg.type != WSMsgType.TEXT:
                continue
            payload = json.loads(msg.data)
            op, data = payload.get("op"), payload.get("d")
            if op == 1:
                self.heartbeats.append(time.monotonic())
                await ws.send_json({"op": 11, "d": None, "s": None, "t": None})
                self.acks_sent += 1
            elif op == 2:
                self.identifies.append(data)
                if self.close_on_identify:
                    await ws.close(code=self.close_on_identify)
                    break
                await self._send_ready(ws, (data or {}).get("shard") or [0, 1])
            elif op == 6:
                self.resumes.append(data)
                self.ws = ws
                await self._dispatch(ws, "RESUMED", {})
                self.ready.set()
        return ws

    async def _dispatch(self, ws: web.WebSocketResponse, event: str, data: dict) -> None:
        self._seq += 1
        await ws.send_json({"op": 0, "t": event, "s": self._seq, "d": data})

    async def _send_ready(self, ws: web.WebSocketResponse, shard: list[int]) -> None:
        # The one guild lives on the shard Discord's formula puts it on; the other shards have none.
        home = (GUILD_ID >> 22) % shard[1] == shard[0]
        await self._dispatch(ws, "READY", {
            "v": 10, "user": user(BOT_ID, "newsbot", bot=True),
            "guilds": [{"id": str(GUILD_ID), "unavailable": True}] if home else [],
            "session_id": self.session_id, "resume_gateway_url": self.gateway_url, "shard": shard,
            "application": {"id": str(APP_ID), "flags": 0}, "private_channels": [], "relationships": [],
        })
        if not home:
            self.ready.set()
            return
        self.ws = ws  # events for the guild go down its shard's connection
        channel = lambda cid, name: {"id": str(cid), "type": 0, "name": name, "guild_id": str(GUILD_ID),  # noqa: E731
                                     "position": 0, "permission_overwrites": [], "nsfw": False, "parent_id": None}
        await self._dispatch(ws, "GUILD_CREATE", {
            "id": str(GUILD_ID), "name": "Newsroom", "owner_id": "1", "unavailable": False, "large": False,
            "member_count": 2, "joined_at": iso_now(), "features": [], "emojis": [], "stickers": [],
            "roles": [{"id": str(GUILD_ID), "name": "@everyone", "permissions": str(ALL_PERMISSIONS), "position": 0,
                       "color": 0, "hoist": False, "managed": False, "mentionable": False, "flags": 0},
                      {"id": str(ROLE_ID), "name": "editors", "permissions": "0", "position": 1, "color": 0,
                       "hoist": False, "managed": False, "mentionable": True, "flags": 0}],
            "channels": [channel(CHANNEL_ID, "general"), channel(ASK_CHANNEL_ID, "ask-the-news")],
            "threads": [{"id": str(THREAD_ID), "type": 11, "name": "follow-ups", "parent_id": str(CHANNEL_ID),
                         "guild_id": str(GUILD_ID), "owner_id": "42", "message_count": 0, "member_count": 1,
                         "thread_metadata": {"archived": False, "auto_archive_duration": 60,
                                             "archive_timestamp": iso_now(), "locked": False}}],
            "members": [{"user": user(BOT_ID, "newsbot", bot=True), "roles": [], "joined_at": iso_now(),
                         "deaf": False, "mute": False, "flags": 0}],
            "presences": [], "voice_states": [], "stage_instances": [], "guild_scheduled_events": [],
        })
        self.ready.set()

    async def dispatch(self, event: str, data: dict) -> None:
        await self.ready.wait()
        assert self.ws is not None
        await self._dispatch(self.ws, event, data)

    async def drop_connection(self, code: int = 4000) -> None:
        """Close the socket as Discord does on a server-side hiccup; the bot should RESUME."""
        self.ready.clear()
        assert self.ws is not None
        ws, self.ws = self.ws, None
        await ws.close(code=code)

    # --- what tests send --------------------------------------------------------------------------
    async def send_message(self, content: str, author_id: int = 42, channel_id: int = CHANNEL_ID,
                           mentions: list[int] = (), mention_roles: list[int] = (), everyone: bool = False) -> str:
        mid = snowflake()
        await self.dispatch("MESSAGE_CREATE", {
            "id": mid, "channel_id": str(channel_id), "guild_id": str(GUILD_ID), "type": 0, "flags": 0,
            "author": user(author_id, f"user{author_id}"),
            "member": {"roles": [], "joined_at": iso_now(), "deaf": False, "mute": False, "flags": 0},
            "content": content, "timestamp": iso_now(), "edited_timestamp": None, "tts": False,
            "mention_everyone": everyone, "mentions": [user(u, f"user{u}", bot=u == BOT_ID) for u in mentions],
            "mention_roles": [str(r) for r in mention_roles], "attachments": [], "embeds": [], "pinned": False,
        })
        return mid

    async def interact(self, kind: int, data: dict, user_id: int = 42, permissions: int = 0,
                       message: dict | None = None) -> tuple[str, str]:
        """Send an INTERACTION_CREATE; returns (interaction id, token)."""
        iid, token = snowflake(), f"tok-{snowflake()}"
        payload = {
            "id": iid, "application_id": str(APP_ID), "type": kind, "data": data, "guild_id": str(GUILD_ID),
            "channel_id": str(CHANNEL_ID),
            "channel": {"id": str(CHANNEL_ID), "type": 0, "name": "general", "guild_id": str(GUILD_ID),
                        "position": 0, "permission_overwrites": [], "nsfw": False, "parent_id": None},
            "member": {"user": user(user_id, f"user{user_id}"), "roles": [], "joined_at": iso_now(), "deaf": False,
                       "mute": False, "flags": 0, "permissions": str(permissions)},
            "token": token, "version": 1, "app_permissions": str(ALL_PERMISSIONS), "locale": "en-US",
            "guild_locale": "en-US", "entitlements": [], "authorizing_integration_owners": {"0": str(GUILD_ID)},
            "context": 0, "attachment_size_limit": 25 * 1024 * 1024,
        }
        if message is not None:
            payload["message"] = message
        await self.dispatch("INTERACTION_CREATE", payload)
        return iid, token

    async def slash(self, name: str, options: dict[str, Any] | None = None, **kwargs) -> tuple[str, str]:
        opts = [{"name": k, "type": 5 if isinstance(v, bool) else 3, "value": v} for k, v in (options or {}).items()]
        return await self.interact(2, {"id": snowflake(), "name": name, "type": 1, "options": opts}, **kwargs)

    async def wait_for(self, predicate: Callable[[Recorded], bool], timeout: float = 60.0, count: int = 1) -> list[Recorded]:
        """The first `count` recorded requests matching `predicate`, waiting for them to arrive."""
        async def matched() -> list[Recorded]:
            async with self._changed:
                while True:
                    found = [r for r in self.requests if predicate(r)]
                    if len(found) >= count:
                        return found[:count]
                    await self._changed.wait()
        return await asyncio.wait_for(matched(), timeout)

    def posts(self) -> list[Recorded]:
        """Every request that carries a message body the bot sent."""
        return [r for r in self.requests if r.method in ("POST", "PATCH") and isinstance(r.body, dict)]
