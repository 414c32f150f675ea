"""Programs, calls, and applications/projects with their task book, money and outcomes.

An application and the project it becomes are one row (`Project`): the lifecycle in
`workflow.py` runs from draft to closed, so a list of "projects" is a stage filter.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import DetailPage, Level, TimeStampedModel
from core.search import SearchableModel
from core.search_index import FtsText

from .querysets import CallQuerySet, ObjectionQuerySet, OpenToStaffQuerySet, ProjectQuerySet
from .workflow import ACCEPTED_LIST, APPROVED_LIST, CallState, ChangeKind, ChangeState, State

MONEY = {"max_digits": 18, "decimal_places": 2}
NON_NEGATIVE = [MinValueValidator(Decimal("0"))]


class Program(DetailPage, TimeStampedModel):
    """A plan category (计划类别) with its application form and review template."""

    code = models.SlugField(_("代码"), max_length=40, unique=True)
    name = models.CharField(_("名称"), max_length=100, unique=True)
    division = models.ForeignKey(
        "directory.Division",
        verbose_name=_("责任科室"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="programs",
    )
    description = models.TextField(_("说明"), blank=True)
    fields = models.JSONField(_("支持领域"), default=list, blank=True)
    funding_min = models.DecimalField(_("资助下限(元)"), default=0, validators=NON_NEGATIVE, **MONEY)
    funding_max = models.DecimalField(_("资助上限(元)"), default=0, validators=NON_NEGATIVE, **MONEY)
    required_fields = models.JSONField(_("必填字段"), default=list, blank=True)
    required_attachments = models.JSONField(_("必交附件"), default=list, blank=True)
    review_template = models.JSONField(_("评审模板"), default=list, blank=True)
    needs_academic_partner = models.BooleanField(_("须有高校或科研院所合作"), default=False)
    is_major_special = models.BooleanField(_("重大专项"), default=False)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)
    active = models.BooleanField(_("启用"), default=True)
    # The application's rules (issue 15): who may apply, how the budget is built, how many
    # projects one person may carry at once, and the default recommender quota per county.
    eligibility = models.TextField(_("申报条件"), blank=True)
    overhead_cap = models.DecimalField(
        _("间接费用上限(占申请资助%)"), max_digits=5, decimal_places=2, default=Decimal("20"),
        validators=[*NON_NEGATIVE, MaxValueValidator(Decimal("100"))],
    )
    equipment_threshold = models.DecimalField(
        _("设备费须说明的金额(元)"), default=Decimal("100000"), validators=NON_NEGATIVE,
        help_text=_("设备费申请金额超过此数须填写购置理由；0 表示一律须说明"), **MONEY,
    )
    pi_project_limit = models.PositiveSmallIntegerField(
        _("负责人同时承担项目上限"), null=True, blank=True, help_text=_("在研与在申项目合计；留空表示不限")
    )
    member_project_limit = models.PositiveSmallIntegerField(
        _("成员同时参与项目上限"), null=True, blank=True, help_text=_("在研与在申项目合计；留空表示不限")
    )
    county_quotas = models.JSONField(_("各县区推荐名额"), default=dict, blank=True)

    objects = OpenToStaffQuerySet.as_manager()

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = verbose_name_plural = _("计划类别")

    def __str__(self) -> str:
        return self.name

    detail_url_name = "projects:program_detail"


class Call(DetailPage, TimeStampedModel):
    """A call for applications (申报通知/指南) with its window and recommender quotas."""

    program = models.ForeignKey(Program, verbose_name=_("计划类别"), on_delete=models.PROTECT, related_name="calls")
    year = models.PositiveSmallIntegerField(_("年度"))
    title = models.CharField(_("标题"), max_length=200)
    guide = models.TextField(_("申报指南"), blank=True)
    opens_at = models.DateTimeField(_("开始时间"))
    closes_at = models.DateTimeField(_("截止时间"))
    default_quota = models.PositiveIntegerField(
        _("每个推荐单位名额"),
        null=True,
        blank=True,
        help_text=_("留空表示不限"),
    )
    status = models.CharField(_("状态"), max_length=10, choices=CallState.choices, default=CallState.DRAFT,
                              db_index=True)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)

    objects = CallQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-opens_at"]
        verbose_name = verbose_name_plural = _("申报通知")
        constraints = [
            models.CheckConstraint(condition=Q(closes_at__gt=models.F("opens_at")), name="call_window_order",
                violation_error_message=_("截止时间须晚于开始时间。The call must close after it opens.")),
        ]

    def __str__(self) -> str:
        return self.title

    detail_url_name = "projects:call_detail"

    def is_open(self, at=None) -> bool:
        """Published and inside its window: a draft or closed call takes no application."""
        at = at or timezone.now()
        return self.status == CallState.PUBLISHED and self.opens_at <= at <= self.closes_at

    def quota_for(self, recommender_key: str) -> int | None:
        """The call's own quota for this recommender, else the program's for the county, else the default."""
        override = self.quotas.filter(recommender=recommender_key).first()
        if override:
            return override.quota
        county = (self.program.county_quotas or {}).get(recommender_key)
        return int(county) if county is not None else self.default_quota


class CallQuota(models.Model):
    """A quota for one recommender: a county region code, or ``org:<id>`` for a department."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="quotas")
    recommender = models.CharField(_("推荐单位"), max_length=40)
    quota = models.PositiveIntegerField(_("名额"))

    class Meta:
        verbose_name = verbose_name_plural = _("推荐名额")
        constraints = [models.UniqueConstraint(fields=["call", "recommender"], name="unique_call_quota")]

    def __str__(self) -> str:
        return f"{self.call}: {self.recommender} {self.quota}"


class Project(DetailPage, SearchableModel, TimeStampedModel):
    """An application (申报书) and, once approved (立项), the project it becomes."""

    number = models.CharField(_("编号"), max_length=40, unique=True)
    title = models.CharField(_("项目名称"), max_length=200, db_index=True)
    call = models.ForeignKey(
        Call,
        verbose_name=_("申报通知"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="projects",
    )
    program = models.ForeignKey(Program, verbose_name=_("计划类别"), on_delete=models.PROTECT, related_name="projects")
    year = models.PositiveSmallIntegerField(_("年度"), db_index=True)
    field = models.CharField(_("领域"), max_length=60, blank=True, db_index=True)
    status = models.CharField(_("状态"), max_length=24, choices=State.choices, default=State.DRAFT, db_index=True)
    applicant_org = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("承担单位"),
        on_delete=models.PROTECT,
        related_name="projects",
    )
    # The undertaker's region, copied here so that a county's list is one index range (see
    # in_regions). Set on every save from the organisation; projects.signals follows an
    # organisation that moves to another region.
    region = models.ForeignKey(
        "directory.Region",
        verbose_name=_("所在区划"),
        null=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="+",
    )
    partners = models.ManyToManyField(
        "directory.Organisation", verbose_name=_("合作单位"), blank=True, related_name="partner_projects"
    )
    # Historical (imported) projects may have a PI without an account: the name is kept apart.
    pi = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("项目负责人账号"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="projects",
    )
    pi_name = models.CharField(_("项目负责人"), max_length=60, blank=True)
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("分管局领导"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_projects",
    )
    division = models.ForeignKey(
        "directory.Division",
        verbose_name=_("责任科室"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="projects",
    )
    # PROTECT: who prepared an application is evidence for a later credit event (an application
    # found false); deleting the agency must not erase it. A string reference: agencies imports us.
    prepared_by = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("申报代理机构"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="prepared_projects",
    )
    summary = models.TextField(_("项目简介"), blank=True)
    goals = models.TextField(_("目标与考核指标"), blank=True)
    start_date = models.DateField(_("开始日期"), null=True, blank=True)
    end_date = models.DateField(_("结束日期"), null=True, blank=True)
    requested_funding = models.DecimalField(_("申请资助(元)"), default=0, validators=NON_NEGATIVE, **MONEY)
    self_funding = models.DecimalField(_("自筹(元)"), default=0, validators=NON_NEGATIVE, **MONEY)
    proposed_funding = models.DecimalField(_("拟资助(元)"), null=True, blank=True, validators=NON_NEGATIVE, **MONEY)
    approved_funding = models.DecimalField(_("批准资助(元)"), null=True, blank=True, validators=NON_NEGATIVE, **MONEY)
    review_score = models.DecimalField(_("评审分数"), max_digits=5, decimal_places=2, null=True, blank=True)
    review_source = models.CharField(_("评分来源"), max_length=20, blank=True)
    notice_start = models.DateTimeField(_("公示开始"), null=True, blank=True)
    notice_end = models.DateTimeField(_("公示截止"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True, db_index=True)
    approved_at = models.DateTimeField(_("立项时间"), null=True, blank=True, db_index=True)
    signed_at = models.DateTimeField(_("任务书签订时间"), null=True, blank=True)
    closed_at = models.DateTimeField(_("结题时间"), null=True, blank=True)
    feedback = models.TextField(_("最近意见"), blank=True)
    status_changed_at = models.DateTimeField(_("状态变更时间"), default=timezone.now)

    recommender = models.CharField(_("推荐单位"), max_length=40, blank=True, db_index=True)
    # Applications the bureau forwards to the province or the state (seed §2: 申报国家、省级科技项目).
    level = models.CharField(_("项目级别"), max_length=12, choices=Level.choices, default=Level.CITY, db_index=True)

    objects = ProjectQuerySet.as_manager()
    # The abstract (summary) is searched with the title and field; 200k rows: an index (BENCHMARKS.md).
    search_fields = ("title", "summary", "field")
    search_indexed = True
    # Who answers for the project, as its page and the API show them: the undertaker, the PI (an
    # account, or a name for a historical project), the bureau's leader and division in charge.
    responsible_fields = ["applicant_org", "pi", "pi_name", "leader", "division"]

    class Meta:
        ordering = ["-id"]
        verbose_name = verbose_name_plural = _("项目")
        indexes = [
            models.Index(fields=["status", "division", "-id"]),
            # Work queues (an officer's: by division too): oldest waiting first, without reading the table.
            models.Index(fields=["status", "status_changed_at", "id"], name="project_queue_idx"),
            models.Index(fields=["status", "division", "status_changed_at", "id"], name="project_queue_division_idx"),
            # A queue over many states (an officer's: 14) is many ranges of the two above, which
            # PostgreSQL reads whole and sorts (41,000 rows, 30-90 ms, for one division at province
            # scale); walking this one in queue order stops at the page's 25th match (0.2-1.4 ms).
            models.Index(fields=["status_changed_at", "id"], name="project_queue_order_idx"),
            models.Index(fields=["program", "year", "status"]),
            # The year's arranged projects (projects.indicator_sources.approved): a range of
            # approved_at per arranged status, read from the index alone (the first-half check, the
            # drill-down counts).
            models.Index(
                fields=["status", "approved_at", "program", "level", "field", "approved_funding"],
                name="project_arranged_tally_idx",
            ),
            # The plan dashboard's arranged projects per program, program field and level
            # (projects.indicator_sources.arranged_tally): each part one range of approved_at per
            # arranged status, counted or summed from the index alone.
            models.Index(fields=["program", "status", "approved_at"], name="project_program_arranged_idx"),
            models.Index(fields=["program", "field", "status", "approved_at"], name="project_field_arranged_idx"),
            models.Index(
                fields=["level", "status", "approved_at", "approved_funding"], name="project_level_arranged_idx"
            ),
            # 申报国家、省级科技项目 (projects.superior_submitted): the levels' submissions of a year,
            # counted from the index alone.
            models.Index(fields=["level", "submitted_at"], name="project_level_submitted_idx"),
            models.Index(fields=["pi", "-id"]),
            models.Index(fields=["applicant_org", "-id"]),
            models.Index(fields=["region", "-id"], name="project_region_idx"),
            models.Index(fields=["region", "status", "id"], name="project_region_status_idx"),
            # Cycle-time analytics: approvals per call and per year read from the index alone.
            models.Index(fields=["call", "approved_at"], name="project_call_approved_idx"),
            models.Index(fields=["year", "approved_at"], name="project_year_approved_idx"),
            # The public result lists (portal) walk projects newest year first, by number.
            models.Index(fields=["-year", "number"], name="project_public_list_idx"),
            # Partial indexes with exactly the public lists' conditions: each list page is a short
            # walk of its own index in list order (keyset pages, no COUNT), see BENCHMARKS.md.
            models.Index(fields=["-year", "number"], condition=APPROVED_LIST, name="project_approved_list_idx"),
            models.Index(fields=["-year", "number"], condition=ACCEPTED_LIST, name="project_accepted_list_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    @classmethod
    def from_db(cls, db, field_names, values):
        project = super().from_db(db, field_names, values)
        project._stored_org_id = project.__dict__.get("applicant_org_id")
        return project

    def save(self, *args, **kwargs):
        moved = self.region_id is None or self.applicant_org_id != getattr(self, "_stored_org_id", None)
        if moved and self.applicant_org_id:
            self.region_id = self.applicant_org.region_id
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "region"}
        super().save(*args, **kwargs)
        self._stored_org_id = self.applicant_org_id

    detail_url_name = "projects:project_detail"

    def team_people(self):
        """The directory people on the team (read by the expert conflict rules of reviews)."""
        from directory.models import Person

        return Person.objects.filter(project_roles__project=self)

    @property
    def budget_total(self) -> Decimal:
        return self.budget_lines.aggregate(total=Sum("amount"))["total"] or Decimal("0")

    @property
    def planned_total(self) -> Decimal:
        """What the budget lines must add up to: approved (or requested) funding plus own money."""
        funding = self.approved_funding if self.approved_funding is not None else self.requested_funding
        return funding + self.self_funding


class ProjectSearchRow(models.Model):
    """A row of the projects' FTS5 index on SQLite (core.search_index), which core.search joins on
    the project's id; PostgreSQL has no such table and never reads this model."""

    project = models.OneToOneField(Project, models.DO_NOTHING, primary_key=True, db_column="rowid",
                                   db_constraint=False, related_name="search_row")
    search_text = FtsText()

    class Meta:
        managed = False
        db_table = "projects_project_fts"

    def __str__(self) -> str:
        return str(self.project_id)


class BudgetLine(models.Model):
    class Category(models.TextChoices):
        EQUIPMENT = "equipment", _("设备费")
        MATERIALS = "materials", _("材料费")
        TESTING = "testing", _("测试化验加工费")
        ENERGY = "energy", _("燃料动力费")
        TRAVEL = "travel", _("差旅费")
        MEETINGS = "meetings", _("会议费")
        COOPERATION = "cooperation", _("合作与交流费")
        PUBLICATION = "publication", _("出版/文献/信息传播费")
        LABOUR = "labour", _("劳务费")
        EXPERTS = "experts", _("专家咨询费")
        OVERHEAD = "overhead", _("间接费用")
        OTHER = "other", _("其他")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="budget_lines")
    category = models.CharField(_("科目"), max_length=20, choices=Category.choices)
    # `amount` is the line's total; the application splits it into what is asked of the bureau
    # and what the applicant raises itself (a task-book line may carry the total only).
    amount = models.DecimalField(_("金额(元)"), validators=NON_NEGATIVE, **MONEY)
    requested = models.DecimalField(_("申请资助(元)"), default=0, validators=NON_NEGATIVE, **MONEY)
    self_raised = models.DecimalField(_("自筹(元)"), default=0, validators=NON_NEGATIVE, **MONEY)
    note = models.CharField(_("说明"), max_length=200, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = verbose_name_plural = _("预算明细")
        constraints = [models.CheckConstraint(condition=Q(amount__gte=0), name="budget_line_non_negative",
                violation_error_message=_("预算金额不能为负数。A budget amount cannot be negative."))]

    def __str__(self) -> str:
        return f"{self.get_category_display()} {self.amount}"


class Milestone(models.Model):
    """A task-book milestone or payment step; overdue ones show on the leader's page."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("节点"), max_length=200)
    due_date = models.DateField(_("计划日期"))
    payment = models.DecimalField(_("拨款计划(元)"), default=0, validators=NON_NEGATIVE, **MONEY)
    done_on = models.DateField(_("完成日期"), null=True, blank=True)

    class Meta:
        ordering = ["due_date", "id"]
        verbose_name = verbose_name_plural = _("进度节点")

    def __str__(self) -> str:
        return self.title


class Disbursement(models.Model):
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="disbursements")
    amount = models.DecimalField(_("金额(元)"), **MONEY)
    paid_on = models.DateField(_("拨付日期"))
    voucher = models.CharField(_("凭证号"), max_length=60, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["paid_on", "id"]
        verbose_name = verbose_name_plural = _("拨款")
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="disbursement_positive",
                violation_error_message=_("拨付金额须大于零。A disbursement must be more than zero."))]

    def __str__(self) -> str:
        return f"{self.project.number} {self.amount}"


class Report(models.Model):
    """Annual, expenditure, mid-term and final reports; late ones record a credit event."""

    class Kind(models.TextChoices):
        ANNUAL = "annual", _("年度报告")
        EXPENDITURE = "expenditure", _("经费支出报告")
        MIDTERM = "midterm", _("中期报告")
        FINAL = "final", _("总结报告")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="reports")
    kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices)
    due_date = models.DateField(_("应交日期"))
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    content = models.TextField(_("内容"), blank=True)
    spent = models.DecimalField(_("累计支出(元)"), null=True, blank=True, validators=NON_NEGATIVE, **MONEY)

    class Meta:
        ordering = ["due_date", "id"]
        verbose_name = verbose_name_plural = _("项目报告")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.due_date}"

    @property
    def is_late(self) -> bool:
        done = timezone.localdate(self.submitted_at) if self.submitted_at else timezone.localdate()
        return done > self.due_date


class Outcome(models.Model):
    class Kind(models.TextChoices):
        PATENT = "patent", _("专利")
        PRODUCT = "product", _("新产品")
        STANDARD = "standard", _("标准")
        REVENUE = "revenue", _("新增产值/收入")
        KEY_TECHNOLOGY = "key_technology", _("突破关键技术")
        PAPER = "paper", _("论文")
        VARIETY = "variety", _("新品种")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="outcomes")
    kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("名称"), max_length=200)
    reference = models.CharField(_("编号(专利号/标准号)"), max_length=60, blank=True)
    amount = models.DecimalField(_("金额(元)"), null=True, blank=True, validators=NON_NEGATIVE, **MONEY)
    # Linked when the registries already know the record (a patent by its application number,
    # a high-tech product by its certificate number), so the outcome can be followed there.
    patent = models.ForeignKey("ip.Patent", null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="project_outcomes", verbose_name=_("登记的专利"))
    product = models.ForeignKey("registries.HighTechProduct", null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="project_outcomes", verbose_name=_("登记的高新技术产品"))
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = verbose_name_plural = _("项目成果")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.title}"


class Objection(models.Model):
    """An objection received during the public notice (公示) and how it was resolved.

    Officers record objections received on paper (``internal``); the public portal files them
    directly (``public``) with a receipt code the filer uses to follow it. The filer's name and
    contact are for the officer only and never shown on a public page.
    """

    class Source(models.TextChoices):
        INTERNAL = "internal", _("科室登记")
        PUBLIC = "public", _("网上提交")

    project = models.ForeignKey(Project, null=True, blank=True, on_delete=models.CASCADE, related_name="objections")
    # Other notices (award nominations, platform recognitions, subsidy lists) name their item here;
    # generic so that projects does not depend on the apps whose records are put to notice.
    target_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    target = GenericForeignKey("target_type", "target_id")
    content = models.TextField(_("异议内容"))
    source = models.CharField(_("来源"), max_length=10, choices=Source.choices, default=Source.INTERNAL)
    receipt = models.CharField(_("回执编号"), max_length=24, unique=True, null=True, blank=True)
    filer_name = models.CharField(_("异议人"), max_length=60, blank=True)
    filer_contact = models.CharField(_("联系方式"), max_length=100, blank=True)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="filed_objections"
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    upheld = models.BooleanField(_("异议成立"), null=True)
    resolution = models.TextField(_("处理意见"), blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ObjectionQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        verbose_name = verbose_name_plural = _("公示异议")
        indexes = [
            models.Index(fields=["resolved_at", "recorded_at"], name="objection_queue_idx"),
            models.Index(fields=["target_type", "target_id"], name="objection_target_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(project__isnull=False, target_id__isnull=True)
                | Q(project__isnull=True, target_type__isnull=False, target_id__isnull=False),
                name="objection_names_one_item",
                violation_error_message=_("异议须指向一个公示条目。An objection names one item of a notice."),
            )
        ]

    def __str__(self) -> str:
        return self.receipt or self.content[:40]

    @property
    def item(self):
        """The noticed record this objection names."""
        return self.project if self.project_id else self.target


class ChangeRequest(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="change_requests")
    kind = models.CharField(_("变更类型"), max_length=20, choices=ChangeKind.choices)
    reason = models.TextField(_("变更理由"))
    new_pi = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("新负责人"),
    )
    new_end_date = models.DateField(_("延期至"), null=True, blank=True)
    budget_changes = models.JSONField(_("预算调整"), default=dict, blank=True)
    # Indexed: the officers' to-do count starts from the few pending requests (projects.todo).
    status = models.CharField(_("状态"), max_length=12, choices=ChangeState.choices, default=ChangeState.PENDING,
                              db_index=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = verbose_name_plural = _("变更申请")

    def __str__(self) -> str:
        return f"{self.project.number} {self.get_kind_display()}"


# Application parts, official documents and fund supervision live in their own modules; imported here so Django
# registers their models with this app.
from .application_models import Target, TeamMember  # noqa: E402, F401
from .documents.models import IssuedDocument  # noqa: E402, F401
from .funds.models import BudgetAdjustment, ClosureBalance, ExpenditureLine  # noqa: E402, F401
