from django.utils.translation import gettext_lazy as _

from core.navigation import section

from .views import REGISTRIES

ITEMS = section(_("农村与科普"), 750, REGISTRIES)
