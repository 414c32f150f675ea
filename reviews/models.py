"""Expert library, review rounds, conflicts, invitations and scores; S&T award nominations.

One review machinery serves plan projects and award nominations: a `ReviewItem` wraps either.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.roles import Role
from core.models import DetailPage, TimeStampedModel
from core.permissions import ScopedQuerySet
from core.search import SearchableModel

# Bureau staff who run or watch reviews; experts see only what they are invited to.
STAFF_READERS = (Role.ADMIN, Role.LEADER, Role.OFFICER, Role.SUPERVISOR)


class StaffOnlyQuerySet(ScopedQuerySet):
    def scoped_for(self, user):
        return self.all() if user.has_role(*STAFF_READERS) else self.none()


class Discipline(models.Model):
    """GB/T 13745 学科分类与代码: level 1 (3 digits) and level 2 (5 digits)."""

    code = models.CharField(_("学科代码"), max_length=7, unique=True)
    name = models.CharField(_("学科名称"), max_length=60)
    level = models.PositiveSmallIntegerField(_("级别"))
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="children")

    class Meta:
        ordering = ["code"]
        verbose_name = verbose_name_plural = _("学科")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class ExpertQuerySet(ScopedQuerySet):
    def scoped_for(self, user):
        if user.has_role(*STAFF_READERS):
            return self.all()
        return self.filter(user=user)  # an expert sees their own record

    def active(self):
        return self.filter(status=Expert.Status.ACTIVE)


class Expert(DetailPage, SearchableModel, TimeStampedModel):
    class Tier(models.TextChoices):
        GENERAL = "general", _("一般项目专家")
        MAJOR = "major", _("重大项目专家")

    class Status(models.TextChoices):
        APPLIED = "applied", _("入库申请中")
        ACTIVE = "active", _("在库")
        SUSPENDED = "suspended", _("暂停")
        RETIRED = "retired", _("已退出")
        REJECTED = "rejected", _("未通过")

    person = models.OneToOneField(
        "directory.Person", on_delete=models.PROTECT, related_name="expert", verbose_name=_("人员")
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="expert",
        verbose_name=_("登录账号"),
    )
    disciplines = models.ManyToManyField(Discipline, blank=True, verbose_name=_("学科"), related_name="experts")
    keywords = models.CharField(_("关键词"), max_length=300, blank=True)
    profile = models.TextField(_("专业简介"), blank=True)
    tier = models.CharField(_("专家类别"), max_length=10, choices=Tier.choices, default=Tier.GENERAL)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.APPLIED, db_index=True)
    yearly_cap = models.PositiveSmallIntegerField(_("年度评审上限"), default=10, validators=[MaxValueValidator(200)])
    valid_until = models.DateField(_("聘期至"), null=True, blank=True)

    objects = ExpertQuerySet.as_manager()
    search_fields = ("keywords", "profile")

    class Meta:
        ordering = ["id"]
        verbose_name = verbose_name_plural = _("评审专家")

    def __str__(self) -> str:
        return self.person.name

    detail_url_name = "reviews:expert_detail"


class Unavailability(models.Model):
    """A period in which the expert cannot review (travel, illness …)."""

    expert = models.ForeignKey(Expert, on_delete=models.CASCADE, related_name="unavailable")
    starts_on = models.DateField(_("开始"))
    ends_on = models.DateField(_("结束"))
    note = models.CharField(_("说明"), max_length=200, blank=True)

    class Meta:
        ordering = ["starts_on"]
        verbose_name = verbose_name_plural = _("不可评审时段")
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="unavailability_order",
                violation_error_message=_("结束日期不能早于开始日期。The end date cannot be before the start date."))
        ]

    def __str__(self) -> str:
        return f"{self.starts_on}–{self.ends_on}"


class DeclaredConflict(models.Model):
    """An expert's own declaration: an organisation or a person (e.g. a relative) to avoid."""

    class Relation(models.TextChoices):
        RELATIVE = "relative", _("亲属")
        EMPLOYMENT = "employment", _("任职/兼职")
        COLLABORATION = "collaboration", _("合作/师生")
        OTHER = "other", _("其他")

    expert = models.ForeignKey(Expert, on_delete=models.CASCADE, related_name="declared_conflicts")
    relation = models.CharField(_("关系"), max_length=20, choices=Relation.choices)
    organisation = models.ForeignKey(
        "directory.Organisation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("单位"),
    )
    person = models.ForeignKey(
        "directory.Person", null=True, blank=True, on_delete=models.CASCADE, related_name="+", verbose_name=_("人员")
    )
    note = models.CharField(_("说明"), max_length=200, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("自报回避")
        constraints = [
            models.CheckConstraint(
                condition=Q(organisation__isnull=False) | Q(person__isnull=False), name="declared_conflict_has_target",
                violation_error_message=_("请填写须回避的单位或人员。Name the organisation or person to avoid.")
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_relation_display()}: {self.person or self.organisation}"


class ScoreTemplate(TimeStampedModel):
    name = models.CharField(_("评分表名称"), max_length=100, unique=True)
    description = models.TextField(_("说明"), blank=True)

    objects = StaffOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        verbose_name = verbose_name_plural = _("评分表")

    def __str__(self) -> str:
        return self.name


class Criterion(models.Model):
    template = models.ForeignKey(ScoreTemplate, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("评分项"), max_length=100)
    guidance = models.CharField(_("评分要点"), max_length=300, blank=True)
    weight = models.DecimalField(
        _("权重"), max_digits=5, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))]
    )
    max_score = models.PositiveSmallIntegerField(_("满分"), default=10, validators=[MinValueValidator(1)])
    order = models.PositiveSmallIntegerField(_("顺序"), default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = verbose_name_plural = _("评分项")

    def __str__(self) -> str:
        return f"{self.name}（{self.weight}）"


class ReviewRound(DetailPage, TimeStampedModel):
    class Mode(models.TextChoices):
        REMOTE = "remote", _("网评")
        PANEL = "panel", _("会评")

    class Blind(models.TextChoices):
        SINGLE = "single", _("单盲（申请人不知专家）")
        DOUBLE = "double", _("双盲（专家亦不知申请人）")

    class Status(models.TextChoices):
        DRAFT = "draft", _("准备中")
        REVIEWING = "reviewing", _("评审中")
        CLOSED = "closed", _("评审结束")
        PUBLISHED = "published", _("结果已发布")

    class Method(models.TextChoices):
        MEAN = "mean", _("算术平均")
        TRIMMED = "trimmed", _("去掉最高最低分平均")
        NORMALISED = "normalised", _("专家标准化（校正宽严）")

    title = models.CharField(_("评审批次"), max_length=200)
    year = models.PositiveSmallIntegerField(_("年度"))
    mode = models.CharField(_("评审方式"), max_length=10, choices=Mode.choices, default=Mode.REMOTE)
    blind = models.CharField(_("盲评"), max_length=10, choices=Blind.choices, default=Blind.SINGLE)
    template = models.ForeignKey(ScoreTemplate, on_delete=models.PROTECT, verbose_name=_("评分表"))
    reviewers_per_item = models.PositiveSmallIntegerField(_("每项专家数"), default=5, validators=[MinValueValidator(1)])
    expert_cap = models.PositiveSmallIntegerField(_("每位专家本轮上限"), default=8, validators=[MinValueValidator(1)])
    conflict_years = models.PositiveSmallIntegerField(_("合作回避年限"), default=3)
    rotation_required = models.BooleanField(_("上轮评审专家回避"), default=False)
    team_colleagues_excluded = models.BooleanField(
        _("项目组成员同单位专家回避"), default=False,
        help_text=_("勾选后，与任一项目组成员同单位的专家不评审该项目"),
    )
    previous_round = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("上一轮")
    )
    starts_on = models.DateField(_("评审开始"))
    due_at = models.DateTimeField(_("评审截止"))
    method = models.CharField(_("汇总方法"), max_length=12, choices=Method.choices, default=Method.TRIMMED)
    funding_count = models.PositiveIntegerField(_("拟资助项数（资助线）"), default=0)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True)
    chair = models.ForeignKey(
        Expert, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("会评组长")
    )
    minutes = models.TextField(_("会议纪要"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    objects = StaffOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-id"]
        verbose_name = verbose_name_plural = _("评审批次")

    def __str__(self) -> str:
        return self.title

    detail_url_name = "reviews:round_detail"


class ReviewItemQuerySet(ScopedQuerySet):
    def scoped_for(self, user):
        if user.has_role(*STAFF_READERS):
            return self.all()
        # An expert reaches only the items of their live (not declined/withdrawn) invitations.
        return self.filter(invitations__expert__user=user, invitations__status__in=Invitation.LIVE).distinct()


class ReviewItem(DetailPage, models.Model):
    """One proposal under review in a round: a plan project or an award nomination."""

    round = models.ForeignKey(ReviewRound, on_delete=models.CASCADE, related_name="items")
    code = models.CharField(_("评审编号"), max_length=30)
    project = models.ForeignKey(
        "projects.Project",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="review_items",
        verbose_name=_("项目"),
    )
    nomination = models.ForeignKey(
        "reviews.AwardNomination",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="review_items",
        verbose_name=_("奖励提名"),
    )
    discipline_codes = models.CharField(
        _("学科代码"), max_length=100, blank=True, help_text=_("GB/T 13745 代码，空格分隔")
    )
    reviewers = models.PositiveSmallIntegerField(_("专家数（覆盖批次设置）"), null=True, blank=True)
    consensus_score = models.DecimalField(_("会评合议分"), max_digits=5, decimal_places=2, null=True, blank=True)
    final_score = models.DecimalField(_("最终得分"), max_digits=6, decimal_places=2, null=True, blank=True)
    rank = models.PositiveIntegerField(_("排名"), null=True, blank=True)

    objects = ReviewItemQuerySet.as_manager()

    class Meta:
        ordering = ["round", "code"]
        verbose_name = verbose_name_plural = _("评审对象")
        constraints = [
            models.UniqueConstraint(fields=["round", "code"], name="unique_item_code"),
            models.CheckConstraint(
                condition=Q(project__isnull=False) | Q(nomination__isnull=False), name="item_has_subject",
                violation_error_message=_("评审条目须对应项目或提名。An item needs a project or a nomination.")
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    detail_url_name = "reviews:item_detail"

    @property
    def subject(self):
        return self.project or self.nomination

    @property
    def title(self) -> str:
        return self.subject.title

    @property
    def abstract(self) -> str:
        return self.project.summary if self.project else self.nomination.abstract

    @property
    def keywords(self) -> str:
        return self.project.field if self.project else self.nomination.keywords

    @property
    def k(self) -> int:
        return self.reviewers or self.round.reviewers_per_item


class Exclusion(models.Model):
    """Why an expert may not review an item (item set) or anything in the round (item empty)."""

    class Rule(models.TextChoices):
        APPLICANT = "applicant", _("申请人本人")
        TEAM_MEMBER = "team_member", _("项目组成员")
        SAME_ORGANISATION = "same_org", _("与申请单位同单位")
        PARTNER_ORGANISATION = "partner_org", _("与合作单位同单位")
        TEAM_ORGANISATION = "team_org", _("与项目组成员同单位")
        RECENT_COLLABORATION = "recent_collab", _("近年合作")
        RELATIVE = "relative", _("亲属")
        DECLARED = "declared", _("本人申报回避")
        ROTATION = "rotation", _("上轮已评审（轮换）")
        UNDECLARED = "undeclared", _("事后发现的利益冲突")
        NOT_ACTIVE = "not_active", _("专家不在库")
        BLACKLISTED = "blacklisted", _("诚信黑名单")
        UNAVAILABLE = "unavailable", _("评审期间不可用")
        YEARLY_CAP = "yearly_cap", _("已达年度评审上限")

    round = models.ForeignKey(ReviewRound, on_delete=models.CASCADE, related_name="exclusions")
    item = models.ForeignKey(ReviewItem, null=True, blank=True, on_delete=models.CASCADE, related_name="exclusions")
    expert = models.ForeignKey(Expert, on_delete=models.CASCADE, related_name="exclusions")
    rule = models.CharField(_("回避规则"), max_length=20, choices=Rule.choices)
    reason = models.CharField(_("依据"), max_length=300)

    objects = StaffOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["round", "item", "expert"]
        verbose_name = verbose_name_plural = _("回避记录")

    def __str__(self) -> str:
        return f"{self.expert} × {self.item or '—'}: {self.get_rule_display()}"


class AssignmentRun(models.Model):
    """One solver run or random draw, with everything needed to replay it."""

    class Mode(models.TextChoices):
        OPTIMAL = "optimal", _("最优匹配")
        FAIR = "fair", _("公平优先匹配")
        RANDOM = "random", _("随机抽取")

    round = models.ForeignKey(ReviewRound, on_delete=models.CASCADE, related_name="runs")
    mode = models.CharField(_("方式"), max_length=10, choices=Mode.choices)
    seed = models.CharField(_("随机种子"), max_length=64, blank=True)
    record = models.JSONField(_("记录"), default=dict)
    total_affinity = models.FloatField(_("总匹配度"), default=0)
    min_affinity = models.FloatField(_("最低项目匹配度"), default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = StaffOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-id"]
        verbose_name = verbose_name_plural = _("分配记录")

    def __str__(self) -> str:
        return f"{self.round} {self.get_mode_display()} #{self.pk}"

    def get_absolute_url(self) -> str:
        # A run is shown on its round's supervision tab (draws, exclusions, replay).
        return self.round.get_absolute_url() + "?tab=supervision"


class InvitationQuerySet(ScopedQuerySet):
    def scoped_for(self, user):
        if user.has_role(*STAFF_READERS):
            return self.all()
        return self.filter(expert__user=user)


class Invitation(DetailPage, models.Model):
    """An expert's assignment to one item: invited → accepted (declaration signed) → submitted."""

    class Status(models.TextChoices):
        INVITED = "invited", _("已邀请")
        ACCEPTED = "accepted", _("已接受")
        DECLINED = "declined", _("已谢绝")
        SUBMITTED = "submitted", _("已提交评分")
        WITHDRAWN = "withdrawn", _("已撤回（改派）")

    LIVE = (Status.INVITED, Status.ACCEPTED, Status.SUBMITTED)

    round = models.ForeignKey(ReviewRound, on_delete=models.CASCADE, related_name="invitations")
    item = models.ForeignKey(ReviewItem, on_delete=models.CASCADE, related_name="invitations")
    expert = models.ForeignKey(Expert, on_delete=models.PROTECT, related_name="invitations")
    run = models.ForeignKey(AssignmentRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    affinity = models.FloatField(_("匹配度"), default=0)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.INVITED, db_index=True)
    declaration = models.TextField(_("承诺书"), blank=True)
    declared_at = models.DateTimeField(_("签署时间"), null=True, blank=True)
    responded_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    decline_reason = models.CharField(_("谢绝理由"), max_length=300, blank=True)
    comment = models.TextField(_("评审意见"), blank=True)
    total = models.DecimalField(_("加权得分"), max_digits=6, decimal_places=2, null=True, blank=True)
    reminded_at = models.DateTimeField(_("最近催办"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["item", "id"]
        verbose_name = verbose_name_plural = _("评审邀请")
        constraints = [
            models.UniqueConstraint(fields=["item", "expert"], name="one_invitation_per_expert_item"),
        ]

    def __str__(self) -> str:
        return f"{self.item.code} ← {self.expert}"

    detail_url_name = "reviews:invitation_detail"


class Score(models.Model):
    invitation = models.ForeignKey(Invitation, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    value = models.DecimalField(_("得分"), max_digits=5, decimal_places=2)

    class Meta:
        verbose_name = verbose_name_plural = _("评分")
        constraints = [models.UniqueConstraint(fields=["invitation", "criterion"], name="one_score_per_criterion")]

    def __str__(self) -> str:
        return f"{self.criterion.name}: {self.value}"


class AwardNominationQuerySet(ScopedQuerySet):
    def scoped_for(self, user):
        if user.has_role(*STAFF_READERS):
            return self.all()
        return self.filter(recommender_id__in=user.scope_ids(Role.ORG_ADMIN, "organisation"))


class AwardNomination(DetailPage, TimeStampedModel):
    """A nomination for the city S&T award (科技奖励), reviewed on the same machinery."""

    class Category(models.TextChoices):
        NATURAL = "natural", _("自然科学奖")
        INVENTION = "invention", _("技术发明奖")
        PROGRESS = "progress", _("科学技术进步奖")

    class Grade(models.TextChoices):
        FIRST = "1", _("一等奖")
        SECOND = "2", _("二等奖")
        THIRD = "3", _("三等奖")

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("已提名")
        FORMAL_FAILED = "formal_failed", _("形式审查未通过")
        IN_REVIEW = "in_review", _("专家评审")
        IN_NOTICE = "in_notice", _("公示中")
        OBJECTION = "objection", _("异议处理中")
        AWARDED = "awarded", _("授奖")
        NOT_AWARDED = "not_awarded", _("未授奖")

    title = models.CharField(_("成果名称"), max_length=200)
    category = models.CharField(_("奖种"), max_length=12, choices=Category.choices)
    grade_sought = models.CharField(_("推荐等级"), max_length=2, choices=Grade.choices)
    nominee = models.ForeignKey(
        "directory.Person", on_delete=models.PROTECT, related_name="+", verbose_name=_("第一完成人")
    )
    organisation = models.ForeignKey(
        "directory.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("第一完成单位")
    )
    recommender = models.ForeignKey(
        "directory.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("推荐单位")
    )
    abstract = models.TextField(_("成果简介"))
    keywords = models.CharField(_("关键词"), max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(_("年度"))
    status = models.CharField(_("状态"), max_length=14, choices=Status.choices, default=Status.SUBMITTED)
    final_grade = models.CharField(_("授奖等级"), max_length=2, choices=Grade.choices, blank=True)
    notice_end = models.DateField(_("公示截止"), null=True, blank=True)

    objects = AwardNominationQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "id"]
        verbose_name = verbose_name_plural = _("奖励提名")

    def __str__(self) -> str:
        return self.title

    detail_url_name = "reviews:nomination_detail"
