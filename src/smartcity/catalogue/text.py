"""Words for the search index, the same way at index time and at query time.

Thai is written without spaces between words, so a title such as "คุณภาพอากาศรายชั่วโมง" is one run of letters;
PyThaiNLP's dictionary segmenter (newmm, dictionary bundled with the package, nothing downloaded) splits it into
คุณภาพ / อากาศ / ราย / ชั่วโมง. Latin words are lower-cased; punctuation and spaces are dropped.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

MAX_TOKEN_LENGTH = 100


@lru_cache(maxsize=1)
def _tokenizer():
    from pythainlp.tokenize import word_tokenize

    return word_tokenize


def _is_word(token: str) -> bool:
    return any(unicodedata.category(ch)[0] in "LN" for ch in token)


def words(text: str) -> list[str]:
    """The searchable words of ``text`` in order, lower-cased, NFC-normalised, without punctuation."""
    text = unicodedata.normalize("NFC", text or "").lower()
    if not text.strip():
        return []
    tokens = _tokenizer()(text, engine="newmm", keep_whitespace=False)
    result = []
    for token in tokens:
        token = token.strip(" \t\r\n.,;:!?()[]{}\"'“”‘’/\\|")
        if token and _is_word(token):
            result.append(token[:MAX_TOKEN_LENGTH])
    return result


def weighted_words(*fields: tuple[str, int]) -> dict[str, int]:
    """Each distinct word with the highest weight of the fields it appears in (title 3, tags 2, the rest 1)."""
    weights: dict[str, int] = {}
    for text, weight in fields:
        for word in words(text):
            if weights.get(word, 0) < weight:
                weights[word] = weight
    return weights
