from django.utils.translation import gettext_lazy as _

from core.navigation import NavItem

from .permissions import can_view

GROUP = _("农村与科普")
ITEMS = [
    NavItem(_("科技富民强县专项行动"), "rural:action_list", can_view, GROUP, 750),
    NavItem(_("科技示范基地"), "rural:base_list", can_view, GROUP, 755),
    NavItem(_("科技特派员"), "rural:commissioner_list", can_view, GROUP, 760),
    NavItem(_("特派员服务日志"), "rural:log_list", can_view, GROUP, 765),
    NavItem(_("特派员年度考评"), "rural:evaluation_list", can_view, GROUP, 770),
    NavItem(_("扶贫帮扶"), "rural:aid_list", can_view, GROUP, 775),
]
