"""LabelOrValueChoiceField takes a choice's value or its label, in the language in use; the labels
are translated once per language and list of choices, not on every row of an import."""

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from core.forms import LabelOrValueChoiceField
from ip.models import Patent


def test_a_label_or_a_value_gives_the_value_in_each_language():
    field = LabelOrValueChoiceField(choices=Patent.Status.choices)
    with translation.override("zh-hans"):
        assert field.clean("已授权") == "granted"
        assert field.clean("granted") == "granted"
    with translation.override("en"):
        english = str(Patent.Status.GRANTED.label)
        assert english != "已授权"
        assert field.clean(english) == "granted"


def test_new_choices_replace_the_labels_read_before():
    field = LabelOrValueChoiceField(choices=[("a", _("甲"))])
    assert field.clean("甲") == "a"
    field.choices = [("b", _("甲"))]
    assert field.clean("甲") == "b"


def test_the_first_choice_with_a_label_wins():
    field = LabelOrValueChoiceField(choices=[("a", "同"), ("b", "同")])
    assert field.clean("同") == "a"
