from django.utils.translation import gettext_lazy as _

from core.navigation import section

from . import views
from .permissions import can_manage

ITEMS = section(
    _("中介与成果"), 620, [views.ACHIEVEMENTS, (_("待登记成果的验收项目"), "achievements:pending", can_manage)]
)
