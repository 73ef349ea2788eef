"""Sign-in throttling per account and per client address, kept in the shared cache."""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.core.cache import cache


def client_address(request) -> str:
    """The client's address; X-Forwarded-For is believed only behind the configured proxies."""
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [h.strip() for h in forwarded.split(",") if h.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "unknown")


def _keys(email: str, address: str) -> list[tuple[str, int]]:
    account = hashlib.sha256(email.strip().lower().encode()).hexdigest()[:32]
    return [
        (f"signin:account:{account}", settings.LOGIN_THROTTLE_PER_ACCOUNT),
        (f"signin:address:{address}", settings.LOGIN_THROTTLE_PER_ADDRESS),
    ]


def seconds_until_allowed(email: str, address: str) -> int:
    """0 when a sign-in attempt may go ahead, else how long the caller must wait."""
    now = time.time()
    wait = 0.0
    for key, limit in _keys(email, address):
        count, started = cache.get(key, (0, now))
        if count >= limit:
            wait = max(wait, started + settings.LOGIN_THROTTLE_WINDOW_SECONDS - now)
    return max(0, int(wait + 0.999))


def record_failure(email: str, address: str) -> None:
    now = time.time()
    window = settings.LOGIN_THROTTLE_WINDOW_SECONDS
    for key, _limit in _keys(email, address):
        count, started = cache.get(key, (0, now))
        if now - started > window:
            count, started = 0, now
        cache.set(key, (count + 1, started), timeout=int(window - (now - started)) + 1)


def clear_account(email: str) -> None:
    cache.delete(_keys(email, "-")[0][0])
