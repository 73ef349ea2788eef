"""Who may do what with messages. Views check these names only.

The outbox (release, cancel) belongs to the secretariat alone, deliberately without the superuser shortcut of
``user.has_perm``: a decision letter goes out only when the secretariat says so. Templates are edited in the
admin by platform administrators (and by staff given Django's model permission).
"""

from __future__ import annotations

import rules

from smartcity.accounts.rules import is_platform_admin, is_secretariat

can_manage_outbox = is_secretariat

rules.add_perm("notifications.manage_outbox", can_manage_outbox)
rules.add_perm("notifications.view_messagetemplate", is_platform_admin)
rules.add_perm("notifications.change_messagetemplate", is_platform_admin)
