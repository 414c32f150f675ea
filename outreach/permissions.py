"""Who may do what with events, agreements and cultivation lists (seeing is `visible_to`).

The bureau's officers (and admin) keep all three; a county office files the events held in its
region; organisations read their own agreements and list entries.
"""

from accounts.roles import REGISTER_READERS, Role, keeps_registers
from core.permissions import keeper_or_county, role_in

can_view = role_in(*REGISTER_READERS, Role.ORG_ADMIN)
can_view_events = role_in(*REGISTER_READERS)
can_manage = keeps_registers
can_file_event = role_in(Role.ADMIN, Role.OFFICER, Role.COUNTY)
can_edit_event = keeper_or_county
