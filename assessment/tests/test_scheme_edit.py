"""The officer's pages for a draft scheme's groups, indicators and veto items: allowed, forbidden,
locked once an assessment uses the scheme, and bad input refused with nothing written."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from assessment import services
from assessment.defaults import build_default_scheme
from assessment.forms import IndicatorForm, VetoItemForm
from assessment.models import Indicator, IndicatorGroup, VetoItem
from core.models import AuditEntry
from core.testing import assert_statuses

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _indicator_data(indicator: Indicator, **changes) -> dict:
    data = {"group": indicator.group_id, "name": indicator.name, "unit": indicator.unit, "weight": indicator.weight,
            "rule": indicator.rule, "floor": indicator.floor if indicator.floor is not None else "",
            "target": indicator.target if indicator.target is not None else "",
            "tiers": "[]" if not indicator.tiers else str(indicator.tiers), "source_key": indicator.source_key,
            "figure": indicator.figure_id or "", "order": indicator.order}
    return {**data, **changes}


def _save(user, indicator: Indicator, **changes) -> Indicator:
    form = IndicatorForm(_indicator_data(indicator, **changes), instance=indicator, user=user)
    assert form.is_valid(), form.errors
    return services.save_scheme_part(user, form, indicator)


def test_officer_edits_an_indicator_on_the_page(users, scheme):
    indicator = scheme.indicators().get(name="市级科技计划立项项目")
    url = reverse("assessment:indicator_edit", args=[indicator.pk])
    response = _client(users["officer"]).post(url, _indicator_data(indicator, weight="6", target="8"))
    assert response.status_code == 302 and response.url == scheme.get_absolute_url()
    indicator.refresh_from_db()
    assert (indicator.weight, indicator.target) == (Decimal(6), Decimal(8))
    entry = AuditEntry.objects.filter(action="update", object_id=str(indicator.pk)).latest("pk")
    assert Decimal(entry.after["weight"]) == 6


def test_officer_adds_group_indicator_and_veto_then_deletes(users, scheme):
    officer = _client(users["officer"])
    # Room for a new indicator's points: the default scheme's weights add up to 100.
    _save(users["officer"], scheme.indicators().get(name="市级科技经费支持"), weight="2")
    officer.post(reverse("assessment:group_add", args=[scheme.pk]), {"name": "成果转化", "order": 4})
    group = IndicatorGroup.objects.get(scheme=scheme, name="成果转化")
    response = officer.post(reverse("assessment:indicator_add", args=[scheme.pk]), {
        "group": group.pk, "name": "技术合同成交额", "unit": "万元", "weight": "4", "rule": "rank", "tiers": "[]",
        "source_key": "city_funding", "order": 0})
    assert response.status_code == 302
    added = Indicator.objects.get(group=group)
    figure = scheme.figures.get(code="rd_gdp")
    officer.post(reverse("assessment:veto_add", args=[scheme.pk]), {
        "name": "研发经费占比不低于 0.5%", "figure": figure.pk, "op": "gte", "threshold": "0.5", "order": 3})
    assert scheme.veto_items.filter(figure=figure).exists()
    assert AuditEntry.objects.filter(action="create", object_id=str(added.pk)).exists()
    assert officer.post(reverse("assessment:indicator_delete", args=[added.pk])).status_code == 302
    assert officer.post(reverse("assessment:group_delete", args=[group.pk])).status_code == 302
    assert not IndicatorGroup.objects.filter(pk=group.pk).exists()
    assert AuditEntry.objects.filter(action="delete", object_id=str(group.pk)).exists()


def test_other_roles_may_not_edit(users, scheme):
    indicator = scheme.indicators().first()
    veto = scheme.veto_items.first()
    for url in (reverse("assessment:indicator_edit", args=[indicator.pk]),
                reverse("assessment:veto_add", args=[scheme.pk]),
                reverse("assessment:group_delete", args=[indicator.group_id])):
        assert_statuses(users, url, {"anonymous": 302, "officer": 200, "admin": 200, "leader": 403, "county": 403,
                                     "applicant": 403, "supervisor": 403})
    response = _client(users["leader"]).post(reverse("assessment:veto_edit", args=[veto.pk]), {"name": "改"})
    assert response.status_code == 403
    with pytest.raises(PermissionDenied):
        _save(users["county"], indicator, weight="1")
    assert VetoItem.objects.get(pk=veto.pk).name == veto.name


def test_scheme_in_use_is_locked(users, assessment):
    scheme = assessment.scheme
    indicator = scheme.indicators().first()
    weight = indicator.weight
    response = _client(users["officer"]).get(reverse("assessment:indicator_edit", args=[indicator.pk]))
    assert response.status_code == 403 and "copy it to a new version" in response.content.decode()
    with pytest.raises(ValidationError) as exc:
        _save(users["officer"], indicator, weight="1")
    assert exc.value.code == "scheme_in_use" and "不能再修改" in exc.value.messages[0]
    assert Indicator.objects.get(pk=indicator.pk).weight == weight
    page = _client(users["officer"]).get(scheme.get_absolute_url()).content.decode()
    assert 'id="scheme-locked"' in page and 'id="add-indicator"' not in page


@pytest.mark.parametrize(("name", "changes", "message"), [
    ("市级科技计划立项项目", {"weight": "30"}, "The weights add up to more than 100"),
    ("市级科技计划立项项目", {"floor": "5", "target": "5"}, "floor and a target"),
    ("企业研发投入", {"target": "10"}, "Only linear scoring takes a floor and a target"),
    ("市级科技计划立项项目", {"tiers": "[[1, 1]]"}, "Only tiered scoring takes tiers"),
    ("新认定高新技术企业", {"tiers": "[[3, 1], [3, 0.5]]"}, "Tier thresholds must differ"),
    ("新认定高新技术企业", {"tiers": "[[3, 2]]"}, "Each share is between 0 and 1"),
    ("企业研发投入", {"weight": "0"}, "The weight must be above zero"),
    ("企业研发投入", {"source_key": ""}, "Choose a query or a reported figure"),
])
def test_bad_indicator_refused_nothing_written(users, scheme, name, changes, message):
    indicator = scheme.indicators().get(name=name)
    before = Indicator.objects.filter(pk=indicator.pk).values().get()
    response = _client(users["officer"]).post(reverse("assessment:indicator_edit", args=[indicator.pk]),
                                              _indicator_data(indicator, **changes))
    assert response.status_code == 400 and message in response.content.decode()
    assert Indicator.objects.filter(pk=indicator.pk).values().get() == before


def test_figure_of_another_scheme_refused(users, scheme):
    other = build_default_scheme(None, 2009)
    indicator = scheme.indicators().get(name="财政科技拨款占财政支出比重")
    foreign = other.figures.get(code="st_share")
    form = IndicatorForm(_indicator_data(indicator, figure=foreign.pk), instance=indicator, user=users["officer"])
    assert not form.is_valid() and "figure" in form.errors  # not among the choices
    indicator.figure = foreign
    with pytest.raises(ValidationError):
        services._check_indicator(indicator, scheme)


@pytest.mark.parametrize(("changes", "message"), [
    ({"figure": "st_share", "op": "yes", "threshold": ""}, "A yes/no item needs a yes/no figure"),
    ({"figure": "st_share", "op": "gte", "threshold": "120"}, "A share cannot exceed 100%"),
    ({"figure": "st_growth", "op": "gte", "threshold": "", "compare_to": "st_growth"}, "Compare with another figure"),
    ({"figure": "st_share", "op": "gte", "threshold": ""}, "Give a threshold or a figure to compare"),
    ({"figure": "st_body", "op": "yes", "threshold": "1"}, "A yes/no item takes no threshold"),
])
def test_bad_veto_refused_nothing_written(users, scheme, changes, message):
    veto = scheme.veto_items.first()
    codes = {f.code: f.pk for f in scheme.figures.all()}
    data = {"name": veto.name, "order": veto.order, "compare_to": "",
            **{k: codes.get(v, v) if k in ("figure", "compare_to") else v for k, v in changes.items()}}
    before = VetoItem.objects.filter(pk=veto.pk).values().get()
    response = _client(users["officer"]).post(reverse("assessment:veto_edit", args=[veto.pk]), data)
    assert response.status_code == 400 and message in response.content.decode()
    assert VetoItem.objects.filter(pk=veto.pk).values().get() == before
    assert VetoItemForm  # the form the page uses (imported for the reader)


def test_group_with_indicators_is_not_deleted(users, scheme):
    group = scheme.groups.first()
    with pytest.raises(ValidationError):
        services.delete_scheme_part(users["officer"], group)
    assert IndicatorGroup.objects.filter(pk=group.pk).exists()


def test_draft_scheme_page_lists_indicators_with_edit_links(users, scheme):
    indicator = scheme.indicators().get(name="市级科技计划立项项目")
    page = _client(users["officer"]).get(scheme.get_absolute_url()).content.decode()
    # Every indicator is listed (the layout's own "groups" once hid them) with its edit link.
    assert page.count("<tr><td>") == scheme.indicators().count()
    assert reverse("assessment:indicator_edit", args=[indicator.pk]) in page and 'id="add-indicator"' in page
    assert "分值合计：100" in page
    leader_page = _client(users["leader"]).get(scheme.get_absolute_url()).content.decode()
    assert indicator.name in leader_page and 'id="add-indicator"' not in leader_page
