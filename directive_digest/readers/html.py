"""HTML pages as a browser or scraper saved them: the article, not the site around it.

trafilatura finds the main text (menus, footers, scripts, styles and iframes dropped, so no
markup from the page ever reaches the digest: only its text does). What it says of the page
is checked against the page as a reader sees it (readers/page.py):

- the headline is the article's own heading right above its text (an h1/h2 or an element
  named a title), one that the page's og:title or <title> confirms when they can; else
  og:title, else the <title> without its site-name part; never the site's name, a section
  or a menu item;
- the date is the page's own date line by the headline (or the published time the page
  states), never a crawl date, a footer or a date that every listed article shares;
- the lead printed above the text (often left out by trafilatura) is kept;
- the outlet is the site's name (og:site_name, JSON-LD publisher, the <title>'s site part)
  and the author the page's byline or author meta, never a photo credit. A source line or a
  byline in the text itself wins over both (clean.py).
"""
from __future__ import annotations

import datetime as dt
import logging
import re
from html import escape
from pathlib import Path
from typing import Optional

from ..article import Article
from ..bylines import GENERIC_CREDITS, parse_byline, parse_source_line
from ..datelines import find_full_dates, is_dateline, make_date
from ..headline import is_menu, is_site_name
from ..lexicon import Lexicon, line_key, load_lexicon
from ..problems import InputError
from ..vntext import normalise, word_count
from .decode import binary_kind, check_text
from .page import HEADING_TAGS, Block, PageMeta, page_blocks, page_meta

logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)

# trafilatura's settings: metadata, no comments, tables, images or links, precision over recall.
EXTRACTOR_OPTIONS = dict(with_metadata=True, include_comments=False, include_tables=False, include_images=False,
                         include_links=False, favor_precision=True)
# How far above the article's text its headline may stand, in blocks of page text.
HEADLINE_REACH = 40
# How many blocks between the headline and the text may be kept as the lead.
LEAD_REACH = 12
# "Tiêu đề - Báo X", "Trang chủ | Cổng thông tin …": a <title>'s parts.
_TITLE_PARTS = re.compile(r"\s+[|\-–—»]\s*|\s*[|\-–—»]\s+|\s*::\s*|\s*\|\s*")  # "Trang chủ -Trang thông tin …" too
_DOMAIN = re.compile(r"^(?:www\.)?[\w-]+(?:\.[\w-]+)*\.(?:vn|com|net|org|info|gov|edu)$")
# "thứ tư, 16 08 2017 10:08": a date element's day, month and year separated by spaces.
_SPACED_DATE = re.compile(r"(?<!\d)([0-3]?\d)\s+([01]?\d)\s+((?:19|20)\d\d)(?!\d)")
_TIME_OF_DAY = re.compile(r"\b\d{1,2}[:h]\d{2}\b")
# Pages saved from a site's templates (Laravel Blade and the like): directive lines such as
# "@extends('layouts.app')" are not text, and "@section('title', '…')" states the title.
_TEMPLATE_LINE = re.compile(r"^[ \t]*@\w+(?:\s*\(.*\))?[ \t]*$", re.MULTILINE)
_TEMPLATE_TITLE = re.compile(r"^[ \t]*@section\s*\(\s*['\"]title['\"]\s*,\s*(['\"])(?P<title>.+?)\1\s*\)", re.MULTILINE)
# Microsoft Word's tags pasted into a CMS as text ("<o:p></o:p>").
_WORD_TAGS = re.compile(r"</?o:p>")
_DOCUMENT = re.compile(r"<(?:html|body)\b", re.IGNORECASE)


def extract_html(html: str | bytes) -> tuple[str, dict]:
    """(text, given) of one HTML page: the title line, then one paragraph per line."""
    try:
        from trafilatura import bare_extraction
        from trafilatura.utils import decode_file, load_html
    except ImportError as error:  # pragma: no cover - an incomplete install
        raise InputError(f"cannot read HTML: {error} (pip install -r requirements.txt)") from None
    if isinstance(html, bytes):
        kind = binary_kind(html)
        if kind or b"\x00" in html[:4096]:
            raise InputError(f"binary file ({kind or 'NUL bytes'}), not an HTML page")
        html = decode_file(html)
    html = _as_document(html)
    document = bare_extraction(html, **EXTRACTOR_OPTIONS)
    paragraphs = [line.strip() for line in check_text(document.text if document else "").split("\n") if line.strip()]
    while paragraphs and paragraphs[-1].startswith("- ") and word_count(paragraphs[-1]) <= 6:
        paragraphs.pop()  # a list of tags or links under the text ("- Từ khóa", "- Hà Nội")
    tree = load_html(html)
    reading = PageReading(page_blocks(tree) if tree is not None else [],
                          page_meta(tree) if tree is not None else PageMeta(), paragraphs, load_lexicon())
    title = reading.headline(_field(document.title) if document else None)
    lead = reading.lead()
    if not paragraphs:
        paragraphs = reading.body_without_extractor()
    paragraphs += reading.credits_after()
    if not paragraphs:
        raise InputError("no article text found in the HTML page (only menus, scripts or an empty body)")
    if title:
        title = check_text(title)
        if paragraphs and line_key(paragraphs[0]) == line_key(title):
            paragraphs = paragraphs[1:]
    given = {"title": title, "date": reading.date(), "author": reading.author(),
             "outlet": reading.outlet(title) or (_field(document.sitename) if document else None),
             "url": reading.meta.url or (_field(document.url) if document else None)}
    given = {k: check_text(v) if isinstance(v, str) else v for k, v in given.items() if v}
    text = _WORD_TAGS.sub("", "\n".join(([title] if title else []) + lead + paragraphs))
    return text, given


def _as_document(html: str) -> str:
    """A whole document: template directives dropped, a fragment put in <html><body>."""
    title = _TEMPLATE_TITLE.search(html)
    html = _TEMPLATE_LINE.sub("", html)
    if _DOCUMENT.search(html):
        return html
    head = f"<head><title>{escape(title.group('title'))}</title></head>" if title else ""
    return f"<html>{head}<body>{html}</body></html>"


def _field(value) -> Optional[str]:
    if value is None:
        return None
    value = " ".join(str(value).split())
    return value or None


class PageReading:
    """The article's parts found on a page: its text's place, headline, lead, date, credits."""

    def __init__(self, blocks: list[Block], meta: PageMeta, paragraphs: list[str], lexicon: Lexicon):
        self.blocks = [b for b in blocks if b.text.strip()]
        self.meta = meta
        self.paragraphs = paragraphs
        self.lexicon = lexicon
        self.site_keys = {line_key(n) for n in meta.site_names if line_key(n)}
        title_parts = _TITLE_PARTS.split(meta.title_tag or "")
        self.title_site_parts = [p for p in title_parts if self.is_site_title(p)] if len(title_parts) > 1 else []
        if meta.title_tag and self.is_site_title(meta.title_tag):
            self.title_site_parts.insert(0, meta.title_tag)  # "Cổng thông tin … - tỉnh …": the whole of it
        self.site_keys |= {line_key(p) for p in self.title_site_parts}
        self.start = self._text_start()
        self.head: Optional[int] = None  # index of the headline's block, when it is one

    # -- where things stand ------------------------------------------------------------
    def _text_start(self) -> Optional[int]:
        """Index of the block holding the extractor's first paragraph."""
        return self._block_of(self.paragraphs[:3], range(len(self.blocks)))

    def _text_end(self) -> Optional[int]:
        """Index of the block holding the extractor's last paragraph."""
        return self._block_of(self.paragraphs[::-1][:3], range(len(self.blocks) - 1, (self.start or 0) - 1, -1))

    def _block_of(self, paragraphs: list[str], indexes: range) -> Optional[int]:
        for paragraph in paragraphs:
            key = line_key(paragraph)[:60]
            if len(key) < 30:
                continue  # too short to be told from a link or a label elsewhere on the page
            for index in indexes:
                block = self.blocks[index]
                if not (block.link or block.listed) and key in line_key(block.text):
                    return index
        return None

    def is_site_title(self, text: str) -> bool:
        """The site's name, a section or a generic page title: never a headline."""
        key = line_key(text)
        if not key or key in getattr(self, "site_keys", ()) or _DOMAIN.match(key):
            return True
        if any(abs(len(key) - len(site)) <= 12 and (key in site or site in key)
               for site in getattr(self, "site_keys", ())):
            return True
        return is_site_name(text, self.lexicon) or self.lexicon.is_section_label(text) or self.lexicon.is_footer(text)

    def _may_be_headline(self, block: Block) -> bool:
        text = block.text
        words = word_count(text)
        if not block.heading or block.listed or block.chrome or block.date or block.media:
            return False
        if block.link and block.tag not in HEADING_TAGS:
            return False  # a link named a title: another article's
        if words < 3 or words > 40:
            return False
        if text.rstrip().endswith(".") and not text.rstrip().endswith("..") and block.tag not in HEADING_TAGS:
            return False  # a sentence; a heading element may still end with a full stop
        lexicon = self.lexicon
        return not (is_dateline(text) or lexicon.is_widget(text) or lexicon.is_metadata(text)
                    or lexicon.is_tail_marker(text) or is_menu(text, lexicon) or self.is_site_title(text))

    # -- the parts ---------------------------------------------------------------------
    def headline(self, extracted_title: Optional[str]) -> Optional[str]:
        """The article's own heading; else what the page's meta or <title> says, without the site."""
        end = self.start if self.start is not None else len(self.blocks)
        if self.start is not None and self._may_be_headline(self.blocks[self.start]):
            end += 1  # the extractor's text opens with the headline itself
        candidates = [i for i in range(end) if self._may_be_headline(self.blocks[i])]
        if self.start is None:  # no text found yet: a heading followed by prose
            candidates = [i for i in candidates if any(self._is_prose(b) for b in self.blocks[i + 1:i + 12])]
        stated = [line_key(t) for t in self.meta.titles + _TITLE_PARTS.split(self.meta.title_tag or "") if t]
        confirmed = [i for i in candidates if any(_same_title(line_key(self.blocks[i].text), s) for s in stated)]
        near = [i for i in candidates if i >= end - HEADLINE_REACH]
        for chosen in (confirmed, near if self.start is not None else candidates[:1]):
            if chosen:
                self.head = chosen[-1] if self.start is not None else chosen[0]
                return self.blocks[self.head].text
        for title in self.meta.titles + [self.meta.title_tag, extracted_title]:
            title = self._without_site(title)
            if title:
                return title
        return None

    def _without_site(self, title: Optional[str]) -> Optional[str]:
        """"Tiêu đề - Báo X" -> "Tiêu đề"; None when only the site's name or a section is left."""
        if not title:
            return None
        parts = [p for p in _TITLE_PARTS.split(title) if p.strip()]
        kept = [p for p in parts if not self.is_site_title(p)]
        if len(kept) == len(parts):
            kept = [title]  # no site part: the separators belong to the headline
        text = " - ".join(kept).strip()
        return text if word_count(text) >= 3 and not self.is_site_title(text) else None

    def _is_prose(self, block: Block) -> bool:
        return not (block.link or block.listed or block.chrome or block.heading) and word_count(block.text) >= 12

    def lead(self) -> list[str]:
        """Lines between the headline and the extracted text that the extractor left out:
        the lead in bold, a caption, a byline. Not links, lists, menus, forms or date lines."""
        if self.head is None or self.start is None or self.start - self.head > LEAD_REACH:
            return []
        known = {line_key(p) for p in self.paragraphs}
        lines = []
        for block in self.blocks[self.head + 1:self.start]:
            text = block.text
            if block.link or block.listed or block.chrome or block.date or is_dateline(text) \
                    or word_count(text) < 2 or line_key(text) in known or self.lexicon.is_widget(text) \
                    or self.lexicon.is_metadata(text):
                continue
            lines.append(text)
        return lines

    def body_without_extractor(self) -> list[str]:
        """When the extractor found no text: the prose under the headline, up to the first
        list of links or chrome marker."""
        if self.head is None:
            return []
        lines = []
        for block in self.blocks[self.head + 1:]:
            if self.lexicon.is_tail_marker(block.text) or (block.chrome and lines):
                break
            if block.link or block.listed or block.chrome or block.date or self.lexicon.is_footer(block.text) \
                    or is_site_name(block.text, self.lexicon):
                continue
            if self._is_prose(block) or (lines and word_count(block.text) >= 2):
                lines.append(block.text)
        return lines if sum(word_count(line) for line in lines) >= 30 else []

    def credits_after(self) -> list[str]:
        """The byline or source line right under the extracted text ("XUÂN LONG", "Theo TTXVN"),
        which extractors often leave out: short lines, not links or lists."""
        end = self._text_end()
        if end is None:
            return []
        lines = []
        for block in self.blocks[end + 1:end + 4]:
            text = block.text
            if block.link or block.listed or block.chrome or block.media or block.tag in HEADING_TAGS or word_count(text) > 12 \
                    or self.lexicon.is_section_label(text):
                break  # a box's heading ("THÔNG BÁO") is no byline
            if not (parse_byline(text) or parse_source_line(text)) or line_key(text) in map(line_key, self.paragraphs[-3:]):
                break
            lines.append(text)
        return lines

    def date(self) -> Optional[str]:
        """ISO date: the published time the page states, else its own date line by the headline."""
        for value in self.meta.dates:
            found = _parse_date(value)
            if found:
                return found.isoformat()
        anchor = self.head if self.head is not None else self.start
        if anchor is None:
            return None
        end = max(self.start if self.start is not None else 0, anchor + 6)  # a date line may follow the lead
        for index in range(max(0, anchor - 4), min(end, len(self.blocks))):
            block = self.blocks[index]
            if block.link or block.listed or not (block.date_text and len(block.date_text) <= 60
                                                  or is_dateline(block.text)):
                continue
            found = _parse_date(block.datetime or "") or _parse_date(block.date_text or block.text)
            if found and not self._shared_date(index, found):
                return found.isoformat()
        return None

    def _shared_date(self, index: int, date: dt.date) -> bool:
        """The same date (and time) on other listed articles: a site's export or placeholder
        date, not this article's ("(05.08.2019 16:32)" on every item of "Tin mới hơn")."""
        text = self.blocks[index].text
        clock = _TIME_OF_DAY.search(text)
        same = 0
        for other_index, other in enumerate(self.blocks):
            if other_index == index or not (other.listed or other.link or other.date):
                continue
            if date in {m.date for m in find_full_dates(other.text)} and (not clock or clock.group(0) in other.text):
                same += 1
        return same >= (2 if clock else 3)

    def outlet(self, headline: Optional[str] = None) -> Optional[str]:
        """The site's name as the page states it: its meta, the site part of its <title>, or a
        <title> that is not the article's ("Trang chủ - Liên đoàn lao động …")."""
        names = self.meta.site_names + self.title_site_parts
        title = self.meta.title_tag
        if title and headline and not _same_title(line_key(title), line_key(headline)) \
                and line_key(headline) not in line_key(title):
            rest = [p for p in _TITLE_PARTS.split(title) if p.strip() and not self.lexicon.is_section_label(p)]
            names.append(" - ".join(rest))
        for name in names:
            if name and not self.lexicon.is_section_label(name) and line_key(name) not in GENERIC_CREDITS:
                return name  # as the page names itself: "Cổng thông tin điện tử huyện Cư Jút - tỉnh Đắk Nông"
        return None

    def author(self) -> Optional[str]:
        """The page's byline element by the headline or the text, else its author meta.
        Never a photo credit, a site's name or a role ("PV")."""
        candidates = [b.text for b in self.blocks if b.author and not (b.media or b.chrome or b.listed or b.link)
                      and word_count(b.text) <= 10]
        outlets = {line_key(o) for o in self.lexicon.outlets}
        for text in candidates + self.meta.authors:
            name = parse_byline(normalise(text))
            if name and not self.is_site_title(name) and line_key(name) not in outlets:
                return name
        return None


def _same_title(a: str, b: str) -> bool:
    """A heading and a stated title name the same article: equal, or one opens the other
    ("Tiêu đề" and "Tiêu đề - Báo X")."""
    if not a or not b:
        return False
    short, long_ = sorted((a, b), key=len)
    return long_.startswith(short) and len(short.split()) >= 3


def _parse_date(value: str) -> Optional[dt.date]:
    value = (value or "").strip()
    if not value:
        return None
    mentions = find_full_dates(value)
    if mentions:
        return mentions[0].date
    spaced = _SPACED_DATE.search(value)
    if spaced:
        return make_date(int(spaced.group(3)), int(spaced.group(2)), int(spaced.group(1)))
    return None


def read_html_file(path: Path, source: str) -> list[Article]:
    text, given = extract_html(path.read_bytes())
    return [Article(source=source, text=text, given=given)]
