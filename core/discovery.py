from importlib import import_module
from types import ModuleType

from django.conf import settings


def app_modules(name: str, app_names: list[str] | None = None) -> list[ModuleType]:
    """The `<app>.<name>` modules that exist among the project's own apps, in order."""
    modules = []
    for app in app_names if app_names is not None else settings.LOCAL_APPS:
        try:
            modules.append(import_module(f"{app}.{name}"))
        except ModuleNotFoundError as exc:
            if exc.name != f"{app}.{name}":
                raise
    return modules
