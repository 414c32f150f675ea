from django.utils.translation import gettext_lazy as _

from core.navigation import section

from .views import REGISTRIES

ITEMS = section(_("平台与企业"), 300, REGISTRIES)
