"""The rows of a form whose fields they share are validated by a plan (core.import_plan), and a large
sheet is read by a second process (core.xlsx._reading): every bad row still gets the errors Django's
own form gives it, with the same text, on the same row and column, and nothing is written."""

from decimal import Decimal

import pytest
from django import forms
from django.forms.models import model_to_dict

from core import import_checks, import_lookups, import_plan, xlsx
from core.models import AuditEntry, Job, NotificationPreference
from core.testing import make_person
from ip import patent_numbers
from ip.forms import PatentForm
from ip.models import Patent, SubsidyPolicy
from ip.views import PATENT_COLUMNS

from .test_patent_import_sheet_checks import good_rows, run
from .test_patents import row


class PolicyForm(forms.ModelForm):
    sheet_shares_fields = True

    class Meta:
        model = SubsidyPolicy
        fields = ["year", "title", "total_budget", "cap_per_applicant", "is_open", "requires_notice"]


def policy(**overrides) -> dict:
    return {"year": "2008", "title": "专利资助", "total_budget": "100000", "cap_per_applicant": "5000",
            "is_open": "on", "requires_notice": "", **overrides}


POLICY_ROWS = [
    policy(year="2001"),
    policy(year="二〇〇八年"),  # a bad value
    policy(year="-5"),  # out of the field's range
    policy(year="2002", total_budget="-1"),  # under the model field's MinValueValidator
    policy(year="2003", title="<script>alert(1)</script>"),  # text, kept as typed
    policy(year="2010"),  # taken in the table
    policy(year="2004", title=""),  # required
    policy(year="2005", cap_per_applicant="1e400"),
]


def own_errors(form_class, records: list[dict]) -> list[dict]:
    """Each row checked by its own form, as the edit page checks it (queries and all)."""
    return [{k: list(v) for k, v in form_class(data=record).errors.items()} for record in records]


def planned_errors(form_class, records: list[dict]) -> tuple[list[dict], list[forms.ModelForm]]:
    build = import_checks.row_forms(form_class, {}, {})
    chunk = [build(record) for record in records]
    for form in chunk:
        form.is_valid()
    import_checks.check_chunk(chunk)
    return [{k: list(v) for k, v in form.errors.items()} for form in chunk], chunk


@pytest.mark.django_db
def test_the_plan_gives_each_row_the_errors_and_the_record_of_djangos_own_form():
    SubsidyPolicy.objects.create(year=2010, title="已有", total_budget=Decimal(1), cap_per_applicant=Decimal(1))
    expected = own_errors(PolicyForm, POLICY_ROWS)
    got, chunk = planned_errors(PolicyForm, POLICY_ROWS)
    assert all(getattr(form, "import_plan", None) is not None for form in chunk)  # the plan's path, not Django's
    assert got == expected
    assert [bool(e) for e in expected] == [False, True, True, True, False, True, True, True]
    for record, form in zip(POLICY_ROWS, chunk, strict=True):
        if not form.errors:
            own = PolicyForm(data=record)
            assert own.is_valid()
            assert model_to_dict(form.instance) == model_to_dict(own.instance)
    assert SubsidyPolicy.objects.count() == 1


def test_a_form_or_model_that_does_a_planned_step_its_own_way_is_not_planned():
    class OwnPostClean(PolicyForm):
        def _post_clean(self):
            super()._post_clean()

    assert import_plan.plan_for(PolicyForm()) is not None
    assert import_plan.plan_for(OwnPostClean()) is None


def test_a_new_instance_is_the_one_the_model_makes_with_defaults_computed_per_instance():
    assert import_plan._instance_factory(Job) is Job  # a FileField's descriptor: the model's own __init__
    new = import_plan._instance_factory(NotificationPreference)
    assert new is not NotificationPreference
    first, second, own = new(), new(), NotificationPreference()
    assert list(first.__dict__) == list(own.__dict__)
    assert {k: v for k, v in first.__dict__.items() if k != "_state"} == {
        k: v for k, v in own.__dict__.items() if k != "_state"}
    assert first.email_events == [] and first.email_events is not second.email_events  # default=list: one each
    assert first._state.adding and first._state.db is None and first._state is not second._state


def bad_sheet(org) -> list[list]:
    rows = good_rows(org, 12)
    rows[1] = row(org, rows[1][0], filing_date="2008-13-01")  # a bad value
    rows[4] = row(org, "<script>alert(1)</script>")  # a script tag as the number
    rows[6] = row(org, "CN" + rows[2][0])  # a duplicate within the sheet
    rows[8] = row(org, patent_numbers.make(2008, "1", 400))  # a duplicate of a registered patent
    rows[10] = row(None, rows[10][0], applicant_person="99999999999999999999999")  # out of range
    return rows


def test_through_the_plan_and_the_reading_process_a_bad_sheet_gets_the_errors_of_before(users, org_a, monkeypatch):
    assert run(users["officer"], good_rows(org_a, 1, serial=400)).ok
    monkeypatch.setattr(xlsx, "CHUNK", 4)
    # Django's ModelForm per row, as before
    monkeypatch.setattr(import_plan, "plan_for", lambda template, values=None: None)
    before = run(users["officer"], bad_sheet(org_a))
    monkeypatch.undo()
    monkeypatch.setattr(xlsx, "CHUNK", 4)
    monkeypatch.setattr(xlsx, "READING_PROCESS_BYTES", 0)  # read by a second process
    now = run(users["officer"], bad_sheet(org_a))
    assert [str(e) for e in now.errors] == [str(e) for e in before.errors]
    assert [e.row for e in now.errors] == [3, 6, 8, 10, 12, 12]  # row 12: the person, then the name
    assert not now.ok and now.created == 0
    assert Patent.objects.count() == 1 and AuditEntry.objects.filter(action="import").count() == 1


def test_a_sheet_read_by_the_second_process_is_written_whole(users, org_a, monkeypatch):
    monkeypatch.setattr(xlsx, "CHUNK", 4)
    monkeypatch.setattr(xlsx, "READING_PROCESS_BYTES", 0)
    rows = good_rows(org_a, 10)
    rows[5] = row(org_a, rows[5][0], filing_date="2008-13-01")
    rows.insert(5, [None] * len(rows[0]))  # a blank row is skipped, the rows after keep their numbers
    assert [e.row for e in run(users["officer"], rows).errors] == [8]
    del rows[6]
    result = run(users["officer"], rows)
    assert result.ok and result.created == 9
    assert sorted(Patent.objects.values_list("number", flat=True)) == sorted(r[0] for r in rows if r[0])


def test_too_many_rows_read_by_the_second_process_refuse_the_sheet(users, org_a, monkeypatch):
    monkeypatch.setattr(xlsx, "CHUNK", 4)
    monkeypatch.setattr(xlsx, "READING_PROCESS_BYTES", 0)
    monkeypatch.setattr(xlsx, "MAX_IMPORT_ROWS", 9)
    result = run(users["officer"], good_rows(org_a, 10))
    assert [e.row for e in result.errors] == [11] and "9" in result.errors[0].message
    assert not Patent.objects.exists()


def state_of(instance) -> tuple:
    planned = ("_state", "clean_fields", "get_constraints")  # the plan's own steps, set on its instances
    values = {k: v for k, v in instance.__dict__.items() if k not in planned}
    return values, instance._state.db, instance._state.adding, dict(instance._state.fields_cache)


def patent_record(org, number: str, **overrides) -> dict:
    values = dict(zip((c.field for c in PATENT_COLUMNS), row(org, number), strict=True))
    return {k: "" if v is None else str(v) for k, v in {**values, **overrides}.items()}


def test_a_planned_row_sets_its_record_as_djangos_form_does(users, org_a):
    """The plan sets plain fields in the instance's __dict__ and a foreign key as its descriptor
    does (key, cached record, databases): the same instance as construct_instance builds."""
    person = make_person(org_a)
    records = [
        patent_record(org_a, patent_numbers.make(2008, "1", 41)),
        patent_record(None, patent_numbers.make(2008, "2", 42), kind="", applicant_person=str(person.pk)),
        patent_record(None, patent_numbers.make(2008, "1", 43), applicant_name="李四", region=org_a.region.code),
    ]
    kwargs = {"user": users["officer"]}
    build = import_checks.row_forms(PatentForm, kwargs, import_lookups.prefetch(PatentForm(**kwargs), records))
    for record in records:
        planned, own = build(record), PatentForm(data=record, **kwargs)
        assert planned.import_plan is not None and planned.is_valid() and own.is_valid(), planned.errors
        assert state_of(planned.instance) == state_of(own.instance)
        assert planned.instance.region_id == org_a.region_id and planned.instance._state.db == "default"


class NoOpinion:
    """A database router that decides nothing (Django's defaults apply), as a project's might."""


def test_a_relation_is_set_by_its_descriptor_where_the_plan_cannot(users, org_a, settings):
    template = PatentForm(user=users["officer"])
    setting = {name: how for name, _field, _default, how in import_plan._model_fields_set(template)}
    assert setting["title"] == import_plan._PLAIN and isinstance(setting["region"], import_plan._Relation)
    region = setting["region"]
    elsewhere = type(org_a.region)(pk=org_a.region_id)
    elsewhere._state.db = "other"
    patent = Patent()
    patent._state.db = "default"
    assert not import_plan._set_relation(patent, region, elsewhere)  # Django's descriptor raises its error
    assert not import_plan._set_relation(Patent(), region, org_a)  # not a region: the descriptor's error
    patent = Patent()
    assert import_plan._set_relation(patent, region, None) and patent.region_id is None
    assert not import_plan._set_relation(patent, region, org_a.region)  # cached already: the descriptor
    settings.DATABASE_ROUTERS = [f"{__name__}.NoOpinion"]  # a router may decide: the descriptor, always
    assert import_plan._setting(Patent, Patent._meta.get_field("region")) is None
    assert import_plan._setting(Patent, Patent._meta.get_field("title")) == import_plan._PLAIN


def test_a_select_read_by_the_plan_refuses_what_djangos_form_refuses(users, org_a):
    """Status, type, applicant and county (select widgets) are read as data.get(name) and cleaned once
    per distinct value: a bad value gets the edit form's own message."""
    records = [
        patent_record(org_a, patent_numbers.make(2008, "1", 51), status="审查中"),
        patent_record(org_a, patent_numbers.make(2008, "1", 52), kind="发明专利"),
        patent_record(None, patent_numbers.make(2008, "1", 53), applicant_name="李四", region="999999"),
        patent_record(None, patent_numbers.make(2008, "1", 54), applicant_organisation="91410300MA00000000"),
        patent_record(org_a, patent_numbers.make(2008, "1", 55), status="已受理"),
        patent_record(org_a, patent_numbers.make(2008, "1", 56), status="审查中"),
    ]
    kwargs = {"user": users["officer"]}
    template = PatentForm(**kwargs)
    assert all(plainly for name, _f, plainly, _c in import_plan.plan_for(template).reads
               if name in ("kind", "status", "applicant_organisation", "region"))
    build = import_checks.row_forms(PatentForm, kwargs, import_lookups.prefetch(template, records))
    for record in records:
        planned, own = build(record), PatentForm(data=record, **kwargs)
        assert planned.is_valid() is own.is_valid()
        assert {k: list(v) for k, v in planned.errors.items()} == {k: list(v) for k, v in own.errors.items()}
    assert [bool(build(r).errors) for r in records] == [True, True, True, True, False, True]


def test_a_value_is_cleaned_once_per_sheet_not_once_per_chunk(users, org_a, monkeypatch):
    """The chunks share the first chunk's fields and what they cleaned: an applicant met in every
    chunk is looked up and checked once; the rows are written as before."""
    monkeypatch.setattr(xlsx, "CHUNK", 4)
    calls, clean = [], forms.ModelChoiceField.clean

    def counted(self, value):
        calls.append(value)
        return clean(self, value)

    monkeypatch.setattr(forms.ModelChoiceField, "clean", counted)
    result = run(users["officer"], good_rows(org_a, 12))
    assert result.ok and result.created == 12 == Patent.objects.filter(applicant_organisation=org_a).count()
    assert calls.count(org_a.credit_code) == 1


def test_the_values_kept_for_a_sheet_are_bounded(monkeypatch):
    monkeypatch.setattr(import_plan.SheetValues, "KEPT", 3)
    values = import_plan.SheetValues().for_chunk(["number", "status"])
    values.form["number"].update({"1": "1", "2": "2", "3": "3"})
    values.form["status"].update({"已受理": "filed"})
    values.model.update({("ip.Patent.number", str, "1"): "1"})
    values.for_chunk(["number", "status"])
    assert values.form == {"number": {}, "status": {"已受理": "filed"}} and len(values.model) == 1
