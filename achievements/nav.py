from django.utils.translation import gettext_lazy as _

from core.navigation import NavItem

from .permissions import can_manage, can_view

GROUP = _("中介与成果")
ITEMS = [
    NavItem(_("科技成果登记"), "achievements:achievement_list", can_view, GROUP, 620),
    NavItem(_("待登记成果的验收项目"), "achievements:pending", can_manage, GROUP, 625),
]
