"""Forms of an application's parts: team, budget by category, targets, achievements; and the
search-backed choice widget (partners and team members are found by search, never listed whole)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import StyledFormMixin, WanField

from .models import Target, TeamMember
from .workflow import CallAction


class SearchSelectMixin:
    """Renders only the chosen options; the page adds others from a search endpoint (`data-search`).

    The field's queryset still validates whatever id is posted, so a page never carries the
    whole table while the form accepts any real record.
    """

    def __init__(self, *args, search_url: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.attrs.update({"data-search": search_url, "class": "form-select search-select"})

    def optgroups(self, name, value, attrs=None):
        chosen = {str(v) for v in value if v not in (None, "")}
        groups = super().optgroups(name, value, attrs)
        return [(group, [o for o in options if str(o["value"]) in chosen], index) for group, options, index in groups
                if any(str(o["value"]) in chosen for o in options)]


class SearchSelectMultiple(SearchSelectMixin, forms.SelectMultiple):
    pass


class SearchSelect(SearchSelectMixin, forms.Select):
    pass


class TeamMemberForm(StyledFormMixin, forms.Form):
    person = forms.ModelChoiceField(label=_("人员"), queryset=None)
    role = forms.ChoiceField(label=_("项目中角色"), choices=TeamMember.Role.choices, initial=TeamMember.Role.MEMBER)
    title = forms.CharField(label=_("职称"), required=False, max_length=40, help_text=_("留空则取人员库中的职称"))
    workload = forms.DecimalField(label=_("投入工作量"), min_value=0.1, max_digits=6, decimal_places=1)
    workload_unit = forms.ChoiceField(label=_("工作量单位"), choices=TeamMember.WorkloadUnit.choices)

    def __init__(self, *args, candidates=None, search_url: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        from directory.models import Person

        self.fields["person"].queryset = candidates if candidates is not None else Person.objects.none()
        self.fields["person"].widget = SearchSelect(search_url=search_url)
        self.fields["person"].widget.choices = self.fields["person"].choices


class BudgetForm(forms.Form):
    """One row per category of fiscal S&T funds: requested, self-raised and a note (justification)."""

    def __init__(self, *args, project=None, **kwargs):
        super().__init__(*args, **kwargs)
        from .services.application_parts import APPLICATION_CATEGORIES

        self.categories = APPLICATION_CATEGORIES
        current = {line.category: line for line in project.budget_lines.all()} if project else {}
        for category in self.categories:
            line = current.get(category)
            for suffix, field in (
                ("requested", WanField(label=_("申请资助"), required=False)),
                ("self_raised", WanField(label=_("自筹"), required=False)),
                ("note", forms.CharField(label=_("说明/购置理由"), required=False, max_length=200)),
            ):
                field.widget.attrs["class"] = "form-control form-control-sm"
                self.fields[f"{category.value}_{suffix}"] = field
                if line is not None:
                    self.initial[f"{category.value}_{suffix}"] = getattr(line, suffix)

    def rows(self):
        """(category, requested field, self-raised field, note field) for the template."""
        return [(c, self[f"{c.value}_requested"], self[f"{c.value}_self_raised"], self[f"{c.value}_note"])
                for c in self.categories]

    def lines(self) -> list[dict]:
        data = self.cleaned_data
        return [
            {"category": c.value, "requested": data.get(f"{c.value}_requested"),
             "self_raised": data.get(f"{c.value}_self_raised"), "note": data.get(f"{c.value}_note", "")}
            for c in self.categories
        ]


class TargetForm(StyledFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("指标类型"), choices=Target.Kind.choices)
    quantity = forms.DecimalField(label=_("计划数量"), min_value=0.01, max_digits=14, decimal_places=2)
    unit = forms.CharField(label=_("单位"), required=False, max_length=12,
                           help_text=_("留空则按类型：件、项、万元、人、篇"))
    description = forms.CharField(label=_("指标说明"), required=False, max_length=200)


class AchievedForm(forms.Form):
    """At acceptance: what was achieved for each target, one field per target."""

    def __init__(self, *args, project=None, **kwargs):
        super().__init__(*args, **kwargs)
        for target in project.targets.all():
            self.fields[f"target_{target.pk}"] = forms.DecimalField(
                label=str(target), required=False, min_value=0, max_digits=14, decimal_places=2,
                initial=target.achieved, widget=forms.NumberInput(attrs={"class": "form-control form-control-sm"}),
            )

    def achieved(self) -> dict[int, object]:
        return {int(name.removeprefix("target_")): value for name, value in self.cleaned_data.items()}


class RemoveForm(forms.Form):
    """Which member or target to take off the application."""

    member = forms.IntegerField(required=False, min_value=1, max_value=2**63 - 1)
    target = forms.IntegerField(required=False, min_value=1, max_value=2**63 - 1)


class CallActionForm(forms.Form):
    action = forms.ChoiceField(choices=CallAction.choices)
    comment = forms.CharField(required=False, max_length=500)

