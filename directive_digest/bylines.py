"""Who wrote it and where it came from: bylines, source lines, inline outlet markers.

"Vân Anh", "Bài, ảnh: THU HUYỀN", "TS. Nguyễn Văn Hùng", "Thượng tá LÊ VĂN HIỂN, Phó chính ủy
Sư đoàn 330", "Phạm Ngọc/VOV-Tây Bắc", "Hồng Nhung - Trung tâm VH,TT&TT huyện" all name one
author; "Theo MaskOnline", "Nguồn: Báo Cà Mau", "(Ban Tuyên giáo Trung ương)" are source lines;
"(Baonghean.vn) - " and "QĐND Online - " open a lead with the outlet. Photo credits
("Ảnh: Phương Thúy") are never authors.
"""
from __future__ import annotations

import functools
import re
from typing import Optional

from .datelines import is_dateline
from .lexicon import load_lexicon
from .vntext import ends_sentence, fold, match_key, word_count

SOURCE_LINE = re.compile(
    r"^(?:\((?P<paren>[^()]{2,80})\)|(?P<lead>Theo|Nguồn(?:\s+(?!ảnh)[^\s:]{2,5}(?=\s*:))?)\s*:?\s+"
    r"(?P<theo>[^()]{2,80}?))\s*\.?$")
# "Tin, ảnh Lệ Sương", "Bài và ảnh Hoàng Long": the prefix without its colon, matched with the
# diacritics stripped (small portals misspell it: "Tin, ành").
_BARE_PREFIX = re.compile(r"^(?:bai|tin)\s*(?:,|va|&)\s*anh\s*:?\s+(?=[A-Z])", re.IGNORECASE)
BYLINE_PREFIX = re.compile(
    r"^(?:Bài\s*(?:và|,|&)\s*ảnh|Bài\s*,?\s*ảnh|Bài|Tin\s*(?:và|,)\s*ảnh|Tin|Bài viết|Tác giả|Người viết|"
    r"Nhóm phóng viên|Nhóm PV|Thực hiện|Ghi chép|Phóng viên|PV)\s*:\s*",
    re.IGNORECASE,
)
# "(Baonghean.vn) - Đó là …", "QĐND - Sáng 9/5, …", "(ĐCSVN) – …", "VOV.VN - …", "QĐND Online - …".
OUTLET_MARKER = re.compile(
    r"^(?:\((?P<paren>[^()]{2,40})\)|(?P<bare>(?:[A-ZĐ][A-ZĐa-z0-9]*(?:\.[A-Za-z]{2,4}){1,2}"
    r"|[A-ZĐ]{2,8}(?:\s?[A-ZĐ]{2,8})?)(?:\s+Online)?))\.?\s*[-–—:]\s*(?=\w)"
)
_NAME_WORD = re.compile(r"^(?:[A-ZĐÀ-ỸÂĂÊÔƠƯ][\wÀ-ỹ]*\.?|[A-ZĐ](?:\.[A-ZĐ])+\.?|(?:[A-ZĐ][a-zA-Z]*\.){2,})$")
_NAME_JOINERS = {"-", "–", "—", "và", "&", ","}
_WITH_SOURCE = re.compile(r"^(?P<name>[^()]{2,60}?)\s*(?P<source>\([^()]{2,80}\))$")
_SLASH_DESK = re.compile(r"^(?P<name>[^/]{2,40}?)\s*/\s*(?P<desk>\S.{1,40})$")  # "Phạm Ngọc/VOV-Tây Bắc"
_CREDIT = re.compile(r"^\(?\s*(?:Ảnh|Ảnh minh họa|Ảnh minh hoạ|Nguồn ảnh|Video|Clip)\b", re.IGNORECASE)
MAX_NAME_WORDS = 8
# Credits that name a role, not a person: "PV", "Nhóm PV", "(CTV)".
GENERIC_CREDITS = {"pv", "nhóm pv", "nhóm phóng viên", "phóng viên", "ctv", "btv", "nhóm ctv", "bbt",
                   "ban biên tập", "p.v", "pv.", "ptv", "tổng hợp", "tổng hợp từ nhiều nguồn", "st", "sưu tầm"}
# The outlet's own reporter at work in the text: "Chia sẻ với phóng viên Dân trí", "Trả lời phỏng vấn
# VnExpress" (crawlers often drop the space: "phỏng vấnVnExpress"), "Trao đổi với PV báo Người Đưa Tin",
# "trò chuyện sáng 5-3 với Tuổi Trẻ", "PV báo Người Đưa Tin đã …", "nguồn tin của PV Tuổi Trẻ".
_INTERVIEW = (r"(?:(?:trao đổi|chia sẻ|nói|trả lời|cho biết|thông tin|tâm sự|bày tỏ(?: ý kiến)?)\s+"
              r"(?:với\s+(?:(?:phóng viên|PV)\s*)?|(?:phóng viên|PV)\s*)"
              r"|trò chuyện(?:\s+\S+){{0,4}}?\s+với\s+(?:(?:phóng viên|PV)\s*)?"
              r"|trả lời phỏng vấn|phỏng vấn (?:với|của)|trả lời câu hỏi của (?:phóng viên|PV)"
              r"|nguồn tin (?:riêng )?của (?:(?:phóng viên|PV)\s*)?|(?:phóng viên|PV)\s+(?=báo|tạp chí))"
              r"\s*(?:(?:báo|tạp chí|đài|trang)\s+(?:điện tử\s+)?)?{outlet}"
              # "như Tuổi Trẻ Online đã thông tin": the outlet's own earlier report.
              r"|(?<![\wÀ-ỹ])như\s+{reported}\s+(?:đã\s+)?(?:đưa tin|thông tin|phản ánh)")
# "Tác giả bài viết, nhà báo Lê Thọ Bình": the author named in a caption or a note.
_STATED_AUTHOR = re.compile(r"(?:^|(?<=[.!?]\s))Tác giả(?: bài viết)?\s*[,:]\s*(?P<name>[^.,;:()]{3,60}?)\s*(?:[.;(]|$)")


def looks_like_name(text: str) -> bool:
    """"Vân Anh", "Thu Hà - Quang Minh", "H.T", "HỒNG SƠN": capitalised words, at most 8."""
    words = text.replace(",", " , ").split()
    names = [w for w in words if w not in _NAME_JOINERS]
    return 0 < len(names) <= MAX_NAME_WORDS and all(_NAME_WORD.match(w) and w[0].isupper() for w in names)


def strip_titles(text: str) -> str:
    """"Thượng tá LÊ VĂN HIỂN" -> "LÊ VĂN HIỂN", "TS. Nguyễn Văn Hùng" -> "Nguyễn Văn Hùng"."""
    titles = load_lexicon().byline_titles
    changed = True
    while changed:
        changed = False
        key = match_key(text)
        for title in titles:
            if key.startswith(title) and len(text) > len(title) and not key[len(title)].isalnum():
                text = text[len(title):].lstrip(" .")
                changed = True
                break
    return text


def parse_byline(line: str, strict: bool = False) -> Optional[str]:
    """The author's name if ``line`` is a byline, else None.

    ``strict`` (under the headline, where subheadings stand too) accepts a bare name only."""
    text = line.strip()
    if word_count(text) > 16 or _CREDIT.match(text):
        return None
    prefixed = BYLINE_PREFIX.match(text) or _BARE_PREFIX.match(fold(text))  # fold keeps the length
    text = text[prefixed.end():] if prefixed else text
    text = text.strip(" .")
    if not text or ends_sentence(text):
        return None
    with_source = _WITH_SOURCE.match(text)
    if with_source and looks_like_name(strip_titles(with_source.group("name"))):  # "Minh Châu (Báo X)", "… (CTV)"
        text = with_source.group("name")
    desk = _SLASH_DESK.match(text)
    if desk and looks_like_name(strip_titles(desk.group("name"))):
        text = desk.group("name")
    if "," in text:
        name, role = text.split(",", 1)
        if looks_like_name(strip_titles(name)) and not looks_like_name(role.strip()):
            text = name  # "Thượng tá LÊ VĂN HIỂN, Phó chính ủy Sư đoàn 330"
    parts = re.split(r"\s+[-–—]\s+", text, maxsplit=1)
    if len(parts) == 2 and looks_like_name(strip_titles(parts[0])) and not looks_like_name(parts[1]):
        text = parts[0]  # "Hồng Nhung - Trung tâm VH,TT&TT huyện"
    name = strip_titles(text.strip())
    if not looks_like_name(name) or match_key(name) in GENERIC_CREDITS:
        return None
    if strict and not prefixed and word_count(name) > 5:
        return None
    return name


def parse_source_line(line: str) -> Optional[tuple[str, str]]:
    """(source line as written, outlet) for "Theo Báo Quảng Ninh", "(Ban Tuyên giáo Trung ương)"."""
    text = line.strip()
    if word_count(text) > 12 or _CREDIT.match(text):
        return None  # prose, or a photo credit ("Nguồn ảnh: …")
    m = SOURCE_LINE.match(text)
    if not m:
        return None
    inner = (m.group("paren") or m.group("theo")).strip(" .“”\"'")
    if match_key(inner) in GENERIC_CREDITS or "[" in inner or "]" in inner or inner.endswith(":"):
        return None  # a role, a crawler's placeholder ("Nguồn: [Link nguồn]"), a label with nothing after it
    if m.group("paren") and (looks_like_name(inner) and word_count(inner) <= 3 or _CREDIT.match(inner)):
        return None  # "(Vân Anh)" is a byline; "(Ảnh: …)" a credit
    return text, inner


def take_outlet_marker(text: str) -> tuple[str, Optional[str], Optional[str]]:
    """(lead without the marker, marker as written, outlet) for "(Baonghean.vn) - Đó là …"."""
    m = OUTLET_MARKER.match(text)
    if not m:
        return text, None, None
    outlet = (m.group("paren") or m.group("bare")).strip()
    if is_dateline(outlet) or word_count(outlet) > 5 or _CREDIT.match(outlet):
        return text, None, None
    return text[m.end():].lstrip(), m.group(0).rstrip(" -–—:."), outlet


def interview_outlet(text: str) -> Optional[str]:
    """The outlet whose reporter the text says asked: "Chia sẻ với phóng viên Dân trí" -> "Dân trí".
    Only outlets of lexicon.yaml's list count ("phóng viên đặt câu hỏi" names none)."""
    outlets = load_lexicon().outlets
    if not outlets:
        return None
    m = _interview_pattern(outlets).search(text)
    return (m.group("outlet") or m.group("reported")) if m else None


@functools.lru_cache(maxsize=4)
def _interview_pattern(outlets: tuple[str, ...]) -> re.Pattern:
    names = "|".join(re.escape(o) for o in outlets)
    return re.compile(_INTERVIEW.format(outlet=rf"(?P<outlet>{names})(?![\wÀ-ỹ])",
                                        reported=rf"(?P<reported>{names})(?![\wÀ-ỹ])"), re.IGNORECASE)


def stated_author(text: str) -> Optional[str]:
    """"Tác giả bài viết, nhà báo Lê Thọ Bình." -> "Lê Thọ Bình"."""
    m = _STATED_AUTHOR.search(text)
    if not m:
        return None
    name = strip_titles(m.group("name").strip())
    return name if looks_like_name(name) and match_key(name) not in GENERIC_CREDITS else None


def is_person_name(text: str) -> bool:
    """"Nguyễn Văn Phú", not "Đảng Cộng Sản" or "TTXVN": two to four capitalised words opening
    with a surname of lexicon.yaml."""
    words = text.split()
    return 2 <= len(words) <= 4 and looks_like_name(text) and not text.isupper() \
        and words[0] in load_lexicon().surnames
