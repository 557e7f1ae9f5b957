"""Render answers and sources as Discord messages that fit Discord's limits and cannot ping."""

from __future__ import annotations

import functools
import re

import discord

from retrieval import Answer, Source

DESCRIPTION_LIMIT = 4096
# Seven metadata fields of this size, a 1,500-character excerpt and a title stay under the 6,000 total.
FIELD_CHARS = 400
ANSWERED = discord.Colour.blurple()
NOT_ANSWERED = discord.Colour.light_grey()
ERROR = discord.Colour.red()
# Leaves room for the title and footer inside Discord's 6,000-character embed total.
_BODY_BUDGET = 3800


@functools.lru_cache(maxsize=4096)
def safe(text: str) -> str:
    """Article or user text shown as-is: no markdown, no mention syntax. Cached: discord.py's escaping
    is a handful of regexes, and the same passages are quoted again and again while a story runs."""
    return discord.utils.escape_mentions(discord.utils.escape_markdown(text))


def clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def answer_embed(answer: Answer, labels: dict[str, str]) -> discord.Embed:
    """`labels` maps a source id to how it is named (title/outlet, else file name)."""
    if answer.answered:
        embed = discord.Embed(title=clip(safe(answer.question), 256), colour=ANSWERED)
        intro = ""
    else:
        embed = discord.Embed(title="Not in the coverage", colour=NOT_ANSWERED)
        intro = "The coverage does not answer this. Closest passages, **not an answer**:\n\n"
    parts: list[str] = []
    used = len(intro)
    for snip in answer.snippets:
        block = f"> {safe(snip.text)}\n— {citation(snip.title or labels.get(snip.source, snip.source), snip.url, snip.outlet, snip.date)}"
        if snip.also_in:
            also = ", ".join(safe(labels.get(s, s)) for s in snip.also_in)
            block += f"\n  also in: {also}"
        block = clip(block, _BODY_BUDGET // 2)
        if used + len(block) + 2 > _BODY_BUDGET:
            break
        parts.append(block)
        used += len(block) + 2
    embed.description = intro + ("\n\n".join(parts) if parts else "No passage came close.")
    embed.set_footer(text=f"confidence {answer.confidence:.2f}")
    return embed


def link(text: str, url: str | None) -> str:
    """`text` as a masked link to `url` when the URL is a plain http(s) address, else as text."""
    if url and re.fullmatch(r"https?://[^\s<>()\[\]]+", url):
        return f"[{text}]({url})"
    return text


def citation(title: str, url: str | None, outlet: str | None, date: str | None) -> str:
    """"*Title*" linked to the article when its URL is known, then outlet and date where known."""
    named = link(f"*{safe(clip(title, 200))}*", url)
    extra = " · ".join(safe(x) for x in (outlet, date) if x and x not in title)
    return f"{named} · {extra}" if extra else named


def error_embed(message: str) -> discord.Embed:
    return discord.Embed(description=clip(safe(message), DESCRIPTION_LIMIT), colour=ERROR)


def sources_pages(sources: list[Source], per_page: int = 8) -> list[discord.Embed]:
    pages: list[discord.Embed] = []
    chunks = [sources[i:i + per_page] for i in range(0, len(sources), per_page)] or [[]]
    for n, chunk in enumerate(chunks, 1):
        lines = []
        for s in chunk:
            details = " · ".join(x for x in (s.outlet, s.date, s.kind, f"{s.sentences} sentences") if x)
            lines.append(f"**{link(safe(clip(s.title or s.id, 200)), s.url)}**\n`{safe(s.id)}` · {safe(details)}")
        embed = discord.Embed(title=f"Indexed articles ({len(sources)})", description="\n\n".join(lines) or "No articles indexed.")
        embed.set_footer(text=f"page {n} of {len(chunks)}")
        pages.append(embed)
    return pages


def source_embed(source: Source, text: str, excerpt_chars: int = 1500) -> discord.Embed:
    url = source.url if source.url and re.fullmatch(r"https?://\S+", source.url) else None
    embed = discord.Embed(title=clip(source.title or source.id, 256), description=safe(clip(text, excerpt_chars)), url=url)
    for name, value in (("file", source.id), ("outlet", source.outlet), ("kind", source.kind), ("author", source.author),
                        ("date", source.date), ("url", source.url), ("sentences", str(source.sentences))):
        if value:
            embed.add_field(name=name, value=clip(safe(value), FIELD_CHARS), inline=True)
    return embed
