from django import template

from core.money import wan as format_wan
from core.money import wan_input as format_wan_input

register = template.Library()


@register.filter
def wan(yuan) -> str:
    return format_wan(yuan)


@register.filter
def wan_input(yuan) -> str:
    return format_wan_input(yuan)
