from django.utils.translation import gettext_lazy as _

from core.navigation import NavItem

from . import permissions

GROUP = _("县区考核")
ITEMS = [
    NavItem(_("科技进步考核"), "assessment:assessment_list", permissions.can_view, GROUP, 700),
    NavItem(_("县区填报"), "assessment:report_list", lambda u: u.is_bureau_wide or bool(u.region_codes), GROUP, 701),
    NavItem(_("考核方案"), "assessment:scheme_list", permissions.can_view, GROUP, 702),
]
