from django.utils.translation import gettext_lazy as _

from core.navigation import NavItem

from .permissions import can_import_plan, can_view_plans

ITEMS = [
    NavItem(_("工作要点看板"), "plans:dashboard", can_view_plans, "", 10),
    NavItem(_("年度工作要点"), "plans:plan_list", can_view_plans, _("工作要点"), 20),
    NavItem(_("重点工作"), "plans:work_item_list", can_view_plans, _("工作要点"), 30),
    NavItem(_("导入要点原文"), "plans:plan_import", can_import_plan, _("工作要点"), 40),
]
