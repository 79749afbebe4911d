"""A sentence as the summary shows it: without restating the documents it cites, and within
the word budget.

Reports on Party documents write out what the reader knows: what a cited document is about,
after "về" ("Chỉ thị số 05-CT/TW của Bộ Chính trị về “Đẩy mạnh học tập và làm theo …”"), the
title of a campaign or yearly theme in quotes, the document's issue date ("Chỉ thị số 05-CT/TW
ngày 15/5/2016"), trailing clauses of detail (", nhất là …", ", gắn với …"). ``shorten`` always
drops the first (the digest shows the directive's name beside the summary); then, only while
the sentence is over the budget, quoted names, issue dates, then trailing clauses, the last one
first. What is left is still a whole sentence with its own full stop. The phrases are in
``data/summary.yaml``.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional, Sequence

from .summary_model import Phrases, load_phrases
from .vntext import match_key, word_count

# A document number with its suffix ("05-CT/TW", "05/CT- TW", "15-KH/TU"), then its issue date.
_ISSUE_DATE = re.compile(r"(\d+\s*[-/]\s*[A-ZĐ][\wĐđ]*(?:\s*[-/]\s*[A-ZĐ][\wĐđ]*)*)(?:\s*,)?\s+ngày\s+\d{1,2}/\d{1,2}/\d{4}")
_TOPIC_OPENING = 4  # words of a topic that say the press is writing it out
_QUOTED = re.compile(r"“[^“”]*”")
_SPACE_BEFORE_MARK = re.compile(r"\s+(?=[,.;:!?…)”])")


def shorten(sentence: str, max_words: int, topics: Sequence[str] = (), phrases: Optional[Phrases] = None) -> Optional[str]:
    """``sentence`` as the summary shows it, within ``max_words`` words; None when dropping what
    can go is not enough. ``topics``: of the documents the article cites (the registry's ``topic``)."""
    phrases = phrases or load_phrases()
    text = sentence
    if topics or " về “" in text:
        text = _drop_topics(text, topics, phrases)
        if text != sentence:
            text = _tidy(text)
    for step in (lambda t: _drop_quoted_names(t, phrases), lambda t: _ISSUE_DATE.sub(r"\1", t)):
        if word_count(text) <= max_words:
            return text
        shorter = step(text)
        if shorter != text:
            text = _tidy(shorter)
    if word_count(text) <= max_words:
        return text
    return _drop_elaborations(text, max_words, phrases)


def _tidy(text: str) -> str:
    return _SPACE_BEFORE_MARK.sub("", " ".join(text.split()))


def _drop_topics(text: str, topics: Sequence[str], phrases: Phrases) -> str:
    """What a sentence says a cited document is about, after "về": a quoted name ("về “Đẩy mạnh
    học tập …”", a ``quoted_names`` one), or one of ``topics`` as the registry writes it. The press
    may write a topic shorter ("về tiếp tục thực hiện Chỉ thị số 05-CT/TW và biểu dương …": the
    words it shares with the topic go, from "về") or longer ("về đẩy mạnh xây dựng, chỉnh đốn Đảng
    …; kiên quyết …": from "về" to the end of the sentence, when that is at most twice the topic)."""
    for m in reversed(quoted_names(text, phrases)):
        if match_key(text)[:m.start()].endswith(" về "):
            text = text[:m.start() - len(" về ")] + text[m.end():]
    for topic in topics:
        key = match_key(text)  # same length as ``text``: positions carry over
        want = _topic_words(topic)
        at = key.find(" về " + " ".join(want[:_TOPIC_OPENING]))
        if at < 0:
            continue
        words = list(re.finditer(r"\S+", key[:_ending(text)]))
        first = next(i for i, w in enumerate(words) if w.start() > at + 1)  # "về"'s word is words[first - 1]
        shared = 0
        while first + shared < len(words) and shared < len(want) and _bare(words[first + shared].group()) == want[shared]:
            shared += 1
        last, rest = words[first + shared - 1], words[first + shared:]
        if shared == len(want) or not rest or rest[0].group() == "và" or last.group().rstrip("”").endswith(","):
            end = last.start() + len(last.group().rstrip(",;”")) + (last.group().rstrip(",;").endswith("”"))
            text = text[:at] + text[end:]
        elif len(words) - first <= 2 * len(want):
            text = text[:at] + text[_ending(text):]
    return text


def _ending(text: str) -> int:
    """Where a sentence's closing punctuation starts: its stop ("." "./." "..." "!" "?" "…"), then
    closing quotes and brackets, spaces between."""
    rest = text.rstrip().rstrip("”\"’)").rstrip()
    if rest.endswith(("./.", "...")):
        rest = rest[:-3]
    elif rest[-1:] in (".", "!", "?", "…"):
        rest = rest[:-1]
    return len(rest.rstrip())


@lru_cache(maxsize=256)
def _topic_words(topic: str) -> list[str]:
    return [_bare(w) for w in match_key(topic).split()]


def _bare(word: str) -> str:
    """A word as a topic's and a sentence's words are compared: no quotes, no comma or semicolon after."""
    return word.strip("“”").rstrip(",;").strip("“”")


def quoted_names(text: str, phrases: Optional[Phrases] = None) -> list[re.Match]:
    """Quotations of at least ``quoted_name_words`` words that name something ("chuyên đề năm 2018
    “Xây dựng ý thức …”", "Cuộc vận động “Phát huy truyền thống …”"), not reported speech: not at
    the start, not after ":" or a word of saying."""
    phrases = phrases or load_phrases()
    found = []
    key = match_key(text) if "“" in text else ""  # same length as ``text``
    for m in _QUOTED.finditer(text):
        head = key[:m.start()].rstrip()
        if len(m.group().split()) >= phrases.quoted_name_words and head and not head.endswith(":") \
                and not head.endswith(phrases.speech_before_quote):
            found.append(m)
    return found


def _drop_quoted_names(text: str, phrases: Phrases) -> str:
    """The ``quoted_names``, with a "về" right before one."""
    if "“" not in text:
        return text
    out, last = [], 0
    for m in quoted_names(text, phrases):
        before = text[last:m.start()]
        if match_key(before).rstrip().endswith(" về"):
            before = before.rstrip()[:-len("về")]
        out.append(before)
        last = m.end()
    out.append(text[last:])
    return "".join(out)


def _drop_elaborations(text: str, max_words: int, phrases: Phrases) -> Optional[str]:
    """The sentence cut before a trailing clause of detail (", nhất là …"), the last one first,
    until it fits; None when no cut makes it fit."""
    key = match_key(text)
    ending = text[_ending(text):].strip() or "."
    cuts = sorted((m.start() for m in phrases.elaboration.finditer(key)), reverse=True)
    for cut in cuts:
        shortened = text[:cut].rstrip(" ,;:") + ending
        if word_count(shortened) <= max_words:
            return shortened
    return None
