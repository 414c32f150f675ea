from decimal import Decimal

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
