"""`core.models.YearlyRecord`: one record per owner per year, its year never in the future (issue 10:
one way to declare it), and `one_per_year`, the unique constraint each such model states."""

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from core.models import YearlyRecord, one_per_year
from core.validators import future_year_error
from rural.models import PovertyAid

YEARLY_MODELS = [model for model in apps.get_models() if issubclass(model, YearlyRecord)]


def test_the_yearly_records_are_found():
    assert {model._meta.label for model in YEARLY_MODELS} >= {
        "rural.Evaluation", "rural.PovertyAid", "registries.PlatformAnnualReport", "talent.TalentReport",
        "agencies.AgencyEvaluation", "ip.RegionPopulation", "instruments.LiteratureUse",
    }


@pytest.mark.parametrize("model", YEARLY_MODELS, ids=lambda model: model._meta.label)
def test_a_future_year_is_refused_beside_the_year_and_this_year_accepted(model):
    this_year = timezone.localdate().year
    with pytest.raises(ValidationError) as refused:
        model(year=this_year + 1).clean()
    assert list(refused.value.error_dict) == ["year"]
    assert model(year=this_year).year_error() is None


def test_the_base_refuses_with_the_one_future_year_message():
    next_year = timezone.localdate().year + 1
    with pytest.raises(ValidationError) as refused:
        PovertyAid(year=next_year).clean()
    (error,) = refused.value.error_dict["year"]
    assert error.code == "future" and error.message == future_year_error(next_year).message


@pytest.mark.parametrize("model", YEARLY_MODELS, ids=lambda model: model._meta.label)
def test_each_owner_is_the_one_its_constraint_names(model):
    unique_fields = [c.fields for c in model._meta.constraints if isinstance(c, models.UniqueConstraint)]
    assert (model.owner_field, "year") in unique_fields
    assert model._meta.ordering[0] == "-year"


@pytest.mark.parametrize("message", [None, "该县本年度已登记帮扶。This county's year is already recorded."])
def test_one_per_year_is_the_constraint_it_replaces(message):
    written_out = models.UniqueConstraint(
        fields=["region", "year"], name="unique_poverty_aid_year", violation_error_message=message
    )
    built = one_per_year("region", "unique_poverty_aid_year", message)
    assert built == written_out
    assert built.deconstruct() == written_out.deconstruct()
