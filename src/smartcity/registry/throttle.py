"""Per-address rate limit of the public verification (page and API), in the shared cache.

A fixed one-minute window: the first request of a minute creates the counter, later ones increment it. The
cache key holds an HMAC of the address, never the address itself, and lives a minute; nothing else about
the caller is kept or logged. (With the database cache two simultaneous first requests may both count as
one; with Redis the increment is atomic. Either way the limit holds to within a request or two.)
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import time

from django.conf import settings
from django.core.cache import cache

from smartcity.accounts.throttle import client_address

WINDOW_SECONDS = 60


def now() -> float:
    return time.time()


def bucket(address: str) -> str:
    """The unit that is limited: an IPv4 address, or the /64 network of an IPv6 address (one subscriber's
    allocation; counting single IPv6 addresses would let anyone rotate through billions of them)."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def _key(address: str, window: int) -> str:
    unit = bucket(address)
    digest = hmac.new(settings.SECRET_KEY.encode(), f"verify:{unit}".encode(), hashlib.sha256).hexdigest()
    return f"verify-rate:{digest[:32]}:{window}"


def seconds_to_wait(request) -> int:
    """Count this request against its address; 0 when it may go ahead, else the seconds until it may."""
    limit = settings.VERIFY_RATE_PER_MINUTE
    if limit <= 0:
        return 0
    moment = now()
    window = int(moment // WINDOW_SECONDS)
    key = _key(client_address(request), window)
    wait = max(1, int((window + 1) * WINDOW_SECONDS - moment + 0.999))
    count = cache.get(key)
    if count is not None and count >= limit:
        return wait  # refused requests are not counted: one read, no write
    if count is None and cache.add(key, 1, WINDOW_SECONDS + 5):
        return 0
    try:
        count = cache.incr(key)
    except ValueError:  # the window's counter expired in between
        cache.set(key, 1, WINDOW_SECONDS + 5)
        count = 1
    return 0 if count <= limit else wait
