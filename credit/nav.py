from django.utils.translation import gettext_lazy as _

from core.navigation import NavItem

from .permissions import can_view_ledger

ITEMS = [NavItem(_("科研诚信"), "credit:event_list", can_view_ledger, _("评审与诚信"), 520)]
