from django.utils.translation import gettext_lazy as _

from core.navigation import section

from . import views
from .permissions import can_use_network, can_view, can_view_literature, can_view_statements

ITEMS = section(
    _("仪器共享"),
    600,
    [
        (_("仪器共享网检索"), "instruments:search", can_use_network),
        views.INSTRUMENTS,
        views.BOOKINGS,
        views.USAGES,
        views.BLACKOUTS,
        views.TRAININGS,
        (_("月度结算单"), "instruments:statements", can_view_statements),
        (_("共享统计"), "instruments:statistics", can_view),
        (_("开放共享评价"), "instruments:evaluation", can_view),
        (_("科技文献共享"), "instruments:literature_list", can_view_literature),
        views.LITERATURE_USES,
    ],
)
