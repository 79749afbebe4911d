"""Cleaning: from the text as scraped to what an editor reads.

Finds the headline (skipping a section label), the dateline, the byline and source line,
an inline outlet marker ("(Baonghean.vn) - "), drops site chrome, and sorts the rest into
blocks: paragraphs, subheadings and photo captions.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from .article import CAPTION, HEADING, PARAGRAPH, Article, Block
from .datelines import is_dateline
from .lexicon import Lexicon, line_key, load_lexicon
from .vntext import ends_sentence, normalise, word_count

# "… hội nghị. Ảnh: Phương Thúy", "… 2021 - 2024 - Ảnh: H.T", "(Ảnh minh họa)".
_PHOTO_CREDIT = re.compile(
    r"(?:^|(?<=[\s.,;:\-–—(]))[(\[]?\s*(?P<credit>(?:Ảnh|Ảnh minh họa|Ảnh minh hoạ|Ảnh tư liệu|Ảnh tư liêu|"
    r"Nguồn ảnh|Ảnh chụp màn hình|Video|Clip)\s*(?::\s*[^:()\[\]]{1,50}?)?)\s*[)\]]?\s*\.?\s*$",
    re.IGNORECASE,
)
_CREDIT_SEPARATOR = re.compile(r"[\s.\-–—,;:]+$")
# "(Baonghean.vn) - Đó là …", "QĐND - Sáng 9/5, …", "(ĐCSVN) – …", "VOV.VN - …".
_OUTLET_MARKER = re.compile(
    r"^(?:\((?P<paren>[^()]{2,40})\)|(?P<bare>[A-ZĐ][A-ZĐa-z0-9]*(?:\.[A-Za-z]{2,4}){1,2}|[A-ZĐ]{2,8}(?:\s?[A-ZĐ]{2,8})?))"
    r"\s*[-–—:]\s+"
)
_SOURCE_LINE = re.compile(r"^(?:\((?P<paren>[^()]{2,80})\)|(?:Theo|Nguồn|Nguồn tin)\s*:?\s+(?P<theo>[^()]{2,80}?))\s*\.?$")
_BYLINE_PREFIX = re.compile(
    r"^(?:Bài\s*(?:và|,|&)\s*ảnh|Bài\s*,?\s*ảnh|Bài|Tin\s*(?:và|,)\s*ảnh|Tin|Bài viết|Tác giả|Người viết|Nhóm phóng viên|"
    r"Nhóm PV|Thực hiện|Ghi chép)\s*:\s*",
    re.IGNORECASE,
)
_NAME_WORD = re.compile(r"^(?:[A-ZĐÀ-ỸÂĂÊÔƠƯ][\wÀ-ỹ]*\.?|[A-ZĐ](?:\.[A-ZĐ])+\.?|(?:[A-ZĐ][a-zA-Z]*\.){2,})$")
# "Minh Châu (Trung tâm Văn hóa huyện)": a byline with its source in brackets.
_NAME_WITH_SOURCE = re.compile(r"^(?P<name>[^()]{2,60}?)\s*(?P<source>\([^()]{2,80}\))$")
_NAME_JOINERS = {"-", "–", "—", "và", "&", ","}
_ENDING_MARKS = {".", "./.", "-", "--", "***", "*", "…"}


@dataclass
class _Line:
    text: str  # stripped, normalised
    raw: str  # as in the input (leading spaces kept)
    blank_before: bool  # an empty line separates it from the previous content line
    gap_before: bool  # a whitespace-only line (an image slot) stands right before it


def _lines(text: str) -> list[_Line]:
    out: list[_Line] = []
    blank = False
    gap = False
    for raw in normalise(text).split("\n"):
        stripped = raw.strip()
        if not stripped:
            blank = True
            gap = gap or bool(raw)  # whitespace-only, not empty
            continue
        out.append(_Line(stripped, raw, blank, gap))
        blank = gap = False
    return out


def looks_like_name(text: str) -> bool:
    """"Vân Anh", "Thu Hà - Quang Minh", "H.T": every word capitalised, at most 8 words."""
    words = text.replace(",", " , ").split()
    names = [w for w in words if w not in _NAME_JOINERS]
    return 0 < len(names) <= 8 and all(_NAME_WORD.match(w) for w in names)


def split_photo_credit(line: str) -> tuple[str, Optional[str]]:
    """("Các đại biểu tham dự hội nghị.", "Ảnh: Phương Thúy") or (line, None)."""
    m = _PHOTO_CREDIT.search(line)
    if not m or m.start() == 0 and ":" not in m.group("credit"):
        return line, None
    caption = _CREDIT_SEPARATOR.sub("", line[: m.start()]).strip()
    if caption.endswith("(") or caption.endswith("["):
        caption = caption[:-1].strip()
    if caption and not ends_sentence(caption) and line[: m.start()].rstrip().endswith("."):
        caption += "."
    return caption, m.group("credit").strip()


def _is_short_label(line: str) -> bool:
    return word_count(line) <= 3 and not ends_sentence(line) and not re.search(r"\d", line)


def _strip_leading_labels(lines: list[_Line], lexicon: Lexicon) -> tuple[list[_Line], Optional[str]]:
    """Drop breadcrumbs and section labels above the headline."""
    label = None
    while len(lines) > 1:
        first, second = lines[0].text, lines[1].text
        crumbs = [p.strip() for p in re.split(r"\s*[>»|/]\s*", first) if p.strip()]
        if lexicon.is_section_label(first) or (len(crumbs) > 1 and lexicon.is_section_label(crumbs[0])):
            label = first
        elif _is_short_label(first) and word_count(second) > 8 and not ends_sentence(second):
            label = first  # an unknown short label above a longer headline
        else:
            break
        lines = lines[1:]
    return lines, label


TAIL_FROM = 0.5  # a chrome marker in the second half of the text ends the article


def _cut_chrome(lines: list[_Line], lexicon: Lexicon) -> list[_Line]:
    """Drop widgets; at a chrome marker near the end (comments, related links, menus) stop.

    A marker in the first half ("Xem thêm:" boxes inside the text) only takes the link
    headlines under it: short lines that are not sentences."""
    total = sum(len(line.text) for line in lines) or 1
    kept: list[_Line] = []
    seen = 0
    skipping_links = 0
    for index, line in enumerate(lines):
        seen += len(line.text)
        if index > 0 and lexicon.is_tail_marker(line.text):
            if (seen - len(line.text)) / total >= TAIL_FROM:
                break
            skipping_links = 5
            continue
        if skipping_links:
            if not ends_sentence(line.text) and word_count(line.text) <= 25:
                skipping_links -= 1
                continue
            skipping_links = 0
        if lexicon.is_widget(line.text):
            continue
        kept.append(line)
    return kept


def _take_tail(lines: list[_Line], article: Article) -> list[_Line]:
    """Byline, source line and end marks at the bottom, in any order."""
    for _ in range(6):
        if not lines:
            break
        text = lines[-1].text
        if text in _ENDING_MARKS:
            lines = lines[:-1]
            continue
        if word_count(text) > 12:
            break
        source = _SOURCE_LINE.match(text)
        if source and article.source_line is None and not looks_like_name(source.group("paren") or "-"):
            article.source_line = text
            article.outlet = article.outlet or (source.group("paren") or source.group("theo")).strip(" .")
            lines = lines[:-1]
            continue
        name = _BYLINE_PREFIX.sub("", text).strip(" .")
        with_source = _NAME_WITH_SOURCE.match(name)
        if with_source and article.source_line is None and looks_like_name(with_source.group("name")):
            name = with_source.group("name")
            article.source_line = with_source.group("source")
            article.outlet = article.outlet or article.source_line.strip("()")
        if article.author is None and not ends_sentence(text.rstrip(".")) and looks_like_name(name) \
                and not text.lower().startswith("ảnh"):
            article.author = name
            lines = lines[:-1]
            continue
        if re.match(r"^\(?(?:Ảnh|Nguồn ảnh)\s*:", text, re.IGNORECASE) and word_count(text) <= 8:
            lines = lines[:-1]  # a lone photo credit: not an author
            continue
        break
    return lines


def _take_top_byline(lines: list[_Line], article: Article) -> list[_Line]:
    """"Bài và ảnh: Hoàng Long" under the headline."""
    for index, line in enumerate(lines[:2]):
        prefixed = _BYLINE_PREFIX.match(line.text)
        name = line.text[prefixed.end():].strip(" .") if prefixed else ""
        if prefixed and looks_like_name(name):
            article.author = name
            return lines[:index] + lines[index + 1:]
    return lines


def _take_outlet_marker(text: str, article: Article) -> str:
    m = _OUTLET_MARKER.match(text)
    if not m:
        return text
    outlet = (m.group("paren") or m.group("bare")).strip()
    if is_dateline(outlet) or word_count(outlet) > 5:
        return text
    article.outlet = article.outlet or outlet
    article.source_line = article.source_line or m.group(0).rstrip(" -–—:")
    return text[m.end():].lstrip()


def _blocks(lines: list[_Line]) -> list[Block]:
    indented = sum(1 for line in lines if line.raw[:1] == " ")
    mostly_indented = indented > len(lines) / 2
    blank_separated = sum(1 for line in lines if line.blank_before) > len(lines) / 3
    blocks: list[Block] = []
    skip_next = False
    for index, line in enumerate(lines):
        if skip_next:
            skip_next = False
            continue
        text = line.text
        nxt = lines[index + 1] if index + 1 < len(lines) else None
        if nxt is not None and line_key(nxt.text) == line_key(text):
            blocks.append(Block(CAPTION, text))  # a caption repeated under its photo
            skip_next = True
            continue
        caption, credit = split_photo_credit(text)
        if credit and word_count(caption) <= 70:
            if caption:
                blocks.append(Block(CAPTION, caption, credit))
            elif blocks and blocks[-1].kind == CAPTION and not blocks[-1].credit:
                blocks[-1].credit = credit
            continue
        words = word_count(text)
        if ends_sentence(text) or words > 35:
            blocks.append(Block(PARAGRAPH, text))
            continue
        # A standalone line with no final punctuation: a subheading or a caption.
        own_line = line.raw[:1] == " " and not mostly_indented
        followed_by_short = (blank_separated and nxt is not None and not nxt.blank_before
                             and word_count(nxt.text) <= 25)
        if own_line or line.gap_before and words > 12 or followed_by_short or words > 16:
            if followed_by_short:
                text = f"{text}. {nxt.text}"
                skip_next = True
            blocks.append(Block(CAPTION, text))
        else:
            blocks.append(Block(HEADING, text))
    # A heading needs prose under it; one at the very end is a leftover label.
    while blocks and blocks[-1].kind == HEADING:
        blocks.pop()
    return blocks


def clean(article: Article, lexicon: Lexicon | None = None) -> Article:
    """Fill title, section_label, dateline, author, source_line, outlet and blocks."""
    lexicon = lexicon or load_lexicon()
    lines = _lines(article.text)
    given_title = normalise(article.given.get("title") or "").strip()
    lines, article.section_label = _strip_leading_labels(lines, lexicon)
    # A dateline may stand above the headline too.
    if lines and is_dateline(lines[0].text) and len(lines) > 1:
        article.dateline = lines[0].text
        lines = lines[1:]
    if given_title:
        article.title = given_title
        if lines and line_key(lines[0].text) == line_key(given_title):
            lines = lines[1:]
    elif lines:
        article.title, lines = lines[0].text, lines[1:]
    lines = _cut_chrome(lines, lexicon)
    for index, line in enumerate(lines[:3]):
        if article.dateline is None and is_dateline(line.text):
            article.dateline = line.text
            lines = lines[:index] + lines[index + 1:]
            break
    lines = _take_top_byline(lines, article)
    lines = _take_tail(lines, article)
    if article.dateline is None:  # some sites print the date under the article
        for index in range(len(lines) - 1, max(len(lines) - 3, -1), -1):
            if is_dateline(lines[index].text):
                article.dateline = lines[index].text
                lines = lines[:index] + lines[index + 1:]
                break
    article.blocks = _blocks(lines)
    for block in article.blocks:
        if block.kind == PARAGRAPH:
            block.text = _take_outlet_marker(block.text, article)
            break
    article.outlet = article.outlet or article.given.get("outlet")
    article.author = article.author or article.given.get("author")
    return article
