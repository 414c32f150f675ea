from django.utils.translation import gettext_lazy as _

from core.navigation import NavItem

from .permissions import can_view, can_view_events

GROUP = _("人才与合作")
ITEMS = [
    NavItem(_("合作协议"), "outreach:agreement_list", can_view, GROUP, 820),
    NavItem(_("企业培育名单"), "outreach:cultivation_list", can_view, GROUP, 825),
    NavItem(_("科普活动"), "outreach:event_list", can_view_events, _("农村与科普"), 780),
]
