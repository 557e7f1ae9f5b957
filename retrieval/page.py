"""What a reader makes of one file: the page's text blocks in order, and what the page says about itself."""

from __future__ import annotations

from dataclasses import dataclass, field

# Block kinds. Headings label sections and are kept in the text, but are never quoted as answers.
HEADING = "heading"
PARAGRAPH = "paragraph"
ITEM = "item"  # a list item
ROW = "row"  # a table row, cells joined by " | "
QUOTE = "quote"


@dataclass
class Block:
    text: str
    kind: str = PARAGRAPH
    # Share of the block's characters inside links: a block that is all link is navigation or a teaser.
    link_share: float = 0.0

    @property
    def heading(self) -> bool:
        return self.kind == HEADING


@dataclass
class PageMeta:
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    date: str | None = None
    url: str | None = None
    description: str | None = None


@dataclass
class Page:
    blocks: list[Block]
    meta: PageMeta = field(default_factory=PageMeta)
