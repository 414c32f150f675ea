from django import template

from core.display import yes_no

register = template.Library()


@register.filter
def yesno_label(value):
    """{{ obj.flag|yesno_label }} → 是/否, Yes/No in English."""
    return yes_no(value)
