from django.utils.translation import gettext_lazy as _

from .navigation import NavItem

ITEMS = [
    NavItem(_("审计日志"), "core:audit_log", lambda u: u.has_role("admin", "supervisor"), _("系统"), 900),
    NavItem(_("API 文档"), "api_docs", lambda u: u.has_role("admin", "officer", "supervisor"), _("系统"), 910),
]
