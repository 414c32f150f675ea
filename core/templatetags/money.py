from django import template

from core.money import wan as format_wan

register = template.Library()


@register.filter
def wan(yuan) -> str:
    return format_wan(yuan)
