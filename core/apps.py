from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("基础框架")

    def ready(self) -> None:
        from django.contrib import admin
        from django.db.models.signals import post_migrate
        from django_tables2 import utils as tables_utils
        from django_tables2.columns import templatecolumn

        from . import choices
        from .admin import audit_every_admin
        from .search_index import ensure_all
        from .tables import cached_signature, compiled_template

        # The admin registered every ModelAdmin (autodiscover) before the project's apps are ready.
        audit_every_admin(admin.site)
        # Once per migrate (sender: this app), after every app's migrations have run.
        post_migrate.connect(ensure_all, sender=self, dispatch_uid="core.search_index")
        # Every table cell asks django-tables2 for a callable's signature (core.tables).
        tables_utils.signature = cached_signature
        # ... and a TemplateColumn (every date column) compiled its template per cell.
        templatecolumn.Template = compiled_template
        # A choice field's label from a table built once per field, not per call (core.choices).
        choices.install()
