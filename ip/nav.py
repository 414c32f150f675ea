from django.utils.translation import gettext_lazy as _

from core.navigation import section

from . import views
from .permissions import can_view

ITEMS = section(
    _("知识产权"),
    400,
    [
        views.PATENTS,
        (_("专利统计"), "ip:statistics", can_view),
        views.SUBSIDIES,
        views.POLICIES,
        views.ADVANTAGES,
        views.POPULATION,
    ],
)
