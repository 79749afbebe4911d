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
from .bylines import (interview_outlet, is_person_name, looks_like_name, parse_byline, parse_source_line, stated_author,
                      take_outlet_marker)
from .headline import HEADER_LINES, find_headline
from .lexicon import Lexicon, line_key, load_lexicon
from .sentences import split_sentences
from .vntext import ends_sentence, match_key, normalise, word_count

# "… hội nghị. Ảnh: Phương Thúy", "… 2021 - 2024 - Ảnh: H.T", "(Ảnh minh họa)".
_PHOTO_CREDIT = re.compile(
    r"(?:^|(?<=[\s.,;:\-–—(]))[(\[]?\s*(?P<credit>(?:Ảnh|Ảnh minh họa|Ảnh minh hoạ|Ảnh tư liệu|Ảnh tư liêu|"
    r"Nguồn ảnh|Ảnh chụp màn hình|Video|Clip)\s*(?::\s*[^:()\[\]]{1,50}?)?)\s*[)\]]?\s*\.?\s*$",
    re.IGNORECASE,
)
# Every credit ``_PHOTO_CREDIT`` knows has one of these words: a quick test before it.
_CREDIT_WORD = re.compile(r"ảnh|video|clip", re.IGNORECASE)
# Where ``_CREDIT_WORD`` matches, found faster: the first letter is an explicit class (exactly
# what IGNORECASE matches for ả, v and c), so the regex engine skips every other character
# in one quick loop; the rest is matched under IGNORECASE as before. Same matches.
_CREDIT_WORD_QUICK = re.compile(r"[ẢảVvCc](?i:(?<=ả)nh|(?<=v)ideo|(?<=c)lip)")
_CREDIT_SEPARATOR = re.compile(r"[\s.\-–—,;:]+$")
# "… tử vong Bá Di (Tổng hợp)": a compiler's name and "(tổng hợp)" close a text even after no full stop.
_COMPILED_BY = re.compile(r"(?<!\S)(?P<name>(?:[A-ZĐÀ-Ỹ][^\s()]*\s+){0,3}[A-ZĐÀ-Ỹ][^\s()]*)\s*\((?i:tổng hợp)\)\s*$")
_ENDING_MARKS = {".", "./.", "-", "--", "***", "*", "…"}
# Breadcrumbs and masthead rows: "Trang chủ › Chính trị › Xây dựng Đảng", "VOV.VN  |  Chính trị  >  …".


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


def split_photo_credit(line: str) -> tuple[str, Optional[str]]:
    """("Các đại biểu tham dự hội nghị.", "Ảnh: Phương Thúy") or (line, None)."""
    m = _PHOTO_CREDIT.search(line) if _CREDIT_WORD_QUICK.search(line) else None
    if not m or m.start() == 0 and ":" not in m.group("credit"):
        return line, None
    caption = _CREDIT_SEPARATOR.sub("", line[: m.start()]).strip()
    if caption.endswith("(") or caption.endswith("["):
        caption = caption[:-1].strip()
    if caption and not ends_sentence(caption) and line[: m.start()].rstrip().endswith("."):
        caption += "."
    return caption, m.group("credit").strip()


def _take_header(lines: list[_Line], article: Article, lexicon: Lexicon) -> tuple[list[_Line], Optional[str]]:
    """Set the title; of what stands above it keep the section label, a byline, and a date line.

    Returns the lines under the title and the date line found above it: the site's date of
    the day, unless the article has no date line of its own."""
    index = find_headline([line.text for line in lines], lexicon)
    if index is None:
        return lines, None
    above_date = None
    for position, line in enumerate(lines[:index]):
        if is_dateline(line.text):
            above_date = above_date if above_date and position < index - 2 else line.text
        elif article.author is None and position >= index - 2 and position > 0 and not lexicon.is_site_line(line.text) \
                and not lexicon.is_section_label(line.text) and parse_byline(line.text, strict=True) == line.text.strip():
            article.author = parse_byline(line.text, strict=True)  # "Văn Bằng" over the headline
        elif not lexicon.is_widget(line.text) and word_count(line.text) <= 6:
            article.section_label = line.text
    article.title = lines[index].text
    return lines[index + 1:], above_date


def _take_top_byline(lines: list[_Line], article: Article) -> list[_Line]:
    """Under the headline: datelines and a byline ("QUANG HÀ", "Bài và ảnh: Hoàng Long")."""
    kept: list[_Line] = []
    index = 0
    while index < len(lines) and index < 5:
        text = lines[index].text
        if word_count(text) > 16 or ends_sentence(text):
            # A byline in capitals may stand under the lead: "(PLO)- Bộ Chính trị vừa …" / "VĂN MINH".
            for later in range(index + 1, min(index + 3, len(lines))):
                name = parse_byline(lines[later].text, strict=True) if article.author is None else None
                if name and name.isupper() and name == lines[later].text.strip():
                    article.author = name
                    lines = lines[:later] + lines[later + 1:]
                    break
            break
        nxt = lines[index + 1].text if index + 1 < len(lines) else ""
        name = parse_byline(text, strict=True) if article.author is None else None
        if is_dateline(text):
            article.dateline = article.dateline or text
            parts = re.split(r"\s+[-–—|]\s+", text, maxsplit=1)  # "Thu Hoài - 11:20, 18/07/2017"
            if article.author is None and len(parts) == 2 and is_dateline(parts[1]) and parse_byline(parts[0]):
                article.author = parse_byline(parts[0])
        elif name and (word_count(nxt) > 12 or ends_sentence(nxt) or is_dateline(nxt) or parse_byline(nxt) is None):
            article.author = name
            # "TS. Nguyễn Văn Hùng / Học viện Chính trị khu vực I": the author's affiliation.
            if name != text and word_count(nxt) <= 8 and not ends_sentence(nxt) and not is_dateline(nxt) \
                    and index + 2 < len(lines):
                index += 1
        else:
            kept.append(lines[index])
        index += 1
    return kept + lines[index:]


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
        if lexicon.is_widget(line.text) or lexicon.is_metadata(line.text) or lexicon.is_footer(line.text):
            continue
        kept.append(line)
    return kept


def _take_tail(lines: list[_Line], article: Article) -> list[_Line]:
    """Byline, source line, dateline and end marks at the bottom, in any order."""
    for _ in range(8):
        if not lines:
            break
        text = lines[-1].text
        if text in _ENDING_MARKS:
            lines = lines[:-1]
            continue
        if word_count(text) > 16:
            rest, credit = _trailing_credit(text)
            source = parse_source_line(credit) if credit else None
            name = parse_byline(credit, strict=True) if credit and not source and article.author is None else None
            if source and article.source_line is None:
                article.source_line, outlet = source
                article.outlet = article.outlet or outlet
            elif name:
                article.author = name
            else:
                break
            lines = lines[:-1] + [_Line(rest, rest, lines[-1].blank_before, lines[-1].gap_before)]
            continue
        if is_dateline(text):
            article.dateline = article.dateline or text
            lines = lines[:-1]
            continue
        source = parse_source_line(text)
        if source and is_person_name(source[1]) and match_key(text).startswith("nguồn"):
            article.author = article.author or source[1]  # "Nguồn tin: Nguyễn Văn Phú" credits a person
            lines = lines[:-1]
            continue
        if source and article.source_line is None:
            article.source_line, outlet = source
            article.outlet = article.outlet or outlet
            lines = lines[:-1]
            continue
        name = parse_byline(text) if article.author is None else None
        above = lines[-2].text if len(lines) > 1 else ""
        titled = parse_byline(above) if article.author is None and not name else None
        if titled and titled != above.strip() and word_count(text) <= 12 and not ends_sentence(text):
            article.author = titled  # "ThS. LÊ THỊ HỒNG VÂN" over "Trường Chính trị …, tỉnh Bắc Ninh"
            lines = lines[:-2]
            continue
        if name:
            article.author = name
            m = re.search(r"\((?P<source>[^()]{2,80})\)\s*$", text)
            if m and article.source_line is None and parse_source_line(m.group(0)):
                article.source_line, article.outlet = m.group(0).strip(), article.outlet or m.group("source")
            lines = lines[:-1]
            continue
        if re.match(r"^\(?(?:Ảnh|Nguồn ảnh)\s*:", text, re.IGNORECASE) and word_count(text) <= 8:
            lines = lines[:-1]  # a lone photo credit: not an author
            continue
        break
    return lines


def _trailing_credit(text: str) -> tuple[str, Optional[str]]:
    """A byline or source line run into the last paragraph, as crawlers join lines:
    ("… của mình.", "Mộc Trà (tổng hợp)") from "… của mình. Mộc Trà (tổng hợp)"."""
    compiled = _COMPILED_BY.search(text)
    if compiled and looks_like_name(compiled.group("name")):
        return text[:compiled.start()].rstrip(), compiled.group(0).strip()
    sentences = split_sentences(text)
    last = sentences[-1] if len(sentences) > 1 else ""
    if not last or word_count(last) > 8 or ends_sentence(last) or _PHOTO_CREDIT.search(last):
        return text, None
    return text[:text.rindex(last)].rstrip(), last


def _take_outlet_marker(text: str, article: Article) -> str:
    text, marker, outlet = take_outlet_marker(text)
    if marker:
        article.outlet = article.outlet or outlet
        article.source_line = article.source_line or marker
    return text


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
    above_date = None
    if given_title:
        article.title = given_title
        keys = [line_key(line.text) for line in lines[:HEADER_LINES]]
        if line_key(given_title) in keys:
            lines = lines[keys.index(line_key(given_title)) + 1:]
    else:
        lines, above_date = _take_header(lines, article, lexicon)
    lines = _cut_chrome(lines, lexicon)
    lines = _take_top_byline(lines, article)
    lines = _take_tail(lines, article)
    article.dateline = article.dateline or above_date
    article.blocks = _blocks(lines)
    for block in article.blocks:
        if block.kind == PARAGRAPH:
            block.text = _take_outlet_marker(block.text, article)
            break
    article.outlet = article.outlet or article.given.get("outlet") or interview_outlet(_all_text(article))
    article.author = article.author or stated_author(_all_text(article)) or article.given.get("author")
    return article


def _all_text(article: Article) -> str:
    return "\n".join(block.text for block in article.blocks)
