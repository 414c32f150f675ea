from django.utils.translation import gettext_lazy as _

from core.navigation import section

from . import views

ITEMS = [
    *section(_("人才与合作"), 820, [views.AGREEMENTS, views.CULTIVATION]),
    *section(_("农村与科普"), 780, [views.EVENTS]),
]
