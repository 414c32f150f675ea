from django.utils.translation import gettext_lazy as _

from core.navigation import NavItem

from . import permissions as perms

GROUP = _("评审与诚信")
ITEMS = [
    NavItem(_("我的评审"), "reviews:invitation_list", perms.is_expert, GROUP, 500),
    NavItem(_("评审批次"), "reviews:round_list", perms.can_view_reviews, GROUP, 505),
    NavItem(_("专家库"), "reviews:expert_list", perms.can_view_reviews, GROUP, 510),
    NavItem(
        _("科技奖励"),
        "reviews:nomination_list",
        lambda u: perms.can_view_reviews(u) or u.has_role("org_admin"),
        GROUP,
        515,
    ),
]
