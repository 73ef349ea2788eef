"""One version number for everything the public registry shows: bumped when a certificate or endorsement
changes, so cached registry pages and downloads are never staler than the last change (or the date)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.utils import timezone

VERSION_KEY = "registry:version"
DEFAULT_TIMEOUT = 600


def registry_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        version = time.time_ns()
        cache.add(VERSION_KEY, version, None)
        version = cache.get(VERSION_KEY, version)
    return version


def invalidate_registry() -> None:
    cache.set(VERSION_KEY, time.time_ns(), None)


def cached(name: str, build: Callable[[], Any], timeout: int = DEFAULT_TIMEOUT) -> Any:
    """``build()`` computed once per registry version and day (statuses change with the date).

    A build that finds nothing (None) is not stored: anyone can ask for numbers that do not exist, and each
    would otherwise take a cache entry and push real ones out."""
    key = f"registry:{registry_version()}:{timezone.localdate().isoformat()}:{name}"
    value = cache.get(key)
    if value is None:
        value = build()
        if value is not None:
            cache.set(key, value, timeout)
    return value
