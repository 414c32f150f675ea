"""Django's form renderer, with its plainest widget templates written in Python.

Every `<input>` and `<select>` of a form is a template render (a context, an include of
attrs.html, one more include per option): ~0.25 ms for a text box, ~1 ms for a select of ten, so
the applicant's draft page (45 fields) spent 14 ms and a list page's filter form 6–7 ms on them.
`FormRenderer` writes those templates' markup itself, byte for byte as Django's files give it
(tests compare the two): `input.html`, the templates that only include it (text, number, hidden,
date, checkbox …), and `select.html` with `select_option.html`. Every other template, and any of
these that Django's files stop matching, renders as before.
"""

from pathlib import Path

import django.forms
from django.forms.renderers import DjangoTemplates
from django.template import Context
from django.template.base import render_value_in_context
from django.template.defaultfilters import stringformat
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, mark_safe

WIDGETS = "django/forms/widgets/"
INPUT, SELECT, SELECT_OPTION = WIDGETS + "input.html", WIDGETS + "select.html", WIDGETS + "select_option.html"
# What each of them reads in Django's own files: a fast path stands only while the file still says it.
SOURCES = {
    INPUT: '<input type="{{ widget.type }}" name="{{ widget.name }}"{% if widget.value != None %}'
           " value=\"{{ widget.value|stringformat:'s' }}\"{% endif %}"
           '{% include "django/forms/widgets/attrs.html" %}>\n',
    WIDGETS + "attrs.html": "{% for name, value in widget.attrs.items %}{% if value is not False %}"
                            " {{ name }}{% if value is not True %}=\"{{ value|stringformat:'s' }}\"{% endif %}"
                            "{% endif %}{% endfor %}",
    SELECT: '<select name="{{ widget.name }}"{% include "django/forms/widgets/attrs.html" %}>'
            "{% for group_name, group_choices, group_index in widget.optgroups %}{% if group_name %}\n"
            '  <optgroup label="{{ group_name }}">{% endif %}{% for option in group_choices %}\n'
            "  {% include option.template_name with widget=option %}{% endfor %}{% if group_name %}\n"
            "  </optgroup>{% endif %}{% endfor %}\n</select>\n",
    SELECT_OPTION: "<option value=\"{{ widget.value|stringformat:'s' }}\""
                   '{% include "django/forms/widgets/attrs.html" %}>{{ widget.label }}</option>\n',
}
INCLUDES_INPUT = '{% include "django/forms/widgets/input.html" %}\n'
# How the form renderer's engine renders a variable: autoescape on, settings' l10n and time zone.
ENGINE_CONTEXT = Context(autoescape=True)


def _text(value) -> str:
    """`{{ value }}`: localized, made text, escaped."""
    return render_value_in_context(value, ENGINE_CONTEXT)


def _formatted(value) -> str:
    """`{{ value|stringformat:'s' }}` (the filter keeps a safe string safe, then the output escapes)."""
    text = stringformat(value, "s")
    return conditional_escape(mark_safe(text) if isinstance(value, SafeData) else text)  # as the filter marks it


def _attrs(attrs: dict) -> str:
    return "".join(
        f" {_text(name)}" if value is True else f' {_text(name)}="{_formatted(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def _input(widget: dict) -> str:
    value = f' value="{_formatted(widget["value"])}"' if widget["value"] is not None else ""
    return f'<input type="{_text(widget["type"])}" name="{_text(widget["name"])}"{value}{_attrs(widget["attrs"])}>\n'


def _option(option: dict) -> str:
    return f'<option value="{_formatted(option["value"])}"{_attrs(option["attrs"])}>{_text(option["label"])}</option>\n'


def _select(widget: dict) -> str | None:
    parts = [f'<select name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_text(group_name)}">')
        for option in group_choices:
            if option["template_name"] != SELECT_OPTION:
                return None  # an option of its own template: the whole select renders as before
            parts.append("\n  " + _option(option))
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>\n")
    return "".join(parts)


def _django_source(name: str) -> str:
    path = Path(django.forms.__file__).parent / "templates" / name
    return path.read_text() if path.is_file() else ""


def fast_paths() -> dict:
    """The templates written here, each only while Django's file reads as expected."""
    if any(_django_source(name) != source for name, source in SOURCES.items()):
        return {}
    paths = {INPUT: _input, SELECT: _select}
    for path in sorted((Path(django.forms.__file__).parent / "templates" / WIDGETS).glob("*.html")):
        if path.read_text() == INCLUDES_INPUT:
            paths[WIDGETS + path.name] = lambda widget: _input(widget) + "\n"
    return paths


class FormRenderer(DjangoTemplates):
    """settings.FORM_RENDERER: Django's default renderer, with the fast paths above."""

    fast = fast_paths()

    def render(self, template_name, context, request=None):
        write = self.fast.get(template_name)
        html = write(context["widget"]) if write and request is None and set(context) == {"widget"} else None
        if html is None:
            return super().render(template_name, context, request)
        # Stripped as Django's renderer strips a template's output; every value went through _text or _formatted.
        return mark_safe(html.strip())
