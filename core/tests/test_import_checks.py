"""core.import_checks: a ModelForm's unique check made for a chunk of rows in one query gives the
same errors, on the same rows, as each form checking itself."""

import pytest
from django import forms
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core import import_checks
from core.testing import make_organisation
from directory.models import Organisation

pytestmark = pytest.mark.django_db

CodeForm = forms.modelform_factory(Organisation, fields=["credit_code"])


def deferred(data: dict) -> forms.ModelForm:
    form = CodeForm(data=data)
    import_checks.defer(form)
    form.is_valid()
    return form


def test_a_taken_unique_value_gets_the_models_message_on_its_row_only():
    taken = make_organisation().credit_code
    free = free_code()
    rows = [{"credit_code": free}, {"credit_code": taken}, {"credit_code": ""}]
    expected = []
    for data in rows:
        own = CodeForm(data=data)
        own.is_valid()
        expected.append(dict(own.errors))
    chunk = [deferred(data) for data in rows]
    with CaptureQueriesContext(connection) as captured:
        import_checks.check_chunk(chunk)
    assert [dict(form.errors) for form in chunk] == expected
    assert expected[1]["credit_code"] and not expected[0]
    assert len(captured.captured_queries) == 1


def free_code() -> str:
    organisation = make_organisation()
    code = organisation.credit_code
    organisation.delete()
    return code


def test_a_deferred_form_makes_no_query_of_its_own():
    rows = [{"credit_code": free_code()} for _ in range(3)]
    with CaptureQueriesContext(connection) as own:
        assert all(CodeForm(data=data).is_valid() for data in rows)
    with CaptureQueriesContext(connection) as captured:
        assert all(deferred(data).is_valid() for data in rows)
    assert len(own.captured_queries) == 3 and not captured.captured_queries


def test_a_value_is_cleaned_once_per_chunk_and_an_unhashable_one_each_time():
    calls = []

    def clean(value):
        calls.append(value)
        if value == "bad":
            raise forms.ValidationError("坏值 bad value", code="bad")
        return value

    cache = {}
    for value in ("a", "a", "bad", "bad"):
        try:
            assert import_checks.cleaned_once(cache, ("field", str, value), clean, value) == value
        except forms.ValidationError as exc:
            assert exc.messages == ["坏值 bad value"]
    assert calls == ["a", "bad"]
    for _ in range(2):
        assert import_checks.cleaned_once(cache, ("field", list, ["x"]), clean, ["x"]) == ["x"]
    assert calls == ["a", "bad", ["x"], ["x"]] and len(cache) == 2
