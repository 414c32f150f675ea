"""The patent application subsidy: policy, claims, cap, budget, blacklist, workflow and its audit."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from core import services as core_services
from core.models import AuditEntry, StatusLog
from core.testing import assert_statuses, make_organisation
from core.workflow import TransitionError
from credit import services as credit_services
from ip import services
from ip.forms import SubsidyApplicationForm, SubsidyPolicyForm
from ip.models import SubsidyApplication, SubsidyPolicy
from registries.tests.roles import expect

from .conftest import make_patent

pytestmark = pytest.mark.django_db


def claim(user, patent, stage="application", year=2008) -> SubsidyApplication:
    form = SubsidyApplicationForm(data={"policy": year, "patent": patent.number, "stage": stage}, user=user)
    assert form.is_valid(), form.errors
    return services.submit_subsidy(user, form)


def refusal(user, patent, stage="application") -> str:
    with pytest.raises(ValidationError) as err:
        claim(user, patent, stage)
    return err.value.code


# --- policy ---------------------------------------------------------------------------


def policy_data(**overrides):
    data = {
        "year": 2009,
        "title": "2009年专利资助",
        "total_budget": "500000",
        "cap_per_applicant": "20000",
        "is_open": "on",
        "rate_invention_application": "1500",
        "rate_invention_grant": "3000",
    }
    data.update(overrides)
    return data


def test_policy_with_rates_is_saved_and_audited(users):
    form = SubsidyPolicyForm(data=policy_data())
    assert form.is_valid(), form.errors
    policy = services.save_policy(users["officer"], form)
    assert {(r.kind, r.stage): r.amount for r in policy.rates.all()} == {
        ("invention", "application"): Decimal("1500"),
        ("invention", "grant"): Decimal("3000"),
    }
    assert AuditEntry.objects.filter(action="rates", object_id=str(policy.pk)).exists()
    edit = SubsidyPolicyForm(data=policy_data(rate_invention_grant="", rate_design_grant="300"), instance=policy)
    assert edit.is_valid(), edit.errors
    services.save_policy(users["officer"], edit, policy)
    assert {(r.kind, r.stage) for r in policy.rates.all()} == {
        ("invention", "application"),
        ("design", "grant"),
    }


def test_policy_bad_input():
    no_rates = SubsidyPolicyForm(data=policy_data(rate_invention_application="", rate_invention_grant=""))
    assert not no_rates.is_valid() and "no_rates" in {e.code for e in no_rates.errors.as_data()["__all__"]}
    cap = SubsidyPolicyForm(data=policy_data(cap_per_applicant="600000"))
    assert not cap.is_valid() and "cap_per_applicant" in cap.errors
    negative = SubsidyPolicyForm(data=policy_data(rate_invention_grant="-1"))
    assert not negative.is_valid()


def test_policy_only_officers(users):
    form = SubsidyPolicyForm(data=policy_data())
    assert form.is_valid()
    with pytest.raises(PermissionDenied):
        services.save_policy(users["org_admin"], form)
    assert not SubsidyPolicy.objects.exists()


# --- claims ---------------------------------------------------------------------------


def test_claim_takes_amount_from_policy_and_is_audited(users, org_a, policy):
    application = claim(users["org_admin"], make_patent(org_a))
    assert application.amount == Decimal("2000")
    assert application.status == "submitted"
    assert AuditEntry.objects.filter(action="create", object_id=str(application.pk)).exists()


def test_individual_applicant_claims_own_patent(users, policy):
    person = users["applicant"].person
    application = claim(users["applicant"], make_patent(person=person))
    assert application.patent.applicant_person == person


def test_cannot_claim_another_organisations_patent(users, org_b, policy):
    form = SubsidyApplicationForm(
        data={"policy": 2008, "patent": make_patent(org_b).number, "stage": "application"},
        user=users["org_admin"],
    )
    assert not form.is_valid()
    assert {e.code for e in form.errors.as_data()["patent"]} == {"unknown_patent"}


def test_officer_cannot_submit_a_claim(users, org_a, policy):
    with pytest.raises(PermissionDenied):
        claim(users["officer"], make_patent(org_a))


def test_no_patent_subsidised_twice(users, org_a, policy):
    patent = make_patent(org_a)
    claim(users["org_admin"], patent)
    assert refusal(users["org_admin"], patent) == "duplicate"
    assert SubsidyApplication.objects.count() == 1


def test_rejected_claim_frees_the_patent(users, org_a, policy):
    patent = make_patent(org_a)
    first = claim(users["org_admin"], patent)
    services.act_on_subsidy(users["officer"], first, "reject", comment="材料不全")
    assert claim(users["org_admin"], patent).status == "submitted"


def test_over_the_cap_per_applicant(users, org_a, policy):
    claim(users["org_admin"], make_patent(org_a))  # 2000
    claim(users["org_admin"], make_patent(org_a, grant=dt.date(2008, 5, 1)), stage="grant")  # 3000 → 5000 = cap
    assert refusal(users["org_admin"], make_patent(org_a)) == "over_cap"
    assert SubsidyApplication.objects.count() == 2


def test_over_the_budget(users, org_a, policy):
    policy.total_budget = Decimal("3000")
    policy.save()
    other = make_organisation("410305")
    done = claim(users["org_admin"], make_patent(org_a))
    services.act_on_subsidy(users["officer"], done, "approve")
    assert policy.remaining() == Decimal("1000")
    users["org_admin"].role_assignments.create(role="org_admin", organisation=other)
    from accounts.models import User

    org_admin = User.objects.get(pk=users["org_admin"].pk)
    assert refusal(org_admin, make_patent(other)) == "over_budget"


def test_approval_rechecks_the_budget(users, org_a, org_b, policy):
    policy.total_budget = Decimal("3000")
    policy.save()
    first = claim(users["org_admin"], make_patent(org_a))
    second = SubsidyApplication.objects.create(
        policy=policy, patent=make_patent(org_b), stage="application", amount=Decimal("2000")
    )
    services.act_on_subsidy(users["officer"], first, "approve")
    with pytest.raises(ValidationError) as err:
        services.act_on_subsidy(users["officer"], second, "approve")
    assert err.value.code == "over_budget"
    second.refresh_from_db()
    assert second.status == "submitted"


def test_blacklisted_applicant_refused(users, org_a, policy):
    credit_services.record_event(None, org_a, area="funds", points=-60, severe=True, reason="骗取资助")
    assert refusal(users["org_admin"], make_patent(org_a)) == "blacklisted"


def test_patent_from_another_year_refused(users, org_a, policy):
    assert refusal(users["org_admin"], make_patent(org_a, filing=dt.date(2007, 5, 1))) == "wrong_year"
    assert refusal(users["org_admin"], make_patent(org_a), stage="grant") == "wrong_year"  # not granted


def test_stage_without_rate_refused(users, org_a, policy):
    assert (
        refusal(users["org_admin"], make_patent(org_a, kind_digit="3", grant=dt.date(2008, 5, 1)), stage="grant")
        == "no_rate"
    )


def test_closed_policy_refused(users, org_a, policy):
    patent = make_patent(org_a)
    form = SubsidyApplicationForm(
        data={"policy": 2008, "patent": patent.number, "stage": "application"}, user=users["org_admin"]
    )
    assert form.is_valid()
    policy.is_open = False
    policy.save()
    with pytest.raises(ValidationError) as err:
        services.submit_subsidy(users["org_admin"], form)
    assert err.value.code == "closed"


def test_claim_cannot_be_edited(users, org_a, policy):
    application = claim(users["org_admin"], make_patent(org_a))
    form = SubsidyApplicationForm(
        data={"policy": 2008, "patent": application.patent.number, "stage": "grant"},
        user=users["org_admin"],
        instance=application,
    )
    assert form.is_valid()
    with pytest.raises(ValidationError):
        services.submit_subsidy(users["org_admin"], form, application)


# --- workflow, row by row --------------------------------------------------------------

ROWS = [
    # (from state, action, allowed role, a forbidden role, to state)
    ("submitted", "approve", "officer", "org_admin", "approved"),
    ("submitted", "reject", "officer", "finance", "rejected"),
    ("submitted", "withdraw", "org_admin", "officer", "withdrawn"),
    ("approved", "pay", "finance", "officer", "paid"),
]


@pytest.mark.parametrize(("state", "action", "allowed", "forbidden", "to_state"), ROWS)
def test_transition_row(users, org_a, policy, state, action, allowed, forbidden, to_state):
    application = SubsidyApplication.objects.create(
        policy=policy, patent=make_patent(org_a), stage="application", amount=Decimal("2000"), status=state
    )
    with pytest.raises(PermissionDenied):
        services.act_on_subsidy(users[forbidden], application, action, comment="x")
    result = services.act_on_subsidy(users[allowed], application, action, comment="意见")
    assert result.status == to_state
    log = StatusLog.objects.get(object_id=str(application.pk), action=action)
    assert (log.from_state, log.to_state, log.actor) == (state, to_state, users[allowed])
    assert AuditEntry.objects.filter(action=f"transition:{action}", object_id=str(application.pk)).exists()


def test_wrong_state_refused(users, org_a, policy):
    application = SubsidyApplication.objects.create(
        policy=policy, patent=make_patent(org_a), stage="application", amount=Decimal("2000")
    )
    with pytest.raises(TransitionError):
        services.act_on_subsidy(users["finance"], application, "pay")


def test_reject_needs_a_reason(users, org_a, policy):
    application = claim(users["org_admin"], make_patent(org_a))
    with pytest.raises(TransitionError):
        services.act_on_subsidy(users["officer"], application, "reject")


def test_payment_records_date_and_voucher(users, org_a, policy):
    application = claim(users["org_admin"], make_patent(org_a))
    services.act_on_subsidy(users["officer"], application, "approve")
    paid = services.act_on_subsidy(
        users["finance"], SubsidyApplication.objects.get(pk=application.pk), "pay", voucher_no="PZ-2008-001"
    )
    assert paid.paid_on is not None and paid.voucher_no == "PZ-2008-001"


# --- pages and API --------------------------------------------------------------------


def test_subsidy_pages_by_role(users, org_a, org_b, policy):
    own = SubsidyApplication.objects.create(policy=policy, patent=make_patent(org_a), stage="application", amount=2000)
    other = SubsidyApplication.objects.create(
        policy=policy, patent=make_patent(org_b), stage="application", amount=2000
    )
    read = expect(200, expert=403, public=403)
    assert_statuses(users, reverse("ip:subsidy_list"), read)
    # the organisation's claim: its administrator sees it, a PI of the organisation does not
    assert_statuses(users, reverse("ip:subsidy_detail", args=[own.pk]), read | {"applicant": 404})
    assert_statuses(
        users,
        reverse("ip:subsidy_detail", args=[other.pk]),
        expect(200, county=404, org_admin=404, applicant=404, expert=403, public=403),
    )
    assert_statuses(users, reverse("ip:subsidy_add"), expect(403, org_admin=200, applicant=200))
    assert_statuses(users, reverse("ip:subsidy_edit", args=[own.pk]), expect(403, applicant=404))  # never edited
    assert_statuses(users, reverse("ip:policy_add"), expect(403, admin=200, officer=200))
    assert_statuses(users, reverse("ip:policy_edit", args=[policy.pk]), expect(403, admin=200, officer=200))


def test_action_endpoint_by_role(users, org_a, org_b, policy):
    own = SubsidyApplication.objects.create(policy=policy, patent=make_patent(org_a), stage="application", amount=2000)
    other = SubsidyApplication.objects.create(
        policy=policy, patent=make_patent(org_b), stage="application", amount=2000
    )
    url = reverse("ip:subsidy_action", args=[other.pk, "withdraw"])
    assert_statuses(users, url, expect(403, county=404, org_admin=404, applicant=404), method="post")
    refused = expect(403, applicant=404)
    del refused["admin"], refused["officer"]  # allowed: below, as it changes the state
    assert_statuses(users, reverse("ip:subsidy_action", args=[own.pk, "approve"]), refused, method="post")
    client = Client()
    client.force_login(users["officer"])
    response = client.post(reverse("ip:subsidy_action", args=[own.pk, "approve"]), {"comment": "同意"})
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.status == "approved"
    pay = reverse("ip:subsidy_action", args=[own.pk, "pay"])
    assert_statuses(users, pay, {"officer": 403, "org_admin": 403, "finance": 302}, method="post")
    own.refresh_from_db()
    assert own.status == "paid"


def test_budget_remaining_shown_live(users, org_a, policy):
    application = claim(users["org_admin"], make_patent(org_a))
    client = Client()
    client.force_login(users["officer"])
    url = reverse("ip:policy_detail", args=[policy.pk])
    assert 'id="budget-remaining">1.00' in client.get(url).content.decode()
    services.act_on_subsidy(users["officer"], application, "approve")
    body = client.get(url).content.decode()
    assert 'id="budget-remaining">0.80' in body


def test_api_claim_and_action(users, org_a, policy):
    patent = make_patent(org_a)
    client = Client()
    client.force_login(users["org_admin"])
    created = client.post("/api/ip/subsidies/", {"policy": 2008, "patent": patent.number, "stage": "application"})
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    again = client.post("/api/ip/subsidies/", {"policy": 2008, "patent": patent.number, "stage": "application"})
    assert again.status_code == 400
    assert client.post(f"/api/ip/subsidies/{pk}/do/approve/").status_code == 403
    officer = Client()
    officer.force_login(users["officer"])
    approved = officer.post(f"/api/ip/subsidies/{pk}/do/approve/", {"comment": "同意"})
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    assert officer.post(f"/api/ip/subsidies/{pk}/do/approve/").status_code == 400


def test_cap_over_budget_refused_without_the_form(users, policy):
    # Issue 10: SubsidyPolicy.clean holds the rule, so a write that skips the form is refused too.
    with pytest.raises(ValidationError) as refused:
        core_services.update(users["officer"], policy, {"cap_per_applicant": Decimal("20000")})
    assert [e.code for e in refused.value.error_dict["cap_per_applicant"]] == ["cap_over_budget"]
    policy.refresh_from_db()
    assert policy.cap_per_applicant == Decimal("5000")
