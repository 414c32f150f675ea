from django.utils.translation import gettext_lazy as _

from core.navigation import section

from . import views

ITEMS = section(_("名录"), 200, [views.ORGANISATIONS, views.PEOPLE, views.REGIONS, views.DIVISIONS], step=10)
