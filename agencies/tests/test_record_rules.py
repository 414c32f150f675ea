"""Issue 10, validate once: the agency registers' rules live in the models' clean(), so the page,
the API, the import and a write without a form refuse the same input with the same message."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from agencies.models import AgencyEvaluation, AgencyService, TechContract
from agencies.views import CONTRACTS, EVALUATIONS, SERVICES
from core import services as core_services
from core.testing import assert_refused_everywhere
from projects.models import State
from projects.tests.helpers import make_project

from .test_agencies import service_data
from .test_contracts import contract_data

pytestmark = pytest.mark.django_db


def future_day() -> str:
    return (timezone.localdate() + dt.timedelta(days=1)).isoformat()


def test_service_in_the_future_refused(users, agency_a, buyer_a):
    data = service_data(agency_a, buyer_a, rendered_on=future_day())
    message = "服务日期不能晚于今天。The date is in the future."
    assert_refused_everywhere(users["officer"], SERVICES, data, "rendered_on", message)


def test_service_for_another_clients_application_refused(users, org_a, agency_a, buyer_a):
    project = make_project(users["applicant"], org_a, status=State.SUBMITTED)
    data = service_data(agency_a, buyer_a, kind="代理项目申报", project=project.pk)
    message = "代理申报的项目须是服务对象的项目。The application must be the client's."
    assert_refused_everywhere(users["officer"], SERVICES, data, "project", message)


def test_evaluation_of_a_future_year_refused(users, agency_a):
    data = {"agency": agency_a.pk, "year": timezone.localdate().year + 1, "score": "80", "comment": ""}
    message = "年度不能晚于今年。The year is in the future."
    assert_refused_everywhere(users["officer"], EVALUATIONS, data, "year", message)


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"registered_on": None}, "registered_on", "登记日期不能晚于今天。The date is in the future."),
        ({"buyer": None}, "buyer", "买方与卖方不能是同一单位。Buyer and seller are the same."),
    ],
)
def test_contract_rules_refused(users, org_a, buyer_a, overrides, field, message):
    data = contract_data(org_a, buyer_a)
    data[field] = future_day() if field == "registered_on" else org_a.credit_code
    assert_refused_everywhere(users["officer"], CONTRACTS, data, field, message)


def test_refused_without_a_form(users, org_a, agency_a, buyer_a):
    day = timezone.localdate() + dt.timedelta(days=1)
    project = make_project(users["applicant"], org_a, status=State.SUBMITTED)
    contract = {"number": "20084103000077", "name": "合同", "kind": "transfer", "amount": 1, "technical_amount": 1,
                "signed_on": dt.date(2008, 4, 1), "region": org_a.region}
    records = [
        (AgencyService(agency=agency_a, kind="novelty_search", client=buyer_a, title="x", rendered_on=day),
         "rendered_on", "future"),
        (AgencyService(agency=agency_a, kind="application", client=buyer_a, project=project, title="x",
                       rendered_on=dt.date(2008, 5, 1)), "project", "not_client"),
        (AgencyEvaluation(agency=agency_a, year=day.year + 1, score=80), "year", "future"),
        (TechContract(buyer=buyer_a, seller=org_a, registered_on=day, **contract), "registered_on", "future"),
    ]
    for record, field, code in records:
        with pytest.raises(ValidationError) as refused:
            core_services.create(users["officer"], record)
        assert code in {error.code for error in refused.value.error_dict[field]}, (type(record).__name__, field)
    assert not AgencyService.objects.exists() and not AgencyEvaluation.objects.exists()
    assert not TechContract.objects.exists()
