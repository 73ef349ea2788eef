"""Links a resource may point at: http or https URLs to public addresses only.

The host is resolved when the link is saved and every address it resolves to must be public (no loopback,
private, link-local, shared, multicast or reserved range). The platform never fetches a link itself — people's
browsers and harvesters do — so DNS rebinding after the check cannot turn a link into a request from our
servers; the check keeps the catalogue from advertising internal hosts. A name that does not resolve at all is
accepted (it may be published before its server), and checked again on every save.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from smartcity.core.errors import CheckFailed

MAX_URL_LENGTH = 2000


def check_link(url: str) -> str:
    """The URL, stripped, or CheckFailed saying why it cannot be published."""
    url = (url or "").strip()
    if not url:
        raise CheckFailed("missing", _("Give the link's address."))
    if len(url) > MAX_URL_LENGTH:
        raise CheckFailed("too_long", _("The address is longer than %(n)s characters."), {"n": MAX_URL_LENGTH})
    if any(ch.isspace() or ord(ch) < 32 for ch in url):
        raise CheckFailed("bad_character", _("The address contains spaces or control characters."))
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise CheckFailed("scheme", _("Only http and https addresses can be published."))
    host = (parts.hostname or "").rstrip(".")
    if not host or parts.username or parts.password:
        raise CheckFailed("host", _("The address needs a host name and must not contain a user name or password."))
    try:
        port = parts.port
    except ValueError as exc:
        raise CheckFailed("port", _("The address has an invalid port.")) from exc
    for address in _addresses(host, port):
        if not address.is_global or address.is_multicast:
            raise CheckFailed(
                "private_address",
                _("The address points at a private or local network (%(address)s), which the public cannot reach."),
                {"address": str(address)},
            )
    return url


def _addresses(host: str, port: int | None) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass
    if host.lower() == "localhost" or host.lower().endswith(".localhost"):
        return [ipaddress.ip_address("127.0.0.1")]
    if not settings.CATALOGUE_RESOLVE_LINKS:
        return []
    try:
        infos = socket.getaddrinfo(host, port or 443, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return []
    return [ipaddress.ip_address(info[4][0].split("%", 1)[0]) for info in infos]
