from django.utils.translation import gettext_lazy as _

from core.navigation import section

from .permissions import can_view

ITEMS = section(
    _("政务公开"),
    900,
    [
        (_("公开信息发布"), "portal:publication_list", can_view),
        (_("公示异议"), "portal:objection_queue", can_view),
        (_("平台认定和资助名单公示"), "portal:notice_manage_list", can_view),
        (_("指标月度公开数据"), "portal:snapshots", can_view),
        (_("政务公开网站"), "portal:home", lambda user: True),
    ],
)
