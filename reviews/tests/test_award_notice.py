"""An award is decided only after its public notice has ended (issue 9, finding 11)."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError

from core.models import AuditEntry, StatusLog
from core.testing import make_person
from reviews import services
from reviews.models import AwardNomination

pytestmark = pytest.mark.django_db

BEIJING = dt.timezone(dt.timedelta(hours=8))


@pytest.fixture
def in_notice(org_a):
    return AwardNomination.objects.create(
        title="大型盾构机主轴承国产化",
        category="progress",
        grade_sought="1",
        nominee=make_person(org_a, "陈工"),
        organisation=org_a,
        recommender=org_a,
        abstract="国产化主轴承",
        year=2026,
        status=AwardNomination.Status.IN_NOTICE,
        notice_end=dt.date(2026, 12, 10),
    )


# The last notice day in Beijing, late at night and (in UTC) already the next day's dawn there.
@pytest.mark.parametrize(
    "moment", [dt.datetime(2026, 12, 10, 23, 30, tzinfo=BEIJING), dt.datetime(2026, 12, 3, 0, 30, tzinfo=BEIJING)]
)
def test_award_before_notice_end_is_refused(moment, in_notice, users):
    with time_machine.travel(moment, tick=False), pytest.raises(ValidationError) as info:
        services.nomination_action(users["leader"], in_notice, "award", grade="1")
    assert "公示期" in info.value.messages[0] and "notice period" in info.value.messages[0]
    assert AwardNomination.objects.get(pk=in_notice.pk).status == AwardNomination.Status.IN_NOTICE
    assert not StatusLog.objects.exists()
    assert not AuditEntry.objects.filter(action="transition:award").exists()


@pytest.mark.parametrize(
    "moment", [dt.datetime(2026, 12, 11, 0, 30, tzinfo=BEIJING), dt.datetime(2026, 12, 11, 23, 30, tzinfo=BEIJING)]
)
def test_award_after_notice_end_is_granted(moment, in_notice, users):
    with time_machine.travel(moment, tick=False):
        done = services.nomination_action(users["leader"], in_notice, "award", grade="1")
    assert done.status == AwardNomination.Status.AWARDED and done.final_grade == "1"
