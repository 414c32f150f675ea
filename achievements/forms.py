"""The edit form; the Excel importer validates every row with this same form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.roles import Role
from core.forms import LabelOrValueChoiceField, StyledFormMixin
from directory.forms import organisation_field, own_organisations

from .models import Achievement


class AchievementForm(StyledFormMixin, forms.ModelForm):
    kind = LabelOrValueChoiceField(choices=Achievement.Kind.choices, label=_("成果类型"))
    maturity = LabelOrValueChoiceField(choices=Achievement.Maturity.choices, label=_("成熟度"))
    owner = organisation_field(True, _("完成单位信用代码"))

    class Meta:
        model = Achievement
        fields = [
            "title", "kind", "field", "maturity", "owner", "completers", "summary", "keywords",
            "registered_on", "open_for_transfer", "transferee", "transfer_amount",
        ]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["owner"].queryset = own_organisations(user)
        if user is not None and not user.has_role(Role.ADMIN, Role.OFFICER):
            self.fields["owner"].help_text = _("只能登记本单位的成果。Your own organisation's results only.")

    def clean_title(self):
        return " ".join(self.cleaned_data["title"].split())
