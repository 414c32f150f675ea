"""Fixtures for the plans tests: a short plan text, a draft and a confirmed plan, a fake source."""

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client

from accounts.roles import Role
from core.testing import make_user
from directory.models import Division
from plans import services, sources
from plans.models import Indicator, Plan

PLAN_TEXT = """2010年测试市科技工作要点

一、目标

1.实施科技攻关项目100项，专利申请量达到1600件，新建研发中心3-5个。
2.在孵企业从去年的318家增加到387家，同比增长21%。
3.高新技术产业产值继续保持全省前列；上半年完成项目安排。
"""
ALL_ROLES = ("admin", "leader", "officer", "county", "org_admin", "applicant", "expert", "supervisor",
             "finance", "public")  # fmt: skip
READERS = ("admin", "leader", "officer", "county", "supervisor", "finance")


def expect(default: int, anonymous: int = 302, **overrides: int) -> dict[str, int]:
    return {"anonymous": anonymous, **{role: overrides.get(role, default) for role in ALL_ROLES}}


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def draft_plan(users) -> Plan:
    """Imported, then unlinked: these tests start from manual indicators in text order
    (test_linking.py tests the automatic links)."""
    plan = services.import_plan(users["admin"], year=2010, text=PLAN_TEXT, source_name="test.txt")
    plan.indicators.update(source_key="", suggested_source="", source_confidence=None, source_reason="")
    return plan


@pytest.fixture
def hightech_officer(db):
    return make_user(Role.OFFICER, "t-hightech", division=Division.objects.get(code="hightech"))


@pytest.fixture
def confirmed_plan(users, draft_plan) -> Plan:
    """The draft with divisions and the leader assigned (hightech for all), then confirmed."""
    hightech = Division.objects.get(code="hightech")
    draft_plan.indicators.update(division=hightech, leader=users["leader"])
    draft_plan.work_items.update(division=hightech, leader=users["leader"])
    return services.confirm_plan(users["admin"], draft_plan)


@pytest.fixture
def manual_indicator(confirmed_plan) -> Indicator:
    return confirmed_plan.indicators.get(unit="件")


@pytest.fixture
def fake_source(monkeypatch):
    """A registered source "test.projects" counting 项 by month: 10 per month of 2010, 8 in 2009."""

    def value(year: int, as_of: dt.date) -> Decimal:
        per_month = {2010: 10, 2009: 8}.get(year, 0)
        return Decimal(per_month * as_of.month) if as_of.year == year else Decimal(0)

    source = sources.DataSource(key="test.projects", label="实施科技攻关项目", unit="项", value=value, app="test")
    sources.discover()
    monkeypatch.setitem(sources._registry, source.key, source)
    return source
