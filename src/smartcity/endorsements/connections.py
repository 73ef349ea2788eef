"""What endorsements do when certification hands something off; connected by `EndorsementsConfig.ready()`."""

from __future__ import annotations

from smartcity.certification.handoffs import certificate_changed

from .services import suspend_lapsed_endorsements


def follow_certificate(actor, certificate) -> int:
    """Suspend the approved endorsements of a certificate that stopped being current; restore them when it is
    current again (reinstated, renewed)."""
    return suspend_lapsed_endorsements(actor=actor, certificates=[certificate])


def connect() -> None:
    certificate_changed.connect(follow_certificate)
