"""Readability of text for residents: Flesch-Douma, the Dutch Flesch reading ease.

206.835 - 0.93 × words per sentence - 77 × syllables per word, with syllables counted
by Pyphen's Dutch hyphenation. Scores run from about 0 (very hard) to 100 (very easy);
60 or more is plain language (B1) for most readers.

The counting follows ``textstat`` 0.7 (``set_lang("nl")``) rule for rule, and a test
checks that both give the same score. ``textstat`` itself is not imported: it loads
nltk and scipy for English syllables, which cost every command about 0.8 s at start.
"""

from __future__ import annotations

import functools
import re

from pyphen import Pyphen

from .entries import Entry
from .problems import Problem, warning
from .yamlstrict import Parsed

MINIMUM_SCORE = 60
SHORT_ANSWER = "Kort antwoord"
BASE, PER_WORD_IN_SENTENCE, PER_SYLLABLE_IN_WORD = 206.835, 0.93, 77
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MARKUP = re.compile(r"<[^>]*>|[*_`#>|]")
_URL = re.compile(r"https?://\S+")
# textstat's word and sentence rules: an apostrophe stays only before an English
# contraction ending; every other character that is not a word character goes
_LONE_APOSTROPHE = re.compile(r"'(?![tsd]|ve|ll|re)")
_PUNCTUATION = re.compile(r"[^\w\s']")
_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*")


def plain_text(markdown: str) -> str:
    """Markdown as the words a reader reads: link text kept, addresses and markup dropped."""
    text = _LINK.sub(r"\1", markdown)
    text = _URL.sub(" ", text)
    text = _MARKUP.sub(" ", text)
    lines = [re.sub(r"^\s*(?:[-+]|\d+\.)\s+", "", line) for line in text.split("\n")]
    return " ".join(" ".join(lines).split())


@functools.cache
def _hyphenator() -> Pyphen:
    return Pyphen(lang="nl")


@functools.lru_cache(maxsize=65536)
def _syllables(word: str) -> int:
    """Syllables of a lower-case word (memoised: a toolbox uses the same words often)."""
    return len(_hyphenator().positions(word)) + 1


def _words(text: str) -> list[str]:
    return _PUNCTUATION.sub("", _LONE_APOSTROPHE.sub("", text)).split()


def _sentences(text: str) -> int:
    if not text:
        return 0
    found = _SENTENCE.findall(text)
    return max(1, len(found) - sum(1 for sentence in found if len(_words(sentence)) <= 2))


def reading_ease(text: str) -> float:
    """Flesch-Douma of plain ``text``, unrounded; 0.0 for text without words."""
    words = _words(text)
    sentences = _sentences(text)
    if not words or not sentences:
        return 0.0
    syllables = sum(_syllables(word.lower()) for word in words)
    per_sentence, per_word = len(words) / sentences, syllables / len(words)
    if per_sentence == 0 or per_word == 0:
        return 0.0
    return BASE - PER_WORD_IN_SENTENCE * per_sentence - PER_SYLLABLE_IN_WORD * per_word


def flesch_douma(text: str) -> float | None:
    """The Flesch-Douma score of ``text`` (Markdown allowed); None for text without words."""
    plain = plain_text(text)
    if not re.search(r"\w", plain):
        return None
    return round(reading_ease(plain), 1)


def section(body: str, heading: str) -> tuple[int, str] | None:
    """(line offset of the heading, text) of the level-2 section ``heading`` in ``body``."""
    lines = body.split("\n")
    start = next(
        (i for i, line in enumerate(lines) if line.strip().rstrip("#").strip() == f"## {heading}"),
        None,
    )
    if start is None:
        return None
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
    return start, "\n".join(lines[start + 1 : end])


def readability_problems(entry: Entry, parsed: Parsed, body_line: int) -> list[Problem]:
    """Warnings for a summary or short answer below ``MINIMUM_SCORE``, for entries whose
    audience includes residents."""
    if "residents" not in entry.audience:
        return []
    texts = [("'summary'", parsed.line(("summary",), 1), entry.summary)]
    found = section(entry.body, SHORT_ANSWER)
    if found:
        texts.append((f"'## {SHORT_ANSWER}'", body_line + found[0], found[1]))
    problems = []
    for name, line, text in texts:
        score = flesch_douma(text)
        if score is not None and score < MINIMUM_SCORE:
            problems.append(
                warning(
                    entry.path,
                    line,
                    f"{name} is moeilijk te lezen voor bewoners (Flesch-Douma {score:g}, "
                    f"minimaal {MINIMUM_SCORE}); schrijf op B1-niveau: korte zinnen, gewone "
                    "woorden, leg begrippen uit",
                )
            )
    return problems
