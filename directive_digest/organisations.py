"""Who and where an article is about: organisation names and provinces found in text.

Used for the tags of article pages and the organisations of directive-year pages.
"""
from __future__ import annotations

import re
from itertools import islice

from .vntext import at_word_start, normalise, unify_tone_marks

# Organisation names: a head, then capitalised words (and the lower-case words names use).
ORG_HEADS = ("Đảng uỷ", "Đảng bộ", "Tỉnh uỷ", "Thành uỷ", "Huyện uỷ", "Quận uỷ", "Thị uỷ", "Chi bộ", "Ban Tuyên giáo",
             "Ban Dân vận", "Ban Tổ chức", "Uỷ ban Kiểm tra")
# r"(?<!\w)(Đảng uỷ|…|Uỷ ban Kiểm tra)(?!\w)", each head written to open with its letter.
_ORG_HEAD = re.compile("(" + "|".join(map(at_word_start, ORG_HEADS)) + ")(?!\\w)")
_HEAD_INITIALS = frozenset(head[0] for head in ORG_HEADS)  # a head can start only a word opening with one
_TOKEN = re.compile(r"\S+")
_ORG_INNER = {"các", "cơ", "quan", "tỉnh", "thành", "phố", "huyện", "xã", "và"}
_ORG_NOT_LAST = {"các", "cơ", "và", "Các"}
# Syllables that end a name even right after a capitalised one: verbs and function words
# ("Tỉnh uỷ Hà Tĩnh tổ chức", "Đảng uỷ Khối đã ban hành").
_ORG_BREAK = {"tổ", "đã", "đang", "sẽ", "có", "là", "được", "về", "tại", "trong", "thực", "triển", "ban", "chỉ",
              "lãnh", "xác", "tiếp", "phát", "biểu", "đạt", "đề", "yêu", "tổng", "sơ", "quán", "cũng", "luôn", "với",
              "cho", "của", "đến", "từ", "khen", "tặng", "trao", "ghi", "nhấn", "đánh", "giao", "chủ", "kịp", "hiện", "tham", "cùng", "dự", "làm", "nhận", "tiến", "thông"}
_SURNAMES = {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
             "Dương", "Lý", "Đinh", "Đào", "Trương", "Lương", "Lò", "Chỉ", "Kết", "Nghị", "Quy", "Hướng", "Kế"}


def canonical(text: str) -> str:
    """Names spelt in one tone-mark style ("Đảng ủy" and "Đảng uỷ" make one name)."""
    return unify_tone_marks(normalise(text))


def organisations(text: str) -> list[str]:
    """"Đảng uỷ Khối các cơ quan Trung ương", "Huyện uỷ Lục Ngạn", "Đảng uỷ Bộ Tài chính".

    Vietnamese names capitalise the first syllable of each word ("Bộ Tài chính"), so a
    name is a head, then capitalised syllables each followed by at most one lower-case
    one, plus the few lower-case words names use ("các cơ quan", "và"). A name needs two
    syllables after its head; one inside a longer one found in the same text is dropped."""
    text = unify_tone_marks(text)
    found = set()
    for m in _ORG_HEAD.finditer(text):
        name: list[str] = []
        # The first 8 words of the next 120 characters (endpos: as if the text were cut there).
        for w in islice(_TOKEN.finditer(text, m.end(), m.end() + 120), 8):
            word = w.group(0)
            bare = word.strip(",.;:!?()“”\"…")
            if not bare or bare in _SURNAMES or bare.lower() in _ORG_BREAK \
                    or word[0] in _HEAD_INITIALS and _ORG_HEAD.match(text, w.start()):
                break  # a person, a verb, or the next organisation ("… và Huyện uỷ Lục Ngạn")
            continuation = bool(name) and name[-1][0].isupper() and bare.islower()
            if not (bare[0].isupper() or bare[0].isdigit() or continuation or (name and bare in _ORG_INNER)):
                break
            name.append(bare)
            if bare != word:
                break
        while name and name[-1] in _ORG_NOT_LAST:
            name.pop()
        if len(name) >= 2:
            found.add(f"{m.group(1)} {' '.join(name)}")
    longest_first = sorted(found, key=len, reverse=True)
    return sorted(n for i, n in enumerate(longest_first) if not any(n in longer for longer in longest_first[:i]))


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
# Every province named as a whole word: matched at each position one can start at (its first
# letter), so overlapping names are all found ("Hà Nam Định"); no name is another followed by
# more words, so one match per position is all there is.
_PROVINCE = re.compile("(?<!\\w)(" + "|".join(re.escape(p) for p in PROVINCES) + ")(?!\\w)")
_PROVINCE_INITIAL = re.compile("[" + "".join(sorted({p[0] for p in PROVINCES})) + "]")


def places(text: str) -> list[str]:
    text = canonical(text)
    found = set()
    for initial in _PROVINCE_INITIAL.finditer(text):
        m = _PROVINCE.match(text, initial.start())
        if m:
            found.add(m.group(1))
    if "Hồ Chí Minh" in text and _HCM.search(text):  # the name first: one quick scan
        found.add("TP. Hồ Chí Minh")
    return sorted(found)
