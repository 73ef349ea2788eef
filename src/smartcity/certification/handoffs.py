"""What certification hands to the apps above it (see `smartcity.core.handoffs`)."""

from __future__ import annotations

from typing import Any

from smartcity.core.handoffs import Handoff

from .models import Certificate

# A certificate was issued, changed state (suspended, reinstated, revoked) or renewed: (actor, certificate),
# inside the change's lock and transaction. Endorsements follow their certificate; the registry drops its cache.
certificate_changed: Handoff[[Any, Certificate], object] = Handoff("certification.certificate_changed")
