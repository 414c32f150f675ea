from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("基础框架")

    def ready(self) -> None:
        from django.contrib import admin

        from .admin import audit_every_admin

        # The admin registered every ModelAdmin (autodiscover) before the project's apps are ready.
        audit_every_admin(admin.site)
