from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import StyledFormMixin
from core.lookup_fields import ExactLookupField
from directory.models import Organisation, Person

from .models import AssignmentRun, AwardNomination, DeclaredConflict, Discipline, Expert, ReviewRound, Unavailability


class ExpertForm(StyledFormMixin, forms.ModelForm):
    disciplines = forms.ModelMultipleChoiceField(
        queryset=Discipline.objects.all(), required=False, label=_("学科（GB/T 13745）")
    )

    class Meta:
        model = Expert
        fields = ["person", "user", "disciplines", "keywords", "profile", "tier", "yearly_cap"]


# A round's rules and its schedule and ranking, as the form edits them and the round's page shows them.
ROUND_RULES = [
    "title",
    "year",
    "mode",
    "blind",
    "template",
    "reviewers_per_item",
    "expert_cap",
    "conflict_years",
    "rotation_required",
    "team_colleagues_excluded",
]
ROUND_SCHEDULE = ["starts_on", "due_at", "method", "funding_count"]


class RoundForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = ReviewRound
        fields = [*ROUND_RULES, "previous_round", *ROUND_SCHEDULE, "chair"]


class AssignForm(forms.Form):
    mode = forms.ChoiceField(choices=AssignmentRun.Mode.choices, label=_("分配方式"))
    seed = forms.CharField(required=False, max_length=64, label=_("随机种子（随机抽取时，可留空自动生成）"))


# What a nomination says, as the form edits it and the nomination's page shows it.
NOMINATION_FIELDS = [
    "title",
    "category",
    "grade_sought",
    "nominee",
    "organisation",
    "recommender",
    "abstract",
    "keywords",
    "year",
]


class NominationForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = AwardNomination
        fields = [*NOMINATION_FIELDS, "notice_end"]


class ScoreSheetForm(StyledFormMixin, forms.Form):
    """One number field per criterion of the round's template, plus the written opinion."""

    comment = forms.CharField(label=_("评审意见"), required=False, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, criteria=(), initial_scores=None, **kwargs):
        super().__init__(*args, **kwargs)
        for c in criteria:
            self.fields[f"c{c.pk}"] = forms.DecimalField(
                label=f"{c.name}（{_('满分')} {c.max_score}，{_('权重')} {c.weight}）",
                min_value=0,
                max_value=c.max_score,
                decimal_places=2,
                required=False,
                initial=(initial_scores or {}).get(c.pk),
                help_text=c.guidance,
            )
        self.criteria = list(criteria)
        self.order_fields([f"c{c.pk}" for c in criteria] + ["comment"])

    def values(self) -> dict:
        return {
            c.pk: self.cleaned_data.get(f"c{c.pk}")
            for c in self.criteria
            if self.cleaned_data.get(f"c{c.pk}") is not None
        }


class ExpertApplicationForm(StyledFormMixin, forms.ModelForm):
    """A user with a directory person applies to join the library (an officer approves)."""

    disciplines = forms.ModelMultipleChoiceField(
        queryset=Discipline.objects.filter(level=2), label=_("学科（GB/T 13745）")
    )

    class Meta:
        model = Expert
        fields = ["disciplines", "keywords", "profile", "tier"]


class DeclaredConflictForm(StyledFormMixin, forms.ModelForm):
    """Organisation and person are typed, not picked: an expert's page lists nobody (issue 9)."""

    organisation = ExactLookupField(
        Organisation.objects.all(),
        ("name", "credit_code"),
        required=False,
        label=_("单位"),
        help_text=_("单位全称或统一社会信用代码"),
        ambiguous=_("多个单位同名，请填写统一社会信用代码。Several organisations match; give the credit code."),
    )
    person = forms.CharField(
        required=False, max_length=60, label=_("人员"), help_text=_("姓名（同名时请同时填写其单位）")
    )

    class Meta:
        model = DeclaredConflict
        fields = ["relation", "organisation", "person", "note"]

    def clean_person(self):
        name = self.cleaned_data.get("person", "").strip()
        if not name:
            return None
        # Namesakes are told apart by the organisation typed beside the name.
        found = Person.objects.filter(name=name)
        if self.cleaned_data.get("organisation"):
            found = found.filter(organisation=self.cleaned_data["organisation"])
        matches = list(found[:2])
        if not matches:
            raise forms.ValidationError(_("名录中没有这位人员；可改为申报其单位。No such person in the directory."))
        if len(matches) > 1:
            raise forms.ValidationError(
                _("有同名人员，请同时填写其单位。Several people share this name; add the organisation.")
            )
        return matches[0]

    def clean(self):
        data = super().clean()
        if not data.get("organisation") and not data.get("person") and not self.errors:
            raise forms.ValidationError(_("请选择要回避的单位或人员。Choose an organisation or a person."))
        return data


class UnavailabilityForm(StyledFormMixin, forms.ModelForm):
    # The order of the dates is the model's constraint (unavailability_order), checked on save.
    class Meta:
        model = Unavailability
        fields = ["starts_on", "ends_on", "note"]
