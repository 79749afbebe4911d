"""Tags for article pages: the outlet, organisations and places an article is about.

Material's tags plugin lists them on each page and on the tags index (content/the.md),
and its search indexes them with a high boost, so "dang uy so vhtt" or "Bắc Giang" find
the right articles first. Tags are spelt in one tone-mark style (uỷ, hoà) so "Đảng ủy X"
and "Đảng uỷ X" in two articles make one tag.
"""
from __future__ import annotations

import re

from .article import Article
from .vntext import normalise, unify_tone_marks

# Provinces and centrally governed cities (the 63 units before the 2025 merger, which the
# archive's articles use). "Hồ Chí Minh" only with "TP."/"Thành phố": otherwise it is Bác.
PROVINCES = (
    "An Giang", "Bà Rịa - Vũng Tàu", "Bạc Liêu", "Bắc Giang", "Bắc Kạn", "Bắc Ninh", "Bến Tre",
    "Bình Dương", "Bình Định", "Bình Phước", "Bình Thuận", "Cà Mau", "Cao Bằng", "Cần Thơ",
    "Đà Nẵng", "Đắk Lắk", "Đắk Nông", "Điện Biên", "Đồng Nai", "Đồng Tháp", "Gia Lai", "Hà Giang",
    "Hà Nam", "Hà Nội", "Hà Tĩnh", "Hải Dương", "Hải Phòng", "Hậu Giang", "Hoà Bình", "Hưng Yên",
    "Khánh Hoà", "Kiên Giang", "Kon Tum", "Lai Châu", "Lạng Sơn", "Lào Cai", "Lâm Đồng", "Long An",
    "Nam Định", "Nghệ An", "Ninh Bình", "Ninh Thuận", "Phú Thọ", "Phú Yên", "Quảng Bình",
    "Quảng Nam", "Quảng Ngãi", "Quảng Ninh", "Quảng Trị", "Sóc Trăng", "Sơn La", "Tây Ninh",
    "Thái Bình", "Thái Nguyên", "Thanh Hoá", "Thừa Thiên Huế", "Tiền Giang", "Trà Vinh",
    "Tuyên Quang", "Vĩnh Long", "Vĩnh Phúc", "Yên Bái",
)
_HCM = re.compile(r"\b(?:TP\.?|Thành phố|thành phố)\s*Hồ Chí Minh\b")

# Heads of organisation names, followed by the capitalised words of the name.
_ORG_HEADS = ("Đảng uỷ", "Đảng bộ", "Tỉnh uỷ", "Thành uỷ", "Huyện uỷ", "Quận uỷ", "Thị uỷ",
              "Ban Tuyên giáo", "Ban Dân vận", "Bộ Tư lệnh", "Quân khu", "Quân đoàn", "Sở", "Khối")
# Lower-case words that belong inside a name ("Khối Doanh nghiệp tỉnh", "các cơ quan").
_INNER = {"nghiệp", "quan", "các", "cơ", "tỉnh", "thành", "phố", "ương", "khu", "uỷ", "-"}
# ... of which these cannot end one ("Khối các", "Ban Dân vận Tỉnh").
_NOT_LAST = {"các", "cơ", "tỉnh", "thành", "Tỉnh", "Thành", "Huyện", "Trung", "-"}
# Capitalised words that end a name: a person's surname ("Bí thư Tỉnh uỷ Nguyễn Xuân Sơn"),
# a document ("Đảng uỷ Khối Chỉ thị 05"), or a capitalised clause start.
_STOP = {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
         "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Đào", "Trương", "Lương", "Chỉ", "Kết", "Nghị", "Quy",
         "Hướng", "Kế", "Thông", "Công", "Ngày", "Năm", "Sau", "Theo", "Trong", "Đồng", "Bác"}
_PUNCT = ",.;:!?()“”\"'…"
_MAX_WORDS = 8


def _canonical(text: str) -> str:
    return unify_tone_marks(normalise(text))


def _is_name_word(word: str) -> bool:
    return word[0].isupper() or word[0].isdigit()


def organisations(text: str) -> list[str]:
    """Organisation names that start with a known head: "Đảng uỷ Sở VHTT Hà Nội"."""
    text = _canonical(text)
    found: list[str] = []
    for head in _ORG_HEADS:
        for m in re.finditer(rf"(?<!\w){re.escape(head)}(?!\w)", text):
            name: list[str] = []
            for word in text[m.end():m.end() + 160].split()[:_MAX_WORDS]:
                clean = word.strip(_PUNCT)
                if not clean or clean in _STOP or word[0] in _PUNCT:
                    break
                if _is_name_word(clean) or (name and clean in _INNER):
                    name.append(clean)
                else:
                    break
                if clean != word:  # punctuation after the word ends the name
                    break
            while name and name[-1] in _NOT_LAST:
                name.pop()
            if name:
                found.append(f"{head} {' '.join(name)}")
    # A name inside a longer one ("Sở VHTT Hà Nội" in "Đảng uỷ Sở VHTT Hà Nội") is not a tag.
    found = sorted(set(found), key=len, reverse=True)
    return sorted(n for i, n in enumerate(found) if not any(n in longer for longer in found[:i]))


def places(text: str) -> list[str]:
    text = _canonical(text)
    found = {p for p in PROVINCES if re.search(rf"(?<!\w){re.escape(p)}(?!\w)", text)}
    if _HCM.search(text):
        found.add("TP. Hồ Chí Minh")
    return sorted(found)


def article_tags(article: Article) -> list[str]:
    """Outlet, then organisations and places named in the headline and the lead paragraph."""
    lead = "\n".join([article.title or ""] + article.paragraphs[:1])
    tags: list[str] = []
    if article.outlet:
        tags.append(_canonical(article.outlet))
    for tag in organisations(lead) + places(lead):
        if tag not in tags:
            tags.append(tag)
    return tags
