from decimal import Decimal

import pytest
from django.template import Context, Template

from core.money import to_wan, wan


def test_money_shown_in_wan_rounded_half_up():
    assert to_wan(Decimal("12345")) == Decimal("1.23")
    assert to_wan(Decimal("12350")) == Decimal("1.24")  # half up, not half even
    assert wan(Decimal("123456789")) == "12,345.68"
    assert wan(Decimal("5000"), places=1) == "0.5"
    assert wan(None) == "—" and wan("") == "—" and wan("abc") == "—"


def test_template_filter_uses_the_same_rule():
    rendered = Template("{% load money %}{{ amount|wan }}").render(Context({"amount": Decimal("12350")}))
    assert rendered == "1.24"


def test_wan_field_takes_wan_and_keeps_yuan():
    from core.forms import WanField

    field = WanField(label="金额")
    assert str(field.label) == "金额(万元)"
    assert field.clean("12.345678") == Decimal("123456.78")
    assert field.prepare_value(Decimal("123456.78")) == "12.345678"  # an edit form shows what it saved
    assert field.clean(field.prepare_value(Decimal("5000000.00"))) == Decimal("5000000.00")


@pytest.mark.parametrize("typed", ["-1", "abc", "1.1234567", "<script>1</script>"])
def test_wan_field_refuses_bad_amounts(typed):
    from django import forms

    from core.forms import WanField

    with pytest.raises(forms.ValidationError):
        WanField(label="金额").clean(typed)
