"""Who may do what with platforms and enterprise records (seeing is `visible_to`).

Officers (and admin) keep the registers; an org_admin files and edits its own organisation's
platforms, reports and figures; county offices and bureau-wide roles read.
"""

from accounts.roles import REGISTER_READERS, Role, keeps_registers
from core.permissions import keeper_or_owner, role_in, until_accepted

can_view = role_in(*REGISTER_READERS, Role.ORG_ADMIN)
can_manage = can_review = keeps_registers
# Add a record that an organisation reports itself (platform, report, figures).
can_file = role_in(Role.ADMIN, Role.OFFICER, Role.ORG_ADMIN)
can_delete = role_in(Role.ADMIN)
can_edit_platform = keeper_or_owner("host_id")
can_edit_alliance = keeper_or_owner("lead_id")
can_edit_enterprise_report = keeper_or_owner("organisation_id")
can_resubmit = can_edit_incubator_report = keeper_or_owner("platform.host_id")
can_edit_annual_report = until_accepted(can_resubmit)
