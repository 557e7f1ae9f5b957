"""Strip the furniture that scraped pages carry, by rules about the shape of text, not about sites.

Input is a page's blocks (paragraphs, headings, list items, table rows); output is the article's
blocks in order, with their text as written (nothing is rewritten but whitespace). Each rule targets a
kind of page furniture: consent banners, machine-translation notices, repeated photo captions and
their credits, reference and link lists, navigation and teaser runs, follow/subscribe/affiliate/
copyright lines, contributor and comment footers, template placeholders such as "[date]", and
passages in another script than the article's.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from retrieval.page import HEADING, ITEM, PARAGRAPH, Block
from retrieval.text_page import CREDIT as _CREDIT
from retrieval.text_page import TERMINAL as _TERMINAL

_URL = re.compile(r"https?://\S+|www\.\S+")
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.]+\b")
# A cookie banner says what the cookies are for within a few words; a paragraph about baking ("freshly
# baked cookies for 50 percent off ... your store's policy") is no banner.
_CONSENT = re.compile(r"\bcookies?\b.{0,60}\b(?:use|accept|consent|agree|settings|policy|browser|experience)\b|"
                      r"\b(?:accept|agree to|consent to)\b.{0,60}\bcookies?\b|^i agree$|^accept(?: all)?$", re.I)
_TRANSLATION_NOTICE = re.compile(
    r"\btranslat\w*\b.*\b(?:automatic\w*|machine|generated|not responsible)\b"
    r"|\b(?:automatic\w*|machine)[- ]translat\w*|^translating\W*$", re.I)
# A pointer to another page set in the text: "(See pictures of the spill.)", "(Watch TIME's video ...)".
# As a paragraph it is dropped; as a sentence inside one it is kept in the text but never quoted.
POINTER = re.compile(r"^\(\s*(?:see|watch|read|view|listen to)\b[^()]{0,200}\)[.!]?$", re.I)
_SOCIAL = r"(?:twitter|facebook|instagram|youtube|linkedin|tiktok|pinterest|snapchat|whatsapp|telegram|threads|bluesky|x)"
# Sentences that are about the page, the site or the reader's next click, not about the story.
_BOILERPLATE = re.compile("|".join([
    r"^\(?\s*editor'?s? note\b",
    r"^(?:if you want to contribute|share this|share on|click here|tap here)\b",
    r"\bclick here\b.{0,40}\b(?:more|subscribe|sign up|information|details)\b",
    r"\bfollow (?:us|him|her|them|me|@\w+|[\w.'’]+(?: [\w.'’]+){0,5}) on " + _SOCIAL + r"\b",
    r"^follow (?:us|@\w+)\b",
    r"\b(?:sign up|subscribe|register)\b.{0,80}\b(?:newsletters?|inbox|e-?mail updates|alerts)\b",
    r"\bnewsletters?\b.{0,60}\b(?:sign up|subscribe|delivered)\b",
    r"©|\(c\)\s*\d{4}|\ball rights reserved\b|^copyright\b",
    r"\b(?:this|the) (?:article|story|post|piece) (?:was )?(?:originally )?(?:appeared|published|first appeared)\b",
    r"^(?:originally|first) (?:published|appeared)\b",
    r"\b(?:affiliate|commission)\b.{0,80}\b(?:links?|purchases?|buy|sales?)\b",
    r"\bif you (?:buy|purchase|click)\b.{0,80}\b(?:may|might|could)\b.{0,40}\b(?:earn|get|receive)\b",
    r"^(?:\(?\s*(?:additional )?(?:reporting|writing|editing|research) by\b)|^contributing\s*:|^with \w+ wires?\b",
    r"^[(\[]?\s*(?:read more|related|see more|see also|also read|more|watch|listen|don'?t miss|most read|"
    r"popular on \w+|more must-reads?|recommended|trending|advertisement|sponsored)\b\s*(?:[:|»>]|$)",
    POINTER.pattern,
    r"^(?:update|updated|correction|clarification)\b[^.:]{0,40}:",
    r"^(?:loading|please wait)\b.{0,60}(?:\.\.\.|…)$",
    r"^(?:please )?(?:send|share|submit) (?:us )?your (?:photos|videos|pictures|stories|tips)\b",
    r"^(?:have a tip|got a tip)\b",
    # A notice to the reader about their ad blocker, not a story that mentions one ("it could double as
    # a pop-up ad blocker").
    r"\b(?:your|an|disable|disabling|turn off|turning off|whitelist|whitelisting|using|use)\b.{0,20}\bad[- ]?blockers?\b|"
    r"\bad[- ]?blockers? (?:detected|enabled|is (?:on|enabled|active))\b",
    r"^(?:published|updated|posted|last updated|first published)\b.{0,60}\d.{0,30}$",
    r"^(?:source|sources|credit|credits)\s*:.{0,60}$",
    r"^\d{1,2}:\d\d\s*[ap]\.?m\.?\b.{0,40}\bby\b.{0,40}$",
    r"^(?:image|photo|picture|video) (?:credit|source)\s*:",
    r"^\(?(?:image|photo)s? ?(?:credit|courtesy|by)?\s*:",
]), re.I)
# A label over a list of links: references, or teasers for other stories.
_LIST_HEADINGS = re.compile(r"^(?:references|sources|bibliography|further reading|see also|related(?: \w+)?|read more|"
                            r"more on this(?: story)?|more stories|links|you (?:may|might) also like|more from [\w ]{1,30}|"
                            r"don'?t miss|must[- ]reads?|more must[- ]reads?|most (?:read|popular|viewed|shared)(?: [\w ]{1,30})?|"
                            r"popular (?:on|in) [\w ]{1,30}|recommended(?: for you)?|trending(?: now)?|top stories|"
                            r"latest (?:news|stories)|what to read next|up next)\s*:?$", re.I)
_FOOTER_START = re.compile(r"^(?:author\s*:|about the author|written by\b|leave a (?:comment|reply)|"
                           r"this (?:post|entry) has \d+ comments?|\d+ comments?\b|comments?\s*:?$|share (?:this|on)\b|"
                           r"the pictures? in (?:the|this) article|tell us what you think|join the conversation)", re.I)
# What closes a page after the article: an author box ("Jo Smith is an award-winning journalist who
# ..."), or a press release's boilerplate about the company ("Acme is a leading provider of ...").
_CLOSING = re.compile(r"^[A-Z][\w.'’&-]+(?: [A-Z][\w.'’&-]+){0,3}(?: \([^)]{1,20}\))? (?:is|has been) (?:an?|our)\b.{0,80}\b"
                      r"(?:journalist|writer|reporter|editor|correspondent|author|contributor|columnist|curator|"
                      r"photographer|blogger|(?:solutions? )?provider|company|manufacturer|firm|organi[sz]ation|supplier)\b")
# How many blocks at the end of a page are looked at for what closes it.
CLOSING_BLOCKS = 4
# "On [date], Trump held..." -> "Trump held...": a template placeholder and the preposition leading into it.
# Only a template's own words ("[date]", "[COMPANY NAME]"): an editor's insertion in a quote ("My
# husband [actor Ted Danson] and I", "[the president] said") is part of the text.
_PLACEHOLDER = re.compile(r"(?:\b(?:on|in|at|since|by|from|until|of|for)\s+)?"
                          r"\[(?-i:(?!(?:the|a|an|his|her|their|its|he|she|they|it)\b)[a-z]+(?: [a-z]+){0,2}|"
                          r"[A-Z]+(?: [A-Z]+){0,2})\],?\s*", re.I)
# The headline is looked for among the first blocks; what stands above it is dropped up to this many words.
HEAD_BLOCKS = 6
HEAD_MAX_WORDS = 40
# A run of this many short unpunctuated blocks in a row is a menu, not an article.
NAV_RUN = 8
NAV_WORDS = 3
# Blocks that are this much link, in a run of at least two, are teasers for other pages.
LINK_SHARE = 0.9
# Repeated paragraphs of at least this many words are captions and pull quotes shown twice.
REPEAT_MIN_WORDS = 3
# Teaser headlines under a "Most read" label are at most this long.
HEADLINE_WORDS = 20
# ...when the copy is this few blocks below the first; a sentence this long is a pull quote anywhere.
REPEAT_NEAR = 3
PULL_QUOTE_WORDS = 12
# A block with fewer of its letters in the article's script is in another language.
MIN_SCRIPT_SHARE = 0.2
# How many words a contact line ("Write to Jo at jo@example.com") may have.
CONTACT_MAX_WORDS = 30


def clean(blocks: list[Block], title: str | None = None, standfirst: str | None = None) -> list[Block]:
    """`title`: the page's headline; `standfirst`: its summary line (meta description), which is
    metadata too when the page shows it set as a heading above the article (as a paragraph it is
    as often the article's own first paragraph)."""
    blocks = [Block(_normalise(b.text), b.kind, b.link_share) for b in blocks]
    blocks = [b for b in blocks if b.text]
    blocks = _drop_leading_title(blocks, title)
    if standfirst and blocks[:2]:
        blocks = [b for i, b in enumerate(blocks) if i >= 2 or not b.heading or _key(b.text) != _key(standfirst)]
    blocks = _drop_navigation(blocks)
    blocks = _cut_footer(_cut_reference_lists(blocks))
    script = dominant_script(blocks)
    out: list[Block] = []
    seen: dict[str, int] = {}
    for block in blocks:
        text = _CREDIT.sub("", _PLACEHOLDER.sub("", block.text)).strip()
        if not text or _is_noise(block, text) or not _in_script(text, script):
            continue
        kind = block.kind
        if kind == HEADING and text != block.text and _TERMINAL.search(text):
            kind = PARAGRAPH  # a caption ("Residents were evacuated. /Reuters") looked like a heading
        if kind == PARAGRAPH and _is_repeat(text, seen, len(out)):
            continue
        if kind == PARAGRAPH and _is_label(text):
            kind = HEADING  # "The Doobie Brothers Tour Dates": a heading the page set as a paragraph
        out.append(Block(text, kind, block.link_share))
    return _drop_closing(out)


# A label: a few words in title case with no full stop, as a page sets a heading in bold or in a
# paragraph of its own ("The Doobie Brothers Tour Dates", "Overcrowded Conditions Worsen Risk").
LABEL_MAX_WORDS = 6
_SMALL_WORDS = frozenset("a an the of and or for to in on at by with from vs".split())


def _is_label(text: str) -> bool:
    words = text.split()
    return (2 <= len(words) <= LABEL_MAX_WORDS and not _TERMINAL.search(text)
            and all(w[:1].isupper() or w[:1].isdigit() or w.lower() in _SMALL_WORDS for w in words)
            and sum(w[:1].isupper() for w in words) >= 2)


def _is_repeat(text: str, seen: dict[str, int], position: int) -> bool:
    """A photo caption shown again right below itself, or a long sentence shown twice (a pull quote).

    Short lines repeated further apart are the article's own (a meal plan's "Eat every 2-3 hours").
    """
    key = text.casefold()
    words = len(text.split())
    before = seen.get(key)
    seen.setdefault(key, position)
    if before is None or words < REPEAT_MIN_WORDS:
        return False
    return words >= PULL_QUOTE_WORDS or position - before <= REPEAT_NEAR


def _normalise(text: str) -> str:
    # NFC only: NFKC would rewrite characters ("ﬁ", "²", full-width forms) that the article wrote.
    text = unicodedata.normalize("NFC", text).replace("\u00a0", " ").replace("\u200b", "")
    return re.sub(r"\s+", " ", text).strip()


def _is_noise(block: Block, text: str) -> bool:
    if _CONSENT.search(text) or _TRANSLATION_NOTICE.search(text) or _BOILERPLATE.search(text):
        return True
    words = len(text.split())
    if _EMAIL.search(text) and words <= CONTACT_MAX_WORDS:
        return True  # a contact line; an e-mail address inside a long paragraph is part of the story
    urls = sum(len(m) for m in _URL.findall(text))
    return urls > 0.5 * len(text)


def _key(text: str) -> str:
    return re.sub(r"\W+", "", text.casefold())


def _drop_leading_title(blocks: list[Block], title: str | None) -> list[Block]:
    """The headline is metadata, not article text; so is what a page shows above its headline
    (dates, section labels, teasers), when that is short."""
    wanted = _key(title or "")
    if not wanted:
        return blocks
    for i, block in enumerate(blocks[:HEAD_BLOCKS]):
        key = _key(block.text)
        if key == wanted or (len(key) > 20 and (key.startswith(wanted) or wanted.startswith(key))
                             and min(len(key), len(wanted)) >= 0.7 * max(len(key), len(wanted))):
            above = sum(len(b.text.split()) for b in blocks[:i] if b.kind != HEADING and b.link_share < LINK_SHARE)
            return blocks[i + 1:] if above <= HEAD_MAX_WORDS else blocks[:i] + blocks[i + 1:]
    return blocks


def _is_short_label(block: Block) -> bool:
    return len(block.text.split()) <= NAV_WORDS and not re.search(r"[.!?。！？]$", block.text)


def _drop_navigation(blocks: list[Block]) -> list[Block]:
    """Menus (long runs of one-to-three-word labels) and runs of teaser links to other pages."""
    keep = [True] * len(blocks)
    for test, least in ((_is_short_label, NAV_RUN), (lambda b: b.link_share >= LINK_SHARE and b.kind != HEADING, 2)):
        i = 0
        while i < len(blocks):
            j = i
            while j < len(blocks) and test(blocks[j]):
                j += 1
            if j - i >= least:
                keep[i:j] = [False] * (j - i)
            i = max(j, i + 1)
    return [b for b, k in zip(blocks, keep) if k]


def _cut_reference_lists(blocks: list[Block]) -> list[Block]:
    """Drop a reference/link list: its heading and the list items or URL lines under it."""
    out: list[Block] = []
    skipping = False
    for block in blocks:
        if _LIST_HEADINGS.match(block.text):
            skipping = True
            continue
        if skipping and (block.kind == ITEM or block.text[:1] in "-*•" or re.match(r"^\d+[.)]\s", block.text)
                         or _URL.search(block.text) or block.link_share >= LINK_SHARE or _is_headline(block.text)):
            continue
        skipping = False
        out.append(block)
    return out


def _is_headline(text: str) -> bool:
    """A teaser's headline: short, no full stop at the end (it may carry a "[VIDEO]" tag)."""
    return len(text.split()) <= HEADLINE_WORDS and not re.search(r"[.!?。！？][\"'”’]?$", text)


def _cut_footer(blocks: list[Block]) -> list[Block]:
    """Author boxes and comment sections close a page; nothing after them is the article."""
    for i in range(len(blocks) // 2, len(blocks)):
        if _FOOTER_START.match(blocks[i].text):
            return blocks[:i]
    return blocks


def _drop_closing(blocks: list[Block]) -> list[Block]:
    """Author boxes and company boilerplate in the last blocks, and what follows them; labels
    left over after the article ("Search Trends")."""
    for i in range(max(len(blocks) - CLOSING_BLOCKS, len(blocks) // 2), len(blocks)):
        if _CLOSING.match(blocks[i].text):
            blocks = blocks[:i]
            break
    while blocks and blocks[-1].kind != ITEM and _is_short_label(blocks[-1]):
        blocks = blocks[:-1]
    return blocks


def _in_script(text: str, script: str) -> bool:
    """False for a passage written in another script than the article's (an untranslated quote);
    a line mixing both (a Japanese sentence naming "Kindle for PC") belongs to the article."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return True
    ours = sum(1 for ch in letters if ("LATIN" if ch.isascii() else char_script(ch)) == script)
    return ours >= MIN_SCRIPT_SHARE * len(letters)


def _script_of(text: str) -> str | None:
    """The script most of the letters are in; None for text without letters (numbers, symbols)."""
    counts: dict[str, int] = {}
    for ch in text:
        if ch.isalpha():
            script = "LATIN" if ch.isascii() else char_script(ch)
            counts[script] = counts.get(script, 0) + 1
    return max(counts, key=counts.__getitem__) if counts else None


@functools.lru_cache(maxsize=8192)
def char_script(ch: str) -> str:
    """The Unicode script family of a letter, as the first word of its name (LATIN, CJK, HIRAGANA...)."""
    # unicodedata.name per character dominated cleaning time; an article uses few distinct letters.
    name = unicodedata.name(ch, "")
    script = name.split(" ")[0] if name else "OTHER"
    # Japanese mixes kanji and kana, Korean hangul and hanja: one writing system each.
    return "CJK" if script in ("HIRAGANA", "KATAKANA", "HANGUL", "CJK", "HALFWIDTH", "FULLWIDTH") else script


def dominant_script(blocks: list[Block]) -> str:
    totals: dict[str, int] = {}
    for block in blocks:
        script = _script_of(block.text) or "LATIN"
        totals[script] = totals.get(script, 0) + len(block.text)
    return max(totals, key=totals.__getitem__) if totals else "LATIN"
