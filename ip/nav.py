from django.utils.translation import gettext_lazy as _

from core.navigation import NavItem

from .permissions import can_view

ITEMS = [
    NavItem(_("专利"), "ip:patent_list", can_view, _("知识产权"), 400),
    NavItem(_("专利统计"), "ip:statistics", can_view, _("知识产权"), 405),
    NavItem(_("专利资助申请"), "ip:subsidy_list", can_view, _("知识产权"), 410),
    NavItem(_("专利资助政策"), "ip:policy_list", can_view, _("知识产权"), 415),
    NavItem(_("知识产权优势单位"), "ip:advantage_list", can_view, _("知识产权"), 420),
    NavItem(_("年末人口"), "ip:population_list", can_view, _("知识产权"), 425),
]
