"""Values as people read them: booleans as 是/否 (Yes/No in English), never True/False."""

from typing import Any

from django.utils.translation import gettext as _


def yes_no(value: Any) -> Any:
    # Django's own catalogue translates "Yes"/"No" (是/否) in every language it ships.
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    return value
