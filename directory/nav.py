from django.utils.translation import gettext_lazy as _

from core.navigation import NavItem

from .permissions import can_view_directory

ITEMS = [
    NavItem(_("单位"), "directory:organisation_list", can_view_directory, _("名录"), 200),
    NavItem(_("人员"), "directory:person_list", can_view_directory, _("名录"), 210),
    NavItem(_("行政区划"), "directory:region_list", lambda u: True, _("名录"), 220),
    NavItem(_("科室"), "directory:division_list", lambda u: True, _("名录"), 230),
]
