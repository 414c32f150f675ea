"""Agencies, their services and evaluations: role scope, every transition (allowed, forbidden,
audit, credit), the blacklist and qualification rules, bad input."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from agencies import services
from agencies.forms import AgencyEvaluationForm, AgencyForm, AgencyServiceForm
from agencies.models import Agency, AgencyEvaluation, AgencyService
from agencies.workflow import SERVICE_TRANSITIONS
from core.models import AuditEntry
from core.testing import assert_statuses
from core.workflow import rows
from credit.models import CreditEvent
from credit.services import is_blacklisted, record_kind
from projects.tests.helpers import make_project
from projects.workflow import State
from registries.tests.roles import expect

from .conftest import make_service

pytestmark = pytest.mark.django_db
READ = expect(200, applicant=403, expert=403, public=403)


def test_agency_pages_by_role(users, agency_a, agency_b):
    assert_statuses(users, reverse("agencies:agency_list"), READ)
    assert_statuses(users, reverse("agencies:agency_detail", args=[agency_a.pk]), READ)
    assert_statuses(
        users, reverse("agencies:agency_detail", args=[agency_b.pk]), {**READ, "county": 404, "org_admin": 404}
    )
    officers = {"admin": 200, "officer": 200}
    assert_statuses(users, reverse("agencies:agency_add"), expect(403, **officers))
    # The agency's own org_admin keeps its qualifications; another's agency is out of sight.
    assert_statuses(users, reverse("agencies:agency_edit", args=[agency_a.pk]), expect(403, **officers, org_admin=200))
    assert_statuses(users, reverse("agencies:agency_import"), expect(403, **officers))
    assert_statuses(users, "/api/agencies/agencies/", {**READ, "anonymous": 401})
    assert_statuses(users, f"/api/agencies/agencies/{agency_b.pk}/", {"officer": 200, "county": 404, "org_admin": 404})


def test_client_sees_services_it_received(users, org_a, agency_b):
    service = make_service(agency_b, org_a)  # an agency in 新安县 served the org in 涧西区
    other = make_service(agency_b, agency_b.organisation)
    url = reverse("agencies:service_detail", args=[service.pk])
    assert_statuses(users, url, {**READ, "county": 200, "org_admin": 200})
    assert_statuses(users, reverse("agencies:service_detail", args=[other.pk]), {"county": 404, "org_admin": 404})
    # The client may read, not edit the agency's record.
    assert_statuses(users, reverse("agencies:service_edit", args=[service.pk]), {"org_admin": 403, "officer": 200})


def agency_data(org, **overrides):
    data = {"name": "洛阳市专利事务所", "kind": "知识产权代理服务机构", "level": "市级",
            "organisation": org.credit_code, "qualification": "专利代理机构执业许可", "qualification_no": "4101",
            "valid_from": "2006-01-01", "valid_until": "2011-12-31", "contact": "王敏", "description": ""}
    return {**data, **overrides}


def test_agency_form_rules(users, org_a):
    form = AgencyForm(data=agency_data(org_a))
    assert form.is_valid(), form.errors
    agency = services.save_agency(users["officer"], form)
    assert agency.kind == "ip_agency" and AuditEntry.objects.filter(action="create", object_id=str(agency.pk))
    for overrides, field in [
        ({"organisation": "91410300MA3X0000X0"}, "organisation"),  # malformed USCC
        ({"kind": "律师事务所"}, "kind"),
        ({"valid_until": "2005-01-01"}, "__all__"),
    ]:
        bad = AgencyForm(data=agency_data(org_a, **overrides))
        assert not bad.is_valid() and field in bad.errors, (overrides, bad.errors)
    with pytest.raises(PermissionDenied):  # only officers register agencies
        services.save_agency(users["org_admin"], _valid(AgencyForm(data=agency_data(org_a, name="另一家"))))
    assert Agency.objects.count() == 1


def _valid(form):
    assert form.is_valid(), form.errors
    return form


def test_script_is_shown_as_text(users, org_a):
    agency = services.save_agency(users["officer"], _valid(AgencyForm(data=agency_data(
        org_a, name="<script>alert(1)</script>中介"))))
    client = Client()
    client.force_login(users["officer"])
    body = client.get(reverse("agencies:agency_detail", args=[agency.pk])).content.decode()
    assert "<script>alert(1)</script>" not in body and "&lt;script&gt;" in body


def service_data(agency, client_org, **overrides):
    data = {"agency": agency.pk, "kind": "科技查新", "client": client_org.credit_code, "project": "",
            "title": "查新报告", "rendered_on": "2008-05-01", "fee": "800"}
    return {**data, **overrides}


def test_service_rules(users, org_a, agency_a, buyer_a):
    form = AgencyServiceForm(data=service_data(agency_a, buyer_a), user=users["org_admin"])
    service = services.save_service(users["org_admin"], _valid(form))
    assert service.status == "recorded"
    assert AuditEntry.objects.filter(action="create", object_id=str(service.pk)).exists()
    for overrides, field in [
        ({"fee": "-1"}, "fee"),
        ({"rendered_on": "2999-01-01"}, "rendered_on"),
        ({"kind": "代理项目申报"}, "project"),  # an application service names its application
        ({"client": "not-a-code"}, "client"),
    ]:
        bad = AgencyServiceForm(data=service_data(agency_a, buyer_a, **overrides), user=users["officer"])
        assert not bad.is_valid() and field in bad.errors, (overrides, bad.errors)
    # The application must be the client's.
    project = make_project(users["applicant"], org_a, status=State.SUBMITTED)
    bad = AgencyServiceForm(data=service_data(agency_a, buyer_a, project=project.pk), user=users["officer"])
    assert not bad.is_valid() and "project" in bad.errors
    # Outside the qualification's validity: refused, nothing written.
    agency_a.valid_until = dt.date(2007, 12, 31)
    agency_a.save()
    with pytest.raises(ValidationError, match="资质有效期"):
        services.save_service(users["officer"], _valid(AgencyServiceForm(data=service_data(agency_a, buyer_a),
                                                                         user=users["officer"])))
    assert AgencyService.objects.count() == 1


def test_org_admin_files_only_for_its_own_agency(users, agency_b, buyer_a):
    form = AgencyServiceForm(data=service_data(agency_b, buyer_a), user=users["org_admin"])
    assert not form.is_valid() and "agency" in form.errors


def test_blacklisted_agency_cannot_be_named_on_an_application(users, org_a, agency_a):
    project = make_project(users["applicant"], org_a, status=State.SUBMITTED)
    data = service_data(agency_a, org_a, kind="代理项目申报", project=project.pk)
    record_kind(users["officer"], agency_a.organisation, "false_application")
    assert is_blacklisted(agency_a.organisation)
    with pytest.raises(ValidationError, match=r"黑名单.*blacklisted") as refused:
        services.save_service(users["officer"], _valid(AgencyServiceForm(data=data, user=users["officer"])))
    assert refused.value.code == "blacklisted"
    assert not AgencyService.objects.exists()


def test_every_service_transition_has_allowed_forbidden_and_audit(users, agency_a, buyer_a):
    for state, action, rule in rows(SERVICE_TRANSITIONS):
        service = make_service(agency_a, buyer_a, status=state)
        with pytest.raises(PermissionDenied):
            services.act_on_service(users["org_admin"], service, action, comment="投诉内容")
        done = services.act_on_service(users["officer"], service, action, comment="经核查")
        assert done.status == rule.to_state, (state, action)
        assert AuditEntry.objects.filter(action=f"transition:{action}", object_id=str(service.pk)).exists()
    with pytest.raises(ValidationError):  # a state the action does not leave
        services.act_on_service(users["officer"], make_service(agency_a, buyer_a, status="upheld"), "dismiss")


def test_complaint_and_false_application_cost_credit(users, agency_a, buyer_a):
    service = make_service(agency_a, buyer_a)
    services.act_on_service(users["officer"], service, "complain", comment="收费不透明")
    services.act_on_service(users["officer"], service, "uphold", comment="核实属实")
    events = CreditEvent.objects.filter(subject_id=str(agency_a.organisation_id))
    assert [e.points for e in events] == [-10] and not is_blacklisted(agency_a.organisation)
    with pytest.raises(ValidationError):  # a complaint needs its content
        services.act_on_service(users["officer"], make_service(agency_a, buyer_a), "complain", comment="")
    services.act_on_service(users["officer"], make_service(agency_a, buyer_a), "find_false", comment="伪造查新报告")
    assert is_blacklisted(agency_a.organisation)


def test_service_pages_and_api_actions(users, agency_a, buyer_a):
    service = make_service(agency_a, buyer_a)
    url = reverse("agencies:service_action", args=[service.pk, "complain"])
    assert_statuses(users, url, {"org_admin": 403, "county": 403}, method="post", data={"comment": "投诉"})
    client = Client()
    client.force_login(users["officer"])
    client.post(url, {"comment": "投诉"})
    service.refresh_from_db()
    assert service.status == "complained"
    response = client.post(f"/api/agencies/services/{service.pk}/do/dismiss/", {}, content_type="application/json")
    assert response.status_code == 200 and response.json()["status"] == "recorded"
    bad = client.post("/api/agencies/services/", {**service_data(agency_a, buyer_a), "fee": "-5"},
                      content_type="application/json")
    assert bad.status_code == 400 and AgencyService.objects.count() == 1


def test_evaluation_grade_follows_score(users, agency_a):
    form = AgencyEvaluationForm(data={"agency": agency_a.pk, "year": 2007, "score": "91.5", "comment": ""})
    evaluation = services.save_evaluation(users["officer"], _valid(form))
    assert evaluation.grade == "excellent"
    edit = AgencyEvaluationForm(data={"agency": agency_a.pk, "year": 2007, "score": "59", "comment": "整改"},
                          instance=evaluation)
    evaluation = services.save_evaluation(users["officer"], _valid(edit), evaluation)
    assert evaluation.grade == "fail"
    assert AuditEntry.objects.filter(action="update", object_id=str(evaluation.pk)).exists()
    for score in ("-1", "100.5", ""):
        assert not AgencyEvaluationForm(data={"agency": agency_a.pk, "year": 2008, "score": score}).is_valid()
    with pytest.raises(PermissionDenied):
        services.save_evaluation(users["org_admin"], _valid(AgencyEvaluationForm(
            data={"agency": agency_a.pk, "year": 2006, "score": "80"})))
    assert AgencyEvaluation.objects.count() == 1
    assert [services.grade_for(Decimal(s)) for s in ("90", "75", "60", "59.9")] == ["excellent", "good", "pass", "fail"]
