import datetime as dt

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import DetailPage, TimeStampedModel
from core.permissions import ScopedQuerySet, region_q
from core.search import SearchableModel
from core.validators import validate_uscc


class RegionQuerySet(ScopedQuerySet):
    def scoped_for(self, user):
        return self  # administrative divisions are public knowledge

    def valid_on(self, day: dt.date):
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gt=day)
        )


class Region(DetailPage, models.Model):
    """A GB/T 2260 administrative division (or a statistical zone), valid over a date range."""

    class Level(models.TextChoices):
        CITY = "city", _("地级市")
        DISTRICT = "district", _("市辖区")
        COUNTY = "county", _("县")
        COUNTY_CITY = "county_city", _("县级市")
        ZONE = "zone", _("功能区（统计区）")

    code = models.CharField(_("区划代码"), max_length=6, unique=True)
    name = models.CharField(_("名称"), max_length=40)
    level = models.CharField(_("级别"), max_length=12, choices=Level.choices)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    valid_from = models.DateField(_("启用日期"), null=True, blank=True)
    valid_to = models.DateField(_("停用日期"), null=True, blank=True)
    successor = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="predecessors", verbose_name=_("并入/改设为"),
    )

    objects = RegionQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = verbose_name_plural = _("行政区划")

    def __str__(self) -> str:
        return self.name

    detail_url_name = "directory:region_detail"

    @property
    def is_current(self) -> bool:
        return self.valid_to is None or self.valid_to > timezone.localdate()


class DivisionQuerySet(ScopedQuerySet):
    def scoped_for(self, user):
        return self


class Division(DetailPage, models.Model):
    """A division (科室) of the bureau."""

    code = models.SlugField(_("代码"), max_length=30, unique=True)
    name = models.CharField(_("名称"), max_length=40, unique=True)
    duties = models.TextField(_("职责"), blank=True)

    objects = DivisionQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = verbose_name_plural = _("科室")

    def __str__(self) -> str:
        return self.name

    detail_url_name = "directory:division_detail"


class OrganisationQuerySet(ScopedQuerySet):
    def scoped_for(self, user):
        if user.is_bureau_wide:
            return self
        query = Q(pk__in=user.organisation_ids)
        if user.region_codes:
            query |= region_q(user.region_codes)
        return self.filter(query)


class Organisation(DetailPage, SearchableModel, TimeStampedModel):
    class Kind(models.TextChoices):
        ENTERPRISE = "enterprise", _("企业")
        UNIVERSITY = "university", _("高等院校")
        INSTITUTE = "institute", _("科研院所")
        HOSPITAL = "hospital", _("医疗机构")
        PUBLIC_INSTITUTION = "public_institution", _("事业单位")
        INTERMEDIARY = "intermediary", _("中介服务机构")
        GOVERNMENT = "government", _("政府部门")

    name = models.CharField(_("单位名称"), max_length=200)
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, unique=True, validators=[validate_uscc])
    kind = models.CharField(_("单位类型"), max_length=20, choices=Kind.choices, db_index=True)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="organisations", verbose_name=_("所在区划")
    )
    industry = models.CharField(_("所属行业"), max_length=60, blank=True)
    address = models.CharField(_("地址"), max_length=200, blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=30, blank=True)
    former_ministry_institute = models.BooleanField(_("原部属院所"), default=False)

    objects = OrganisationQuerySet.as_manager()
    search_fields = ("name", "industry", "address")

    class Meta:
        ordering = ["name"]
        verbose_name = verbose_name_plural = _("单位")
        # The list pages order by name; these serve that order alone and within a kind or region.
        indexes = [
            models.Index(fields=["name"]),
            models.Index(fields=["kind", "name"]),
            models.Index(fields=["region", "name"]),
        ]

    def __str__(self) -> str:
        return self.name

    detail_url_name = "directory:organisation_detail"


class PersonQuerySet(ScopedQuerySet):
    def scoped_for(self, user):
        if user.is_bureau_wide:
            return self
        query = Q(organisation_id__in=user.scope_ids("org_admin", "organisation"))
        if user.person_id:
            query |= Q(pk=user.person_id)
        if user.region_codes:
            query |= region_q(user.region_codes, "organisation__region__code")
        return self.filter(query)


class Person(DetailPage, SearchableModel, TimeStampedModel):
    class Degree(models.TextChoices):
        DOCTORATE = "doctorate", _("博士")
        MASTER = "master", _("硕士")
        BACHELOR = "bachelor", _("学士")
        OTHER = "other", _("其他")

    class Sex(models.TextChoices):
        MALE = "M", _("男")
        FEMALE = "F", _("女")

    name = models.CharField(_("姓名"), max_length=60)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="people", verbose_name=_("所在单位")
    )
    title = models.CharField(_("职称"), max_length=40, blank=True)
    degree = models.CharField(_("学位"), max_length=12, choices=Degree.choices, blank=True)
    disciplines = models.CharField(_("学科领域"), max_length=200, blank=True)
    phone = models.CharField(_("联系电话"), max_length=30, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    sex = models.CharField(_("性别"), max_length=1, choices=Sex.choices, blank=True)
    birth_date = models.DateField(_("出生日期"), null=True, blank=True)
    # The resident ID number is kept encrypted; the blind index finds duplicates without decrypting.
    id_number_encrypted = models.TextField(blank=True)
    id_number_index = models.CharField(max_length=64, blank=True, db_index=True)
    id_number_masked = models.CharField(_("身份证号"), max_length=18, blank=True)

    objects = PersonQuerySet.as_manager()
    search_fields = ("name", "title", "disciplines")

    class Meta:
        ordering = ["name", "pk"]
        indexes = [models.Index(fields=["name", "id"]), models.Index(fields=["organisation", "name"])]
        verbose_name = verbose_name_plural = _("人员")
        constraints = [
            models.UniqueConstraint(
                fields=["id_number_index"], condition=~Q(id_number_index=""), name="unique_person_id_number",
                violation_error_message=_("该身份证号码已登记。This ID number is already registered.")
            )
        ]

    def __str__(self) -> str:
        return self.name

    detail_url_name = "directory:person_detail"

    def set_id_number(self, id_number: str) -> None:
        for name, value in id_number_fields(id_number).items():
            setattr(self, name, value)

    @property
    def id_number(self) -> str:
        from core.crypto import decrypt

        return decrypt(self.id_number_encrypted) if self.id_number_encrypted else ""


def id_number_fields(id_number: str, *, today: dt.date | None = None) -> dict[str, object]:
    """What a person stores of a resident ID number (validated here, against `today`'s date unless
    the caller, such as the demo seed's 200,000 people written as plain rows, read it once): the
    encrypted number, its blind index and masked form, and the birth date and sex it encodes; blank
    clears the first three. For Person.set_id_number too."""
    from core.crypto import blind_index, encrypt
    from core.validators import birth_date_and_sex, mask_resident_id, validate_resident_id

    if not id_number:
        return {"id_number_encrypted": "", "id_number_index": "", "id_number_masked": ""}
    number = validate_resident_id(id_number, today=today)
    birth_date, sex = birth_date_and_sex(number)
    return {"id_number_encrypted": encrypt(number), "id_number_index": blind_index(number),
            "id_number_masked": mask_resident_id(number), "birth_date": birth_date, "sex": sex}
