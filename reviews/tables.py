import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from .models import AwardNomination, Expert, Invitation, ReviewRound

ATTRS = {"class": "table table-sm table-hover"}


class ExpertTable(tables.Table):
    person = tables.Column(linkify=True, verbose_name=_("姓名"))
    organisation = tables.Column(accessor="person__organisation", verbose_name=_("单位"))

    class Meta:
        model = Expert
        fields = ["person", "organisation", "tier", "status", "keywords", "yearly_cap", "valid_until"]
        attrs = ATTRS


class RoundTable(tables.Table):
    title = tables.Column(linkify=True)

    class Meta:
        model = ReviewRound
        fields = ["title", "year", "mode", "blind", "status", "due_at"]
        attrs = ATTRS


class InvitationTable(tables.Table):
    """What an expert sees before accepting: the item's code, never its title or applicant."""

    id = tables.Column(linkify=True, verbose_name="#")
    code = tables.Column(accessor="item__code", verbose_name=_("评审编号"))
    round = tables.Column(verbose_name=_("评审批次"))
    due = tables.Column(accessor="round__due_at", verbose_name=_("截止"))

    class Meta:
        model = Invitation
        fields = ["id", "code", "round", "status", "due"]
        attrs = ATTRS


class NominationTable(tables.Table):
    title = tables.Column(linkify=True)

    class Meta:
        model = AwardNomination
        fields = ["title", "category", "grade_sought", "organisation", "year", "status", "final_grade"]
        attrs = ATTRS
