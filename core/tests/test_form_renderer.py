"""core.form_renderer.FormRenderer writes inputs and selects as Django's templates do, byte for byte."""

import datetime

import pytest
from django import forms
from django.conf import settings
from django.forms.renderers import DjangoTemplates, get_default_renderer
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from core import form_renderer
from core.form_renderer import FormRenderer

ATTRS = {"class": "form-control", "required": True, "disabled": False, "data-x": 'a"<b>&', "data-n": 3,
         "data-safe": mark_safe("<i>"), "data-none": None, "data-tuple": (1, 2)}
CHOICES = [("", "---------"), (1, gettext_lazy("草稿")), (2008, 2008), ("x\"<", "<b>&"),
           (gettext_lazy("分组"), [("a", "甲"), ("b", gettext_lazy("已提交"))])]
WIDGETS = [
    forms.TextInput(attrs=ATTRS), forms.NumberInput(attrs={"min": 0.1, "step": "0.1"}), forms.EmailInput(),
    forms.URLInput(), forms.PasswordInput(render_value=True), forms.HiddenInput(), forms.DateInput(),
    forms.DateTimeInput(), forms.TimeInput(), forms.CheckboxInput(attrs={"class": "form-check-input"}),
    forms.FileInput(), forms.Select(attrs=ATTRS, choices=CHOICES), forms.SelectMultiple(choices=CHOICES),
    forms.NullBooleanSelect(), forms.RadioSelect(choices=CHOICES[:3]), forms.Textarea(attrs=ATTRS),
    forms.ClearableFileInput(), forms.CheckboxSelectMultiple(choices=CHOICES[:3]),
]
VALUES = [None, "", "1", 1, 2008, ["1", "b"], "x\"<", 'say "hi" & <go>', 12.5, True, False,
          datetime.date(2008, 3, 4), datetime.datetime(2008, 3, 4, 5, 6, tzinfo=datetime.UTC)]


def test_it_is_the_form_renderer():
    assert settings.FORM_RENDERER == "core.form_renderer.FormRenderer"
    assert isinstance(get_default_renderer(), FormRenderer)


def test_the_fast_paths_cover_django_inputs_and_selects():
    assert {"text", "number", "hidden", "date", "checkbox", "input", "select"} <= {
        name.removeprefix(form_renderer.WIDGETS).removesuffix(".html") for name in FormRenderer.fast}


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("widget", WIDGETS, ids=lambda widget: type(widget).__name__)
def test_every_widget_and_value_renders_as_django_renders_it(widget, language):
    with translation.override(language):
        for value in VALUES:
            if isinstance(widget, forms.NullBooleanSelect) and isinstance(value, list):
                continue  # Django itself refuses a list there (unhashable)
            ours = widget.render("field", value, attrs={"id": "id_field"}, renderer=FormRenderer())
            django = widget.render("field", value, attrs={"id": "id_field"}, renderer=DjangoTemplates())
            assert ours == django, (value, ours, django)


def test_a_select_whose_options_have_their_own_template_renders_through_it():
    class Custom(forms.Select):
        option_template_name = "django/forms/widgets/input_option.html"

    widget = Custom(choices=CHOICES[:3])
    rendered = widget.render("field", "1", renderer=FormRenderer())
    assert rendered == widget.render("field", "1", renderer=DjangoTemplates())
    assert "<option" not in rendered


def test_a_template_django_no_longer_writes_as_expected_loses_its_fast_path(monkeypatch):
    monkeypatch.setitem(form_renderer.SOURCES, form_renderer.INPUT, "something else")
    assert form_renderer.fast_paths() == {}


def test_a_whole_form_renders_as_with_django_renderer():
    class Form(forms.Form):
        name = forms.CharField(max_length=10, help_text="帮助")
        kind = forms.ChoiceField(choices=CHOICES[1:4])
        amount = forms.DecimalField(min_value=0)
        active = forms.BooleanField(required=False)

    bound = Form({"name": "<x>", "kind": "2008", "amount": "abc"})
    assert str(Form(renderer=FormRenderer())) == str(Form(renderer=DjangoTemplates()))
    assert Form(bound.data, renderer=FormRenderer()).as_div() == Form(bound.data, renderer=DjangoTemplates()).as_div()
