"""Replaying an assignment run from the supervision tab (issue 9, finding 3: a non-random run answered 500)."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from reviews import services

from .test_flow import world  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("mode", ["optimal", "fair"])
def test_replaying_a_solver_run_explains_instead_of_failing(mode, world, users, client):  # noqa: F811
    review_round, _, _ = world
    run = services.assign(users["officer"], review_round, mode)
    client.force_login(users["supervisor"])

    response = client.post(reverse("reviews:run_replay", args=[run.pk]))

    assert response.status_code == 302
    assert response.url == review_round.get_absolute_url() + "?tab=supervision"
    texts = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("只有随机抽取可以重放" in t for t in texts)


def test_replaying_a_random_draw_verifies(world, users, client):  # noqa: F811
    review_round, _, _ = world
    run = services.assign(users["officer"], review_round, "random", seed="2008-supervised")
    client.force_login(users["supervisor"])

    response = client.post(reverse("reviews:run_replay", args=[run.pk]))

    assert response.status_code == 302
    assert [m.level_tag for m in get_messages(response.wsgi_request)] == ["success"]
