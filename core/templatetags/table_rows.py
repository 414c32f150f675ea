"""A django-tables2 row rendered in one Python call instead of a template loop per cell.

The stock bootstrap5 template renders each cell through template nodes and rebuilds the column's
`attrs` (th, td and tf, with their classes) for every cell: about a third of a 25-row list page's
CPU. `table_row` writes the same markup, byte for byte, from the same values: the cells still come
from `BoundRow.items()` (accessors, choices' labels, render methods, links), and a column whose td
attributes depend on the record (a callable) is still asked per cell.
"""

from django import template
from django.template.base import render_value_in_context
from django.templatetags.l10n import localize, unlocalize
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django_tables2 import Table

register = template.Library()

# The stock template's indentation around a row and its cells (django_tables2/bootstrap5.html).
ROW_OPEN = "\n                    <tr {}>\n                        "
ROW_CLOSE = "\n                    </tr>\n                    "
CELL = "\n                            <td {}>{}</td>\n                        "


@register.simple_tag(takes_context=True)
def table_row(context, row) -> str:
    table = row.table
    cells = format_html_join(
        "", CELL, ((_td_attrs(table, column), _cell(context, column, cell)) for column, cell in row.items())
    )
    return mark_safe(ROW_OPEN.format(row.attrs.as_html()) + cells + ROW_CLOSE)  # the attributes and cells are escaped


def _cell(context, column, cell) -> str:
    if column.localize is not None:
        cell = localize(cell) if column.localize else unlocalize(cell)
    return mark_safe(render_value_in_context(cell, context))  # escaped by it, as {{ cell }} is


def _td_attrs(table, column) -> str:
    """A column's td attributes, computed once per table unless they depend on the record."""
    fixed = table.__dict__.setdefault("_fixed_td_attrs", {})
    if column.name not in fixed:
        fixed[column.name] = None if _per_record(table, column) else column.attrs["td"].as_html()
    return fixed[column.name] if fixed[column.name] is not None else column.attrs["td"].as_html()


def _per_record(table, column) -> bool:
    if type(table).get_column_class_names is not Table.get_column_class_names:
        return True  # a table's own class names may look at the row being rendered
    attrs = {**table.attrs, **column.column.attrs}
    td = attrs.get("td", attrs.get("cell", {}))
    return any(callable(value) for value in td.values())
