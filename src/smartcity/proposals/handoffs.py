"""What proposals hand to the apps above them (see `smartcity.core.handoffs`)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from smartcity.core.handoffs import Handoff

from .models import Proposal

# A revised proposal came back (proposal, its new version number, actor), inside the submission's lock and
# transaction. The evaluation opens the next round for the domains that fell short and returns its number,
# which the submission records in its audit event.
revision_resubmitted: Handoff[[Proposal, int, Any], int] = Handoff("proposals.revision_resubmitted", single=True)

# Who else may see a proposal besides its organisation and the program's roles: each handler returns a
# condition on Proposal for the user (the evaluation: the working-group members assigned to it).
also_visible_to: Handoff[[Any], Q] = Handoff("proposals.also_visible_to")
