from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("科技计划项目")

    def ready(self) -> None:
        from . import signals  # noqa: F401 - connects the receivers
