"""Credit events: an applicant sees the events about themself, the organisation's administrator
those about the organisation (issue 9, finding 12)."""

import pytest

from core.testing import assert_statuses
from credit import services
from credit.models import CreditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def events(users, org_a):
    about_org = services.record_event(users["officer"], org_a, area="implementation", points=-5, reason="逾期未报")
    about_pi = services.record_event(
        users["officer"], users["applicant"].person, area="implementation", points=-5, reason="逾期未报"
    )
    return about_org, about_pi


def test_applicant_sees_own_events_only(events, users):
    about_org, about_pi = events
    assert list(CreditEvent.objects.visible_to(users["applicant"])) == [about_pi]
    assert about_org in CreditEvent.objects.visible_to(users["org_admin"])


def test_organisation_event_page_is_404_for_the_applicant(events, users):
    about_org, _ = events
    assert_statuses(users, about_org.get_absolute_url(), {"applicant": 404, "org_admin": 200, "officer": 200})
