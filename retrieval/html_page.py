"""An HTML page to blocks and metadata, through trafilatura's main-content extraction.

trafilatura's XML output keeps the structure that plain text loses: which lines are headings, list
items or table rows, and which words are links. Cleaning uses both to tell article from furniture.
"""

from __future__ import annotations

import copy
import logging
import re

from retrieval.page import HEADING, ITEM, PARAGRAPH, QUOTE, ROW, Block, Page, PageMeta

# trafilatura logs pages it finds too short or unparseable; the index report says what was skipped and why.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.ERROR)

_SPACE = re.compile(r"\s+")
# Paragraphs this long identify the article's container, and are what a continuation adds.
CONTINUATION_MIN_WORDS = 12
# A title part that is only a date ("19.01.2020", "19 January 2020").
_DATE_LIKE = re.compile(r"^[\d\s./,-]+$|^\d{1,2}\s+\w+\s+\d{4}$")


# The start of an HTML element: a page's markup, not a "<" in prose.
_MARKUP = re.compile(r"<(?:!doctype\s+html|html|head|body|meta|title|p|div|br|span|a|img|table|ul|ol|li|article|"
                     r"section|h[1-6])\b[^<>]*>", re.I)
# How far into a file its markup must have started: a saved page opens with it.
MARKUP_WITHIN = 20_000


def looks_like_html(text: str) -> bool:
    """Whether the text is marked up as HTML, whatever its file is called: a page saved as .txt is
    HTML, and an article pasted into a .html file without tags is plain text."""
    return _MARKUP.search(text, 0, MARKUP_WITHIN) is not None


def parse_html(html: str) -> Page:
    import lxml.html
    import trafilatura
    from lxml.etree import ParserError
    from trafilatura.utils import load_html

    tree = load_html(html)
    if tree is None:
        # trafilatura turns away a document that does not say "html" near its start and parses to one
        # element, such as an SEC filing's HTML inside its <DOCUMENT> wrapper; lxml reads it as a page.
        try:
            tree = lxml.html.document_fromstring(html)
        except (ParserError, ValueError):
            return Page([])
    _drop_inline_cards(tree)
    original = copy.deepcopy(tree)  # trafilatura prunes the tree it is given
    # Asking trafilatura to keep links changes which parts it keeps (it scored 0.90 F1 instead of 0.96
    # on the extraction benchmark), so links are recognised by their text, gathered before
    # trafilatura prunes the tree in place.
    links = {_link_key(a.text_content()) for a in tree.iter("a")}
    links.discard("")
    # fast: no second pass through other extractors, which on these pages brought back menus more
    # often than missing text; favor_recall: lists and short paragraphs of the article stay.
    doc = trafilatura.bare_extraction(tree, fast=True, favor_recall=True, include_comments=False,
                                      include_tables=True, with_metadata=True)
    if doc is None or doc.body is None:
        return Page([], _meta(doc, original))
    blocks = _with_loose_paragraphs(original, _body_blocks(doc.body))
    blocks += _continuation(original, blocks)
    for block in blocks:
        if _link_key(block.text) in links:
            block.link_share = 1.0
    return Page(blocks, _meta(doc, original))


# An element inside a paragraph with a picture and this many links, and almost nothing but link text,
# is a hover card or link preview (a person's photo and their latest headlines), never prose.
CARD_MIN_LINKS = 2
CARD_LINK_SHARE = 0.8


def _drop_inline_cards(tree) -> None:
    """Remove hover cards set inside paragraphs: the page shows them on hover, but as text they glue
    a photo caption and several headlines into the middle of a sentence ("Rep. Ilhan OmarIlhan
    OmarHillicon Valley: …"). The innermost such element goes, so the linked name in the sentence stays."""
    cards = []
    for paragraph in tree.iter("p"):
        for element in paragraph.iterdescendants():
            if not isinstance(element.tag, str) or element.tag == "a":
                continue
            links = [a for a in element.iter("a")]
            if len(links) < CARD_MIN_LINKS or next(element.iter("img"), None) is None:
                continue
            text = _SPACE.sub("", element.text_content())
            linked = sum(len(_SPACE.sub("", a.text_content())) for a in links)
            if text and linked / len(text) >= CARD_LINK_SHARE:
                cards.append(element)
    chosen = set(cards)
    for card in cards:
        if any(inner in chosen for inner in card.iterdescendants()):
            continue  # a smaller card inside it goes instead
        parent = card.getparent()
        if parent is None:
            continue
        if card.tail:  # keep the sentence that goes on after the card
            previous = card.getprevious()
            if previous is not None:
                previous.tail = (previous.tail or "") + card.tail
            else:
                parent.text = (parent.text or "") + card.tail
        parent.remove(card)


def _continuation(tree, blocks: list[Block]) -> list[Block]:
    """Paragraphs of the same article in later containers like the one trafilatura chose.

    Many sites cut an article into several sibling containers of one class around ads and embeds;
    trafilatura keeps the first. Containers with the same tag and class as the one holding the
    extracted paragraphs, after it in the page, carry the rest.
    """
    extracted = {_link_key(b.text) for b in blocks if len(b.text.split()) >= CONTINUATION_MIN_WORDS}
    if not extracted:
        return []
    parents: dict = {}
    for p in tree.iter("p"):
        if _link_key(p.text_content()) in extracted:
            parent = p.getparent()
            parents[parent] = parents.get(parent, 0) + 1
    if not parents:
        return []
    container = max(parents, key=parents.__getitem__)
    cls = container.get("class")
    if not cls:
        return []
    extra: list[Block] = []
    after = False
    for other in tree.iter(container.tag):
        if other is container:
            after = True
            continue
        if not after or other.get("class") != cls:
            continue
        for p in other.iter("p"):
            text = _SPACE.sub(" ", p.text_content()).strip()
            linked = sum(len(a.text_content()) for a in p.iter("a"))
            if (len(text.split()) >= CONTINUATION_MIN_WORDS and linked < 0.5 * len(text)
                    and _link_key(text) not in extracted):
                extracted.add(_link_key(text))
                extra.append(Block(text, PARAGRAPH))
    return extra


# Elements that run inside a line of text; any other child of a container ends a paragraph there.
_INLINE = frozenset("a abbr b bdi cite code data dfn em font i kbd mark q s small span strong sub sup time u".split())
# Containers whose own text trafilatura's output already follows line by line.
_NOT_CONTAINERS = frozenset("p li ul ol dl table tr td th thead tbody h1 h2 h3 h4 h5 h6 script style head title "
                            "blockquote pre figcaption".split())


def _with_loose_paragraphs(tree, blocks: list[Block]) -> list[Block]:
    """Paragraphs written straight into a container, separated by <br> rather than wrapped in <p>,
    that trafilatura dropped while keeping others of the same container (on some pages it loses the
    first, the article's lead). A container with at least two kept paragraphs is the article's; its
    other paragraphs of CONTINUATION_MIN_WORDS words or more, not mostly link text, go back in their place."""
    kept = {_link_key(b.text): i for i, b in enumerate(blocks)}
    before: dict[int, list[Block]] = {}  # paragraphs to put back, by the kept block they precede
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.tag in _INLINE or element.tag in _NOT_CONTAINERS:
            continue
        chunks = [(text, linked) for text, linked in _own_paragraphs(element)
                  if len(text.split()) >= CONTINUATION_MIN_WORDS]
        at = [kept.get(_link_key(text)) for text, _ in chunks]
        if sum(i is not None for i in at) < 2:
            continue
        pending: list[Block] = []
        for (text, linked), i in zip(chunks, at):
            if i is None:
                if linked < 0.5 * len(text):
                    pending.append(Block(text, PARAGRAPH))
                continue
            before.setdefault(i, []).extend(pending)
            pending = []
        before.setdefault(len(blocks), []).extend(pending)
    if not any(before.values()):
        return blocks
    out: list[Block] = []
    for i in range(len(blocks) + 1):
        out += [b for b in before.get(i, []) if _link_key(b.text) not in kept]
        if i < len(blocks):
            out.append(blocks[i])
    return out


def _own_paragraphs(element) -> list[tuple[str, int]]:
    """The element's own text, cut where a line break or a block child stands, with the length of
    link text in each piece."""
    pieces: list[tuple[list[str], int]] = [([element.text or ""], 0)]
    for child in element:
        if isinstance(child.tag, str) and child.tag in _INLINE:
            parts, linked = pieces[-1]
            parts.append(child.text_content())
            links = [child] if child.tag == "a" else list(child.iter("a"))
            pieces[-1] = (parts, linked + sum(len(a.text_content()) for a in links))
        elif isinstance(child.tag, str):
            pieces.append(([], 0))
        pieces[-1][0].append(child.tail or "")
    out = []
    for parts, linked in pieces:
        text = _SPACE.sub(" ", "".join(parts)).strip()
        if text:
            out.append((text, linked))
    return out


def _link_key(text: str) -> str:
    return _SPACE.sub(" ", text).strip().casefold()


def _body_blocks(body) -> list[Block]:
    """The body's blocks in order, with the text trafilatura leaves loose between them: a paragraph
    the page did not wrap in <p> (text straight after a heading or a picture) is the tail of the
    element before it."""
    blocks: list[Block] = []
    if body.text and body.text.strip():
        blocks.append(_make([body.text], PARAGRAPH))
    for element in body:
        blocks += _blocks(element)
        if element.tail and element.tail.strip():
            blocks.append(_make([element.tail], PARAGRAPH))
    return [b for b in blocks if b.text]


def _blocks(element) -> list[Block]:
    tag = element.tag
    if tag == "head":
        return [_make(_on_one_line(element), HEADING)]
    if tag == "list":
        return [b for item in element.iter("item") for b in _split_lines(item, ITEM)]
    if tag == "table":
        return _table_blocks(element)
    if tag == "quote":
        return _split_lines(element, QUOTE)
    if tag in ("graphic", "code"):
        return []  # pictures have no text; code is not prose
    return _split_lines(element, PARAGRAPH)


def _split_lines(element, kind: str) -> list[Block]:
    """Explicit line breaks (<br>) separate lines (verse, addresses, list-like paragraphs); the
    page's own hard wraps inside a paragraph are just whitespace."""
    pieces: list[list[str]] = [[]]
    for text in _walk(element):
        if text is None:
            pieces.append([])
        else:
            pieces[-1].append(text)
    return [_make(parts, kind) for parts in pieces if parts]


def _walk(element):
    """The element's text in document order, with None for each line break."""
    if element.text:
        yield element.text
    for child in element:
        if child.tag == "lb":
            yield None
        elif child.tag != "graphic":
            yield from _walk(child)
        if child.tail:
            yield child.tail


def _on_one_line(element) -> list[str]:
    """The element's text with its line breaks as spaces: a heading or a table cell is one line
    ("Weekly<br>Edition" is "Weekly Edition")."""
    return [" " if text is None else text for text in _walk(element)]


def _make(parts: list[str], kind: str) -> Block:
    return Block(_SPACE.sub(" ", "".join(parts)).strip(), kind)


# What trafilatura writes for a block of text; a table cell holding these lays out the page (an
# article in the cell of a layout table), it does not hold a value.
_BLOCK_TAGS = frozenset({"p", "head", "list", "quote", "table", "code"})


def _table_blocks(table) -> list[Block]:
    """A data table's rows as "a | b" lines; a layout table's cells as the blocks they hold, so that
    their paragraphs stay apart ("... Edition" and "A trademark battle ..." are not one line)."""
    blocks: list[Block] = []
    for row in table.findall("row"):  # a table inside a cell makes it a layout cell, read with its blocks
        cells = row.findall("cell")
        if any(child.tag in _BLOCK_TAGS for cell in cells for child in cell):
            for cell in cells:
                blocks += _body_blocks(cell)
        else:
            blocks.append(_row(row))
    return blocks


def _row(row) -> Block:
    cells = [_make(_on_one_line(cell), ROW).text for cell in row.iter("cell")]
    return Block(" | ".join(c for c in cells if c), ROW)


def _meta(doc, page) -> PageMeta:
    if doc is None:
        return PageMeta()
    outlet = _clean(doc.sitename) or _clean(doc.hostname)
    return PageMeta(title=_headline(doc, page, outlet), outlet=outlet, author=_clean(doc.author),
                    date=_clean(doc.date), url=_clean(doc.url), description=_clean(doc.description))


# A page without a social-card title: trafilatura then takes its only <h1>, which on some sites names
# the section ("Allergies Health Center", "Information and Resources") while <title> holds the
# headline. The <title> is taken when it does not contain that heading (a <title> is usually the
# headline and the site's name) and says more than a site's name (three words or more).
_CARD_TITLE = "//meta[@property='og:title' or @name='og:title' or @name='twitter:title' or @property='twitter:title']"
HEADLINE_MIN_WORDS = 3


def _headline(doc, page, outlet: str | None) -> str | None:
    title = clean_title(_clean(doc.title), outlet)
    if page is None or page.xpath(_CARD_TITLE):
        return title
    element = page.find(".//title")
    own = clean_title(_clean(element.text_content()), outlet) if element is not None else None
    if own and len(own.split()) >= HEADLINE_MIN_WORDS and (title or "").casefold() not in own.casefold():
        return own
    return title


def _clean(value) -> str | None:
    if not isinstance(value, str):
        return None
    value = _SPACE.sub(" ", value).strip()
    return value or None


def clean_title(title: str | None, outlet: str | None) -> str | None:
    """The headline without the site's name or a date glued to either end ("Headline | Site | 19.01.2020")."""
    if not title:
        return None
    site = _words(outlet or "")
    while True:
        lead = _LEADING.match(title)
        if lead and _is_furniture(lead.group(1), site):
            title = lead.group(2).strip()
            continue
        trail = _TRAILING.match(title)
        if trail and _is_furniture(trail.group(2), site):
            title = trail.group(1).strip()
            continue
        return title


# Separators sites put between a headline and their own name or a date: "Title | Site", "Site - Title".
_SEPARATOR = r"(?:\s+[|\-–—·•»]\s+|\s*\|\s*)"
_LEADING = re.compile(rf"^(.+?){_SEPARATOR}(.+)$")
_TRAILING = re.compile(rf"^(.+){_SEPARATOR}(.+?)$")


def _words(text: str) -> set[str]:
    words = set(re.findall(r"\w+", text.casefold()))
    return words - {"www", "com", "org", "net", "co", "uk", "the"}


def _is_furniture(part: str, site: set[str]) -> bool:
    """A date, or the site's own name (give or take a section: "CNN Politics" on CNN)."""
    if _DATE_LIKE.match(part.strip()):
        return True
    words = _words(part)
    if not words or not site:
        return False
    squashed = "".join(sorted(words))
    return (site <= words and len(words) <= len(site) + 2) or words <= site or squashed == "".join(sorted(site))
