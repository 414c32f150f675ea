"""Edit forms; the Excel importer validates every row with these same forms."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.roles import Role
from core.forms import LabelOrValueChoiceField, StyledFormMixin
from core.today import today as current_date
from directory.forms import organisation_field, own_organisations, region_field
from directory.models import Person

from . import patent_numbers
from .models import IPAdvantage, Patent, RegionPopulation, SubsidyApplication, SubsidyPolicy, SubsidyRate


class PatentForm(StyledFormMixin, forms.ModelForm):
    number = forms.CharField(
        label=_("申请号"), max_length=30, help_text=_("如 ZL200810012345.3;可带 ZL/CN 前缀、空格。")
    )
    kind = LabelOrValueChoiceField(
        choices=[("", "—"), *Patent.Kind.choices],
        required=False,
        label=_("专利类型"),
        help_text=_("留空则按申请号中的类型位确定。"),
    )
    status = LabelOrValueChoiceField(choices=Patent.Status.choices, label=_("法律状态"))
    applicant_organisation = organisation_field(False, _("第一申请人(单位)"))
    applicant_name = forms.CharField(
        label=_("第一申请人"),
        max_length=200,
        required=False,
        help_text=_("个人申请人填姓名;单位申请人可留空。"),
    )
    region = region_field(required=False, label=_("所属县区代码"))

    sheet_shares_fields = True  # __init__ sets the fields from user= only (core.import_checks.row_forms)

    class Meta:
        model = Patent
        fields = [
            "number",
            "title",
            "kind",
            "status",
            "filing_date",
            "grant_date",
            "lapse_date",
            "applicant_organisation",
            "applicant_person",
            "applicant_name",
            "co_applicants",
            "region",
        ]
        widgets = {"applicant_person": forms.NumberInput}  # the person's id; a <select> would list everyone

    def __init__(
        self, *args, user=None, seen_numbers: set | None = None, registered_numbers: set | None = None, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.user = user
        self.seen_numbers = seen_numbers  # shared by the rows of one import
        self.registered_numbers = registered_numbers  # an import's chunk: its numbers already registered
        # clean() reads the first applicant's region: fetched with the applicant (an import's
        # lookups read all its organisations at once, core.import_lookups).
        self.fields["applicant_organisation"].queryset = own_organisations(user).select_related("region")
        people = Person.objects.visible_to(user) if user is not None else Person.objects.all()
        self.fields["applicant_person"].queryset = people.select_related("organisation__region")
        self.fields["applicant_person"].required = False
        if user is not None and not user.has_role(Role.ADMIN, Role.OFFICER):
            self.fields["applicant_organisation"].required = True  # an org_admin files for its organisation

    def clean_number(self):
        try:
            number = patent_numbers.parse(self.cleaned_data["number"], current_date())
        except patent_numbers.PatentNumberError as exc:
            raise forms.ValidationError(str(exc), code=f"patent_{exc.code}") from exc
        if self._registered(number.canonical):
            raise forms.ValidationError(
                _("申请号 %(number)s 已登记。This application number is already registered."),
                code="duplicate",
                params={"number": number.canonical},
            )
        if self.seen_numbers is not None:
            if number.canonical in self.seen_numbers:
                raise forms.ValidationError(
                    _("申请号 %(number)s 与表中前面的行重复。Duplicate of an earlier row."),
                    code="duplicate",
                    params={"number": number.canonical},
                )
            self.seen_numbers.add(number.canonical)
        self.parsed_number = number
        return number.canonical

    @classmethod
    def sheet_prefetch(cls, records: list[dict]) -> dict:
        """For an import's chunk of rows: the numbers among them already registered, in one query
        (core.xlsx), so that clean_number does not ask for each row."""
        today, numbers = current_date(), set()
        for record in records:
            try:
                numbers.add(patent_numbers.parse(str(record.get("number", "")).strip(), today).canonical)
            except patent_numbers.PatentNumberError:
                continue  # clean_number reports it
        registered = Patent.objects.filter(number__in=numbers).values_list("number", flat=True)
        return {"registered_numbers": set(registered)}

    def _registered(self, canonical: str) -> bool:
        if self.registered_numbers is not None and self.instance.pk is None:
            return canonical in self.registered_numbers
        return Patent.objects.filter(number=canonical).exclude(pk=self.instance.pk).exists()

    def clean(self):
        data = super().clean()
        number = getattr(self, "parsed_number", None)
        if number is not None and not data.get("kind"):
            data["kind"] = number.kind  # blank = the type the number says; Patent.clean checks the rest
        self._check_applicant(data)
        return data

    def _check_applicant(self, data) -> None:
        org = data.get("applicant_organisation")
        person = data.get("applicant_person")
        if org is not None:
            data["applicant_name"] = data.get("applicant_name") or org.name
            data["region"] = org.region  # the first applicant's region decides the county
        elif person is not None:
            data["applicant_name"] = data.get("applicant_name") or person.name
            data["region"] = data.get("region") or person.organisation.region
        if not data.get("applicant_name"):
            self.add_error(
                "applicant_name",
                forms.ValidationError(_("请填写第一申请人。The first applicant is required."), code="required"),
            )
        if not data.get("region"):
            self.add_error(
                "region",
                forms.ValidationError(
                    _("个人申请人须填写所属县区。A region is required for an individual applicant."),
                    code="required",
                ),
            )


RATE_KINDS = [k for k, _label in Patent.Kind.choices]
RATE_STAGES = [s for s, _label in SubsidyRate.Stage.choices]


def rate_field_name(kind: str, stage: str) -> str:
    return f"rate_{kind}_{stage}"


class SubsidyPolicyForm(StyledFormMixin, forms.ModelForm):
    """The policy and its amounts per type and stage (blank = that type/stage is not subsidised)."""

    class Meta:
        model = SubsidyPolicy
        fields = ["year", "title", "total_budget", "cap_per_applicant", "is_open", "requires_notice"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        existing = {}
        if self.instance.pk:
            existing = {(r.kind, r.stage): r.amount for r in self.instance.rates.all()}
        for kind, kind_label in Patent.Kind.choices:
            for stage, stage_label in SubsidyRate.Stage.choices:
                name = rate_field_name(kind, stage)
                self.fields[name] = forms.DecimalField(
                    label=f"{kind_label}·{stage_label}(元)",
                    required=False,
                    min_value=Decimal("0"),
                    max_digits=18,
                    decimal_places=2,
                    initial=existing.get((kind, stage)),
                )
                self.fields[name].widget.attrs["class"] = "form-control"

    def clean(self):
        data = super().clean()
        if not any(data.get(rate_field_name(k, s)) for k in RATE_KINDS for s in RATE_STAGES):
            raise forms.ValidationError(_("至少填写一项资助标准。Give at least one amount."), code="no_rates")
        return data

    def rates(self) -> dict[tuple[str, str], Decimal]:
        return {
            (k, s): self.cleaned_data[rate_field_name(k, s)]
            for k in RATE_KINDS
            for s in RATE_STAGES
            if self.cleaned_data.get(rate_field_name(k, s))
        }


class SubsidyApplicationForm(StyledFormMixin, forms.ModelForm):
    policy = forms.ModelChoiceField(
        queryset=SubsidyPolicy.objects.filter(is_open=True), to_field_name="year", label=_("资助年度")
    )
    patent = forms.CharField(label=_("专利申请号"), max_length=30)
    stage = LabelOrValueChoiceField(choices=SubsidyRate.Stage.choices, label=_("阶段"))

    class Meta:
        model = SubsidyApplication
        fields = ["policy", "patent", "stage"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if self.instance.pk:
            self.initial["patent"] = self.instance.patent.number
            self.initial["policy"] = self.instance.policy.year

    def clean_patent(self):
        raw = self.cleaned_data["patent"]
        try:
            number = patent_numbers.canonical(raw)
        except patent_numbers.PatentNumberError as exc:
            raise forms.ValidationError(str(exc), code=f"patent_{exc.code}") from exc
        queryset = Patent.objects.visible_to(self.user) if self.user is not None else Patent.objects.all()
        patent = queryset.filter(number=number).first()
        if patent is None:
            raise forms.ValidationError(_("未找到该专利,请先登记。Patent not registered."), code="unknown_patent")
        return patent


class IPAdvantageForm(StyledFormMixin, forms.ModelForm):
    kind = LabelOrValueChoiceField(choices=IPAdvantage.Kind.choices, label=_("类别"))
    level = LabelOrValueChoiceField(choices=IPAdvantage._meta.get_field("level").choices, label=_("级别"))
    status = LabelOrValueChoiceField(choices=IPAdvantage.Status.choices, label=_("状态"))
    region = region_field()
    organisation = organisation_field(False, _("企业"))

    class Meta:
        model = IPAdvantage
        fields = ["kind", "level", "region", "organisation", "status", "recognised_on"]


class RegionPopulationForm(StyledFormMixin, forms.ModelForm):
    region = region_field()

    class Meta:
        model = RegionPopulation
        fields = ["region", "year", "population"]
