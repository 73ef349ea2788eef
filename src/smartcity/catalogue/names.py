"""Dataset URL names: CKAN's rule ([a-z0-9_-], 2 to 100 characters) and a generated name to offer instead."""

from __future__ import annotations

import re
import uuid

from .text import words

NAME_PATTERN = re.compile(r"^[a-z0-9_-]{2,100}$")


def is_valid_name(name: str) -> bool:
    return bool(NAME_PATTERN.match(name or ""))


def suggest_name(*texts: str) -> str:
    """A valid name from the first text that gives one: Thai romanised (Royal Institute), Latin lower-cased."""
    for text in texts:
        candidate = _slug(text)
        if len(candidate) >= 2:
            return candidate[:90].rstrip("-")
    return f"dataset-{uuid.uuid4().hex[:8]}"


def _slug(text: str) -> str:
    from pythainlp.transliterate import romanize

    parts = []
    for word in words(text or ""):
        latin = word if word.isascii() else romanize(word, engine="royin")
        parts.append(re.sub(r"[^a-z0-9]+", "-", latin.lower()).strip("-"))
    return re.sub(r"-{2,}", "-", "-".join(p for p in parts if p))
