from django.utils.translation import gettext_lazy as _

from core.navigation import section

from . import views
from .permissions import can_view

ITEMS = section(
    _("人才与合作"), 800, [views.PROGRAMMES, (_("人才名单"), "talent:talent_list", can_view), views.REPORTS]
)
