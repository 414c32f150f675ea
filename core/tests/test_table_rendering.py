"""A list page's table: core/table.html (rows written by core.templatetags.table_rows), template
columns compiled once (core.tables.compiled_template) and choice labels from a per-field table
(core.choices) give the markup django-tables2's stock bootstrap5 template gives, byte for byte."""

import datetime

import django_tables2 as tables
import pytest
from django.conf import settings
from django.template import Template
from django.test import RequestFactory
from django.utils import translation
from django.utils.safestring import mark_safe
from django_tables2.columns import templatecolumn

from core import choices
from core.tables import DateTimeColumn, compiled_template
from projects.models import Project
from projects.tables import ProjectTable

STOCK_TEMPLATE = "django_tables2/bootstrap5.html"


class EveryKindOfCell(tables.Table):
    number = tables.Column(linkify=True)
    title = tables.Column(attrs={"td": {"data-pk": lambda record: record.pk, "class": "wide"}})
    status = tables.Column()  # a choice field: its label
    status_changed_at = tables.DateTimeColumn(format="Y-m-d H:i")
    created_at = DateTimeColumn(format="Y-m-d H:i")  # ours, beside the stock one
    updated_at = DateTimeColumn(short=False, default=mark_safe("<i>—</i>"))
    year = tables.Column(localize=False)
    requested_funding = tables.Column(localize=True)
    field = tables.Column(default="—")  # empty: the default
    summary = tables.TemplateColumn("<b>{{ value }}</b>{{ record.pk }}")

    class Meta:
        model = Project
        fields = ["number", "title", "status", "status_changed_at", "created_at", "updated_at", "year",
                  "requested_funding", "field", "summary"]
        row_attrs = {"data-status": lambda record: record.status}


def projects() -> list[Project]:
    changed = datetime.datetime(2008, 3, 4, 15, 30, tzinfo=datetime.UTC)  # 23:30 in Beijing
    return [
        Project(pk=pk, number=f"2008-{pk:03d}", title=f"<轴承> {pk}", status=status, status_changed_at=changed,
                created_at=changed, updated_at=changed if pk != 2 else None, year=2008,
                requested_funding=1234567 + pk, field="", summary="& 摘要")
        for pk, status in [(1, "draft"), (2, "submitted"), (3, "no-such-state")]
    ]


def both_renderings(table_class, rows, monkeypatch) -> tuple[str, str]:
    request = RequestFactory().get("/projects/")
    ours = table_class(rows).as_html(request)
    with monkeypatch.context() as stock:  # django-tables2 and Django as they come
        stock.setattr(templatecolumn, "Template", Template)
        stock.setattr(DateTimeColumn, "render", tables.DateTimeColumn.render)
        for model_field in Project._meta.fields:
            if model_field.choices:
                stock.setattr(Project, f"get_{model_field.name}_display",
                              lambda self, f=model_field: choices._uncached_display(self, f))
        table = table_class(rows)
        table.template_name = STOCK_TEMPLATE
        return ours, table.as_html(request)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_every_kind_of_cell_is_written_as_the_stock_template_writes_it(language, monkeypatch):
    assert settings.DJANGO_TABLES2_TEMPLATE == "core/table.html"
    with translation.override(language):
        ours, stock = both_renderings(EveryKindOfCell, projects(), monkeypatch)
    assert ours == stock
    assert 'data-pk="3" class="wide"' in ours and 'data-status="submitted"' in ours
    assert "&lt;轴承&gt; 1" in ours and "<b>&amp; 摘要</b>1" in ours and ">—</td>" in ours
    assert ours.count(">2008-03-04 23:30</td>") == 6 and "><i>—</i></td>" in ours


def test_the_project_list_table_is_written_as_the_stock_template_writes_it(monkeypatch):
    ours, stock = both_renderings(ProjectTable, projects(), monkeypatch)
    assert ours == stock
    assert ours.count("<td ") == 3 * len(ProjectTable.base_columns)


def test_a_template_column_is_compiled_once_per_code():
    assert templatecolumn.Template is compiled_template
    code = '{{ value|date:"Y-m-d"|default:default }}'
    assert compiled_template(code) is compiled_template(code)
    assert compiled_template("{{ value }}") is not compiled_template(code)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_every_choice_label_is_the_one_django_gives(language):
    from django.apps import apps

    checked = 0
    with translation.override(language):
        for model in apps.get_models():
            for field in model._meta.fields:
                if not field.choices or not isinstance(field.choices, list | tuple):
                    continue
                for value in [choice for choice, _ in field.flatchoices] + ["no-such-choice", None]:
                    instance = model(**{field.attname: value})
                    expected = choices._uncached_display(instance, field)
                    assert getattr(instance, f"get_{field.name}_display")() == expected
                    checked += 1
    assert checked > 500


def test_a_label_follows_the_language_of_the_request():
    draft = Project(status="draft")
    with translation.override("zh-hans"):
        assert draft.get_status_display() == "草稿"
    with translation.override("en"):
        assert draft.get_status_display() != "草稿"


def test_reassigned_or_callable_choices_are_read_again(monkeypatch):
    field = Project._meta.get_field("status")
    draft = Project(status="draft")
    draft.get_status_display()
    monkeypatch.setattr(field, "choices", [("draft", "new label")])
    assert draft.get_status_display() == "new label"
    monkeypatch.setattr(field, "choices", type("Later", (), {"__iter__": lambda self: iter([("draft", "later")])})())
    assert draft.get_status_display() == "later"
