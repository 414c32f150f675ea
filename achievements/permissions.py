"""Who may do what with the achievement registry (seeing is `visible_to`)."""

from accounts.roles import REGISTER_READERS, Role, keeps_registers
from core.permissions import keeper_or_owner, role_in

can_view = role_in(*REGISTER_READERS, Role.ORG_ADMIN)
# Officers register results of accepted projects and keep the registry.
can_manage = keeps_registers
can_add = role_in(Role.ADMIN, Role.OFFICER, Role.ORG_ADMIN)
# The owner registers and reports the transfer of its own results; officers keep all.
can_edit = can_transfer = keeper_or_owner("owner_id")
