"""Large research instruments of the city's sharing network (大型仪器协作共用网): the registry,
blackouts, training (who may use an instrument themself), bookings and usage records."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.roles import Role
from core.models import DetailPage, TimeStampedModel, YearlyRecord, one_per_year
from core.permissions import ScopedQuerySet, region_q
from core.search import SearchableModel
from core.validators import future_date_error, raise_errors

MONEY = {"max_digits": 18, "decimal_places": 2}
NON_NEGATIVE = [MinValueValidator(Decimal("0"))]


class Category(models.TextChoices):
    """Top level of the national classification of research instruments (科研仪器分类)."""

    ANALYSIS = "01", _("分析仪器")
    PHYSICAL = "02", _("物理性能测试仪器")
    METROLOGY = "03", _("计量仪器")
    ELECTRONIC = "04", _("电子测量仪器")
    MARINE = "05", _("海洋仪器")
    GEOPHYSICAL = "06", _("地球探测仪器")
    ATMOSPHERIC = "07", _("大气探测仪器")
    SPECIAL_TESTING = "08", _("特种检测仪器")
    LASER = "09", _("激光器")
    PROCESS = "10", _("工艺试验仪器")
    COMPUTING = "11", _("计算机及其配套设备")
    ASTRONOMICAL = "12", _("天文仪器")
    MEDICAL = "13", _("医学科研仪器")
    NUCLEAR = "14", _("核仪器")
    OTHER = "15", _("其他仪器")


class PriceGroup(models.TextChoices):
    INTERNAL = "internal", _("本单位")
    OTHER_ORGANISATION = "other_org", _("市内其他单位")
    CITY_ENTERPRISE = "city_enterprise", _("市内企业")
    OUTSIDE = "outside", _("市外用户")


def _owner_q(user, field: str) -> Q:
    query = Q(**{f"{field}_id__in": user.scope_ids(Role.ORG_ADMIN, "organisation")})
    if user.region_codes:
        query |= region_q(user.region_codes, f"{field}__region__code")
    return query


class InstrumentQuerySet(ScopedQuerySet):
    """Bureau-wide roles see every instrument; an owner its own, a county its region's; and every
    signed-in user the instruments open in the network (that is what the network is for)."""

    def scoped_for(self, user):
        if user.is_bureau_wide:
            return self
        return self.filter(_owner_q(user, "owner") | Q(in_network=True))

    def bookable(self):
        return self.filter(in_network=True, status=Instrument.Status.IN_SERVICE)

    def large(self):
        from . import conf

        return self.filter(original_value__gte=conf.get("LARGE_VALUE"))


class Instrument(DetailPage, SearchableModel, TimeStampedModel):
    class Status(models.TextChoices):
        IN_SERVICE = "in_service", _("在用")
        UNDER_REPAIR = "under_repair", _("维修中")
        RETIRED = "retired", _("已报废")

    owner = models.ForeignKey(
        "directory.Organisation", on_delete=models.PROTECT, related_name="instruments", verbose_name=_("所属单位")
    )
    name = models.CharField(_("仪器名称"), max_length=200)
    model_number = models.CharField(_("规格型号"), max_length=100, blank=True)
    manufacturer = models.CharField(_("生产厂商"), max_length=200, blank=True)
    category = models.CharField(_("仪器类别"), max_length=2, choices=Category.choices, db_index=True)
    original_value = models.DecimalField(_("原值(元)"), **MONEY, validators=NON_NEGATIVE)
    purchase_date = models.DateField(_("购置日期"))
    location = models.CharField(_("安放地点"), max_length=200, blank=True)
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default=Status.IN_SERVICE)
    specifications = models.TextField(_("主要技术指标"), blank=True)
    operator_contact = models.CharField(
        _("操作人员及联系方式"), max_length=200, blank=True, help_text=_("只对管理单位和科技局显示。")
    )
    in_network = models.BooleanField(_("纳入共享网"), default=True)
    slot_minutes = models.PositiveSmallIntegerField(
        _("预约时段(分钟)"), default=60, validators=[MinValueValidator(15), MaxValueValidator(1440)]
    )
    min_notice_hours = models.PositiveSmallIntegerField(
        _("最少提前(小时)"), default=24, validators=[MaxValueValidator(24 * 60)]
    )
    max_hours = models.PositiveSmallIntegerField(
        _("单次最长(小时)"), default=8, validators=[MinValueValidator(1), MaxValueValidator(24 * 14)]
    )
    approval_required = models.BooleanField(_("预约需管理单位审核"), default=True)
    training_required = models.BooleanField(_("自主上机须经培训"), default=True)
    fee_internal = models.DecimalField(_("本单位收费(元/小时)"), **MONEY, default=0, validators=NON_NEGATIVE)
    fee_other_org = models.DecimalField(_("市内其他单位收费(元/小时)"), **MONEY, default=0, validators=NON_NEGATIVE)
    fee_city_enterprise = models.DecimalField(_("市内企业收费(元/小时)"), **MONEY, default=0, validators=NON_NEGATIVE)
    fee_outside = models.DecimalField(_("市外用户收费(元/小时)"), **MONEY, default=0, validators=NON_NEGATIVE)

    objects = InstrumentQuerySet.as_manager()
    search_fields = ("name", "model_number", "manufacturer", "specifications")

    FEE_FIELDS = {
        PriceGroup.INTERNAL: "fee_internal",
        PriceGroup.OTHER_ORGANISATION: "fee_other_org",
        PriceGroup.CITY_ENTERPRISE: "fee_city_enterprise",
        PriceGroup.OUTSIDE: "fee_outside",
    }

    class Meta:
        ordering = ["owner__name", "name"]
        verbose_name = verbose_name_plural = _("大型仪器")
        indexes = [models.Index(fields=["in_network", "status", "category"])]

    def __str__(self) -> str:
        return f"{self.name} {self.model_number}".strip()

    detail_url_name = "instruments:instrument_detail"

    def rate(self, group: str) -> Decimal:
        return getattr(self, self.FEE_FIELDS[group])

    @property
    def is_large(self) -> bool:
        from . import conf

        return self.original_value is not None and self.original_value >= conf.get("LARGE_VALUE")


class InstrumentChildQuerySet(ScopedQuerySet):
    def scoped_for(self, user):
        return self.filter(instrument__in=Instrument.objects.visible_to(user))


class Blackout(DetailPage, TimeStampedModel):
    """A period the instrument cannot be booked (maintenance, calibration, holidays)."""

    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="blackouts",
                                   verbose_name=_("仪器"))
    start = models.DateTimeField(_("开始时间"))
    end = models.DateTimeField(_("结束时间"))
    reason = models.CharField(_("原因"), max_length=200)

    objects = InstrumentChildQuerySet.as_manager()

    class Meta:
        ordering = ["instrument", "start"]
        verbose_name = verbose_name_plural = _("停用时段")
        indexes = [models.Index(fields=["instrument", "start"])]

    def __str__(self) -> str:
        return f"{self.instrument} {self.reason}"

    detail_url_name = "instruments:blackout_detail"

    def clean(self) -> None:
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": _("结束时间须晚于开始时间。The end must be after the start.")})


class Training(DetailPage, TimeStampedModel):
    """A user trained on an instrument may use it themself (自主上机)."""

    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="trainings",
                                   verbose_name=_("仪器"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="instrument_trainings",
                             verbose_name=_("用户"))
    trained_on = models.DateField(_("培训日期"))
    valid_until = models.DateField(_("有效期至"), null=True, blank=True)

    objects = InstrumentChildQuerySet.as_manager()

    class Meta:
        ordering = ["instrument", "user"]
        verbose_name = verbose_name_plural = _("上机培训")
        constraints = [models.UniqueConstraint(fields=["instrument", "user"], name="unique_instrument_training")]

    def __str__(self) -> str:
        return f"{self.user} @ {self.instrument}"

    def clean(self) -> None:
        # Checked by full_clean: on the form and again in core.services when the service saves.
        if self.valid_until and self.trained_on and self.valid_until < self.trained_on:
            raise ValidationError({"valid_until": _("有效期不能早于培训日期。Validity ends before the training.")})

    detail_url_name = "instruments:training_detail"


class BookingQuerySet(ScopedQuerySet):
    """Bureau-wide roles see all; a user their own; an org_admin those of its organisation's
    people (its statements); an owner and a county the bookings of the instruments they oversee."""

    def scoped_for(self, user):
        if user.is_bureau_wide:
            return self
        own_people = Q(organisation_id__in=user.scope_ids(Role.ORG_ADMIN, "organisation"))
        return self.filter(Q(user=user) | own_people | _owner_q(user, "instrument__owner"))

    def active(self):
        return self.filter(status__in=Booking.ACTIVE)

    def overlapping(self, start, end):
        return self.filter(start__lt=end, end__gt=start)


class Booking(DetailPage, TimeStampedModel):
    class Status(models.TextChoices):
        REQUESTED = "requested", _("待审核")
        CONFIRMED = "confirmed", _("已确认")
        REJECTED = "rejected", _("未通过")
        USED = "used", _("已使用")
        NO_SHOW = "no_show", _("爽约")
        CANCELLED = "cancelled", _("已取消")

    # These hold the instrument: no two of them may overlap (the database enforces it).
    ACTIVE = (Status.REQUESTED, Status.CONFIRMED)

    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="bookings",
                                   verbose_name=_("仪器"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="instrument_bookings",
                             verbose_name=_("预约人"))
    organisation = models.ForeignKey(
        "directory.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="instrument_bookings",
        verbose_name=_("用户单位"),
    )
    start = models.DateTimeField(_("开始时间"))
    end = models.DateTimeField(_("结束时间"))
    purpose = models.CharField(_("用途"), max_length=500)
    self_use = models.BooleanField(_("自主上机"), default=False, help_text=_("否则由管理单位人员操作(委托测试)。"))
    price_group = models.CharField(_("收费类别"), max_length=16, choices=PriceGroup.choices)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.REQUESTED)
    reminded_at = models.DateTimeField(_("提醒时间"), null=True, blank=True)

    objects = BookingQuerySet.as_manager()

    class Meta:
        ordering = ["-start"]
        verbose_name = verbose_name_plural = _("仪器预约")
        indexes = [models.Index(fields=["instrument", "start"]), models.Index(fields=["status", "start"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=models.F("start")), name="booking_end_after_start",
                violation_error_message=_("结束时间须晚于开始时间。The end must be after the start."))]

    def __str__(self) -> str:
        from django.utils import timezone

        return f"{self.instrument.name} {timezone.localtime(self.start):%Y-%m-%d %H:%M}"

    detail_url_name = "instruments:booking_detail"

    @property
    def hours(self) -> Decimal:
        return Decimal((self.end - self.start).total_seconds()) / Decimal(3600)


class UsageQuerySet(ScopedQuerySet):
    def scoped_for(self, user):
        return self.filter(booking__in=Booking.objects.visible_to(user))


class Usage(DetailPage, TimeStampedModel):
    """What was used after the slot; the fee is fixed from the price group when it is recorded."""

    booking = models.OneToOneField(Booking, on_delete=models.PROTECT, related_name="usage", verbose_name=_("预约"))
    hours = models.DecimalField(_("实际机时(小时)"), max_digits=8, decimal_places=2,
                                validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("336"))])
    samples = models.PositiveIntegerField(_("样品数"), default=0, validators=[MaxValueValidator(100_000)])
    operator = models.CharField(_("操作人员"), max_length=100)
    rate = models.DecimalField(_("单价(元/小时)"), **MONEY)
    fee = models.DecimalField(_("费用(元)"), **MONEY)

    objects = UsageQuerySet.as_manager()

    class Meta:
        ordering = ["-booking__start"]
        verbose_name = verbose_name_plural = _("使用记录")

    def __str__(self) -> str:
        return str(self.booking)

    detail_url_name = "instruments:usage_detail"


# --- the literature sharing platform (科技文献共享服务平台, seed §14) ---------------------------------


class LiteratureKind(models.TextChoices):
    JOURNAL = "journal", _("期刊数据库")
    PATENT = "patent", _("专利数据库")
    STANDARD = "standard", _("标准数据库")
    REPORT = "report", _("科技报告")
    DISSERTATION = "dissertation", _("学位论文")
    OTHER = "other", _("其他")


class AccessMode(models.TextChoices):
    IP_RANGE = "ip", _("单位 IP 授权")
    ACCOUNT = "account", _("账号登录")
    REMOTE = "remote", _("远程访问(VPN)")
    ON_SITE = "on_site", _("到馆使用")
    DELIVERY = "delivery", _("文献传递")


class LiteratureQuerySet(ScopedQuerySet):
    """What the platform offers is for every user of the network to find; who reads the yearly
    service figures is decided by the page (`permissions.can_view`)."""

    def scoped_for(self, user):
        return self


class LiteratureResource(DetailPage, SearchableModel, TimeStampedModel):
    """A shared literature or data resource (a database the platform opens to the city's users)."""

    name = models.CharField(_("资源名称"), max_length=200, unique=True)
    provider = models.ForeignKey("directory.Organisation", on_delete=models.PROTECT, related_name="literature",
                                 verbose_name=_("提供单位"))
    kind = models.CharField(_("资源类型"), max_length=12, choices=LiteratureKind.choices, db_index=True)
    access_mode = models.CharField(_("访问方式"), max_length=10, choices=AccessMode.choices)
    url = models.URLField(_("访问地址"), blank=True)
    description = models.TextField(_("资源简介"), blank=True)
    covered = models.ManyToManyField("directory.Organisation", related_name="literature_access", blank=True,
                                     verbose_name=_("覆盖单位"))
    opened_on = models.DateField(_("开通日期"))
    in_service = models.BooleanField(_("服务中"), default=True)

    objects = LiteratureQuerySet.as_manager()
    search_fields = ("name", "description")

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = verbose_name_plural = _("共享文献资源")

    def __str__(self) -> str:
        return self.name

    detail_url_name = "instruments:literature_detail"

    def clean(self) -> None:
        raise_errors({"opened_on": future_date_error(self.opened_on, _("开通日期"))})


class LiteratureUse(DetailPage, YearlyRecord, TimeStampedModel):
    """A resource's service figures for a year (服务人次、检索、下载、服务单位)."""

    resource = models.ForeignKey(LiteratureResource, on_delete=models.PROTECT, related_name="uses",
                                 verbose_name=_("文献资源"))
    year = models.PositiveSmallIntegerField(_("年度"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    users_served = models.PositiveIntegerField(_("服务人次"), validators=[MaxValueValidator(100_000_000)])
    searches = models.PositiveIntegerField(_("检索次数"), default=0, validators=[MaxValueValidator(1_000_000_000)])
    downloads = models.PositiveIntegerField(_("下载篇次"), default=0, validators=[MaxValueValidator(1_000_000_000)])
    organisations_served = models.PositiveIntegerField(_("服务单位数"), default=0,
                                                       validators=[MaxValueValidator(1_000_000)])

    objects = LiteratureQuerySet.as_manager()
    owner_field = "resource"

    class Meta(YearlyRecord.Meta):
        ordering = ["-year", "resource"]
        verbose_name = verbose_name_plural = _("文献服务记录")
        constraints = [one_per_year("resource", "unique_literature_use_year",
                                    _("该资源本年度已有服务记录。This resource already has a record for the year."))]

    detail_url_name = "instruments:literature_use_detail"

    def clean(self) -> None:
        super().clean()
        # Every organisation served sent at least one of the people served.
        served, organisations = self.users_served, self.organisations_served
        if organisations and served is not None and organisations > served:
            raise ValidationError({"organisations_served": _(
                "服务单位数不能多于服务人次。More organisations than users served.")})
