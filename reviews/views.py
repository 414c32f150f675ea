from decimal import Decimal, InvalidOperation

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from core import views as generic
from core.crud import model_columns
from core.models import Attachment
from core.permissions import get_visible_or_404, require
from core.views import ServiceActionView, ServiceFormView, form_error, posted_action
from core.workflow import available_actions
from core.xlsx import Column

from . import permissions as perms
from . import services, workflow
from .filters import ExpertFilterSet, InvitationFilterSet, NominationFilterSet, RoundFilterSet
from .forms import (
    NOMINATION_FIELDS,
    ROUND_RULES,
    ROUND_SCHEDULE,
    AssignForm,
    DeclaredConflictForm,
    ExpertApplicationForm,
    ExpertForm,
    NominationForm,
    RoundForm,
    ScoreSheetForm,
    UnavailabilityForm,
)
from .models import AssignmentRun, AwardNomination, Expert, Invitation, ReviewItem, ReviewRound
from .tables import ExpertTable, InvitationTable, NominationTable, RoundTable

# --- expert library ---------------------------------------------------------------------------


class ExpertListView(generic.ObjectListView):
    filterset_class = ExpertFilterSet
    table_class = ExpertTable
    title = gettext_lazy("专家库")
    export_columns = model_columns(
        Expert,
        Column(gettext_lazy("姓名"), "person__name"), Column(gettext_lazy("类别"), "tier"), "status", "keywords",
        Column(gettext_lazy("年度上限"), "yearly_cap"), "valid_until",
    )
    can_view = staticmethod(perms.can_view_reviews)
    can_add = staticmethod(perms.can_manage)
    add_url_name = "reviews:expert_add"
    select_related = ("person__organisation",)


class ExpertDetailView(generic.ObjectDetailView):
    model = Expert
    template_name = "reviews/expert_detail.html"
    fields = ["person", "tier", "status", "keywords", "profile", "yearly_cap", "valid_until"]
    can_edit = staticmethod(perms.can_manage)
    edit_url_name = "reviews:expert_edit"

    def extra_context(self, request, obj) -> dict:
        from credit import services as credit

        return {
            "actions": available_actions(obj, workflow.EXPERT_TRANSITIONS, request.user),
            "disciplines": obj.disciplines.all(),
            "grade": credit.GRADE_LABELS[credit.grade_of(obj.person)],
            "declared": obj.declared_conflicts.select_related("person", "organisation"),
            "unavailable": obj.unavailable.all(),
            "can_declare": perms.can_manage(request.user) or obj.user_id == request.user.pk,
            "conflict_form": DeclaredConflictForm(),
            "unavailable_form": UnavailabilityForm(),
        }


class ExpertEditView(generic.ObjectEditView):
    form_class = ExpertForm
    can_add = staticmethod(perms.can_manage)
    can_edit = staticmethod(perms.can_manage)
    save = staticmethod(services.save_expert)


class ExpertApplyView(generic.ObjectEditView):
    form_class = ExpertApplicationForm
    can_add = staticmethod(lambda user: bool(user.person_id) and not hasattr(user, "expert"))
    save = staticmethod(services.apply_as_expert)


class ExpertDeclareView(ServiceActionView):
    """POST a declared conflict (kind=conflict) or an unavailable period (kind=unavailable)."""

    model = Expert
    success_message = gettext_lazy("已登记。Recorded.")

    def run(self, request, obj):
        if request.POST.get("kind") == "unavailable":
            form, save = UnavailabilityForm(request.POST), services.declare_unavailable
        else:
            form, save = DeclaredConflictForm(request.POST), services.declare_conflict
        if not form.is_valid():
            raise form_error(form)
        save(request.user, obj, form)
        return obj


class ExpertActionView(ServiceActionView):
    model = Expert

    def run(self, request, obj):
        return services.expert_action(request.user, obj, *posted_action(request))


# --- rounds -----------------------------------------------------------------------------------


class RoundListView(generic.ObjectListView):
    filterset_class = RoundFilterSet
    table_class = RoundTable
    can_view = staticmethod(perms.can_view_reviews)
    can_add = staticmethod(perms.can_manage)
    add_url_name = "reviews:round_add"


class RoundEditView(generic.ObjectEditView):
    form_class = RoundForm
    can_add = staticmethod(perms.can_manage)
    can_edit = staticmethod(perms.can_edit_round)
    save = staticmethod(services.save_round)


class RoundDetailView(generic.ObjectDetailView):
    model = ReviewRound
    template_name = "reviews/round_detail.html"
    fields = [*ROUND_RULES, *ROUND_SCHEDULE, "status", "chair", "minutes"]
    can_edit = staticmethod(perms.can_edit_round)
    edit_url_name = "reviews:round_edit"

    def extra_context(self, request, obj) -> dict:
        from projects.models import Project
        from projects.workflow import State

        user = request.user
        method = request.GET.get("method") or obj.method
        if method not in ReviewRound.Method.values:
            method = obj.method
        manage = perms.can_manage(user)
        return {
            "actions": available_actions(obj, workflow.ROUND_TRANSITIONS, user),
            "can_manage": manage,
            "can_supervise": perms.can_supervise(user),
            "items": obj.items.select_related("project", "nomination"),
            "invitations": obj.invitations.select_related("item", "expert__person").order_by("item__code", "id"),
            "exclusions": obj.exclusions.select_related("item", "expert__person"),
            "runs": obj.runs.all(),
            "ranking": services.ranking(obj, method),
            "method": method,
            "methods": ReviewRound.Method.choices,
            "assign_form": AssignForm(),
            "candidates": Project.objects.filter(status=State.EXPERT_REVIEW).exclude(review_items__round=obj)[:200]
            if manage and obj.status == ReviewRound.Status.DRAFT
            else [],
            "nominations": AwardNomination.objects.filter(status=AwardNomination.Status.IN_REVIEW).exclude(
                review_items__round=obj
            )
            if manage and obj.status == ReviewRound.Status.DRAFT
            else [],
        }


class RoundActionView(ServiceActionView):
    model = ReviewRound

    def run(self, request, obj):
        return services.round_action(request.user, obj, *posted_action(request))


class RoundItemsView(ServiceActionView):
    model = ReviewRound

    def run(self, request, obj):
        from projects.models import Project

        projects = Project.objects.filter(pk__in=request.POST.getlist("project"))
        nominations = AwardNomination.objects.filter(pk__in=request.POST.getlist("nomination"))
        added = services.add_items(request.user, obj, projects, nominations, request.POST.get("disciplines", ""))
        self.success_message = _("已加入 %s 项。") % added
        return obj


class RoundAssignView(ServiceActionView):
    model = ReviewRound

    def run(self, request, obj):
        form = AssignForm(request.POST)
        if not form.is_valid():
            raise ValidationError(_("请选择分配方式。Choose a mode."))
        run = services.assign(request.user, obj, form.cleaned_data["mode"], form.cleaned_data["seed"])
        self.success_message = _("已分配：总匹配度 %(t).3f，最低项目匹配度 %(m).3f。") % {
            "t": run.total_affinity,
            "m": run.min_affinity,
        }
        return obj


class RoundClearView(ServiceActionView):
    model = ReviewRound

    def run(self, request, obj):
        services.clear_assignment(request.user, obj)
        return obj


class RoundExclusionsView(ServiceActionView):
    model = ReviewRound

    def run(self, request, obj):
        self.success_message = _("已计算回避 %s 条。") % services.compute_exclusions(request.user, obj)
        return obj


class RoundRemindView(ServiceActionView):
    model = ReviewRound

    def run(self, request, obj):
        self.success_message = _("已催办 %s 位专家。") % services.send_reminders(request.user, obj)
        return obj


class RunReplayView(ServiceActionView):
    model = AssignmentRun

    def run(self, request, obj):
        differs = services.replay(request.user, obj)
        if differs:
            raise ValidationError(_("重放结果不一致：%s") % "、".join(differs))
        self.success_message = _("重放一致：随机抽取结果可复现。Replay verified.")
        return obj


class ItemDetailView(LoginRequiredMixin, View):
    """Staff page of one item (names shown). An expert's unassigned item is 404; assigned is 403."""

    def get(self, request, pk):
        item = get_visible_or_404(ReviewItem, request.user, pk=pk)
        require(perms.can_view_reviews(request.user))
        context = {
            "object": item,
            "title": str(item),
            "invitations": item.invitations.select_related("expert__person").prefetch_related("scores__criterion"),
            "exclusions": item.exclusions.select_related("expert__person"),
            "can_manage": perms.can_manage(request.user),
            "can_consensus": perms.can_manage(request.user) or perms.can_chair(request.user, item.round),
        }
        return render(request, "reviews/item_detail.html", context)


class ConsensusView(ServiceActionView):
    model = ReviewItem

    def run(self, request, obj):
        require(perms.can_manage(request.user) or perms.can_chair(request.user, obj.round))
        try:
            score = Decimal(request.POST.get("score", ""))
        except InvalidOperation:
            raise ValidationError(_("合议分不是数字。")) from None
        return services.record_consensus(request.user, obj, score, request.POST.get("minutes", ""))


# --- invitations (experts) --------------------------------------------------------------------


class InvitationListView(generic.ObjectListView):
    filterset_class = InvitationFilterSet
    table_class = InvitationTable
    title = gettext_lazy("我的评审")
    can_view = staticmethod(lambda user: perms.is_expert(user) or perms.can_view_reviews(user))
    select_related = ("item", "round")


class InvitationDetailView(LoginRequiredMixin, View):
    def get(self, request, pk):
        inv = get_visible_or_404(
            Invitation.objects.select_related("round__template", "item", "expert__person"), request.user, pk=pk
        )
        return render(request, "reviews/invitation_detail.html", self.context(request, inv))

    @staticmethod
    def context(request, inv, form=None) -> dict:
        user = request.user
        show = perms.can_see_materials(user, inv)
        criteria = list(inv.round.template.criteria.all())
        own = perms.is_invitee(user, inv)
        blind = inv.round.blind == ReviewRound.Blind.DOUBLE and not perms.can_view_reviews(user)
        return {
            "object": inv,
            "title": _("评审 %s") % inv.item.code,
            "show": show,
            "blind": blind,
            "own": own,
            "declaration": workflow.DECLARATION,
            "can_respond": own and inv.round.status == ReviewRound.Status.REVIEWING,
            "can_score": own
            and inv.status == Invitation.Status.ACCEPTED
            and inv.round.status == ReviewRound.Status.REVIEWING,
            "form": form
            or ScoreSheetForm(
                criteria=criteria,
                initial_scores={s.criterion_id: s.value for s in inv.scores.all()},
                initial={"comment": inv.comment},
            ),
            "files": _files_of(inv.item) if show else [],
            "scores": inv.scores.select_related("criterion"),
            "can_manage": perms.can_manage(user),
        }


def _files_of(item: ReviewItem) -> list[Attachment]:
    return list(Attachment.objects.of(item.subject).order_by("id"))


class InvitationRespondView(ServiceActionView):
    model = Invitation

    def run(self, request, obj):
        return services.respond(request.user, obj, *posted_action(request), signed=request.POST.get("signed") == "on")


class InvitationScoreView(ServiceFormView):
    """The score sheet on the invitation's page, saved or submitted."""

    http_method_names = ["post"]
    form_class = ScoreSheetForm
    template_name = "reviews/invitation_detail.html"
    success_message = gettext_lazy("已保存。Saved.")

    def get_object(self, request, pk=None) -> Invitation:
        return get_visible_or_404(Invitation.objects.select_related("round__template", "item"), request.user, pk=pk)

    def form_kwargs(self, request, inv) -> dict:
        return {"criteria": inv.round.template.criteria.all()}

    def get_context(self, request, inv, form) -> dict:
        return InvitationDetailView.context(request, inv, form)

    def run(self, request, inv, form) -> None:
        services.save_scores(request.user, inv, form.values(), form.cleaned_data["comment"],
                             submit="submit" in request.POST)


class InvitationFileView(LoginRequiredMixin, View):
    """Materials under neutral names (item code + number): no applicant identity in file names."""

    def get(self, request, pk, n):
        inv = get_visible_or_404(Invitation.objects.select_related("item", "round"), request.user, pk=pk)
        require(perms.can_see_materials(request.user, inv), _("请先接受邀请并签署承诺书。"))
        files = _files_of(inv.item)
        if not 1 <= n <= len(files):
            raise Http404
        attachment = files[n - 1]
        name = f"{inv.item.code}-{n}.{attachment.kind}"
        return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=name)


class InvitationReassignView(ServiceActionView):
    model = Invitation

    def run(self, request, obj):
        new = services.reassign(request.user, obj, request.POST.get("comment", ""))
        self.success_message = (_("已改派给 %s。") % new.expert) if new else _("没有符合条件的替补专家。")
        return obj.round


class InvitationConflictView(ServiceActionView):
    model = Invitation

    def run(self, request, obj):
        services.report_undeclared_conflict(request.user, obj, request.POST.get("comment", ""))
        return obj.round


# --- S&T awards -------------------------------------------------------------------------------


class NominationListView(generic.ObjectListView):
    filterset_class = NominationFilterSet
    table_class = NominationTable
    title = gettext_lazy("科技奖励提名")
    can_view = staticmethod(lambda user: perms.can_view_reviews(user) or user.has_role("org_admin"))
    can_add = staticmethod(perms.can_manage)
    add_url_name = "reviews:nomination_add"


class NominationDetailView(generic.ObjectDetailView):
    model = AwardNomination
    template_name = "reviews/nomination_detail.html"
    fields = [*NOMINATION_FIELDS, "status", "notice_end", "final_grade"]
    can_edit = staticmethod(perms.can_manage)
    edit_url_name = "reviews:nomination_edit"

    def extra_context(self, request, obj) -> dict:
        items = obj.review_items.select_related("round") if perms.can_view_reviews(request.user) else []
        return {
            "actions": available_actions(obj, workflow.NOMINATION_TRANSITIONS, request.user),
            "items": items,
            "grades": AwardNomination.Grade.choices,
        }


class NominationEditView(generic.ObjectEditView):
    form_class = NominationForm
    can_add = staticmethod(perms.can_manage)
    can_edit = staticmethod(perms.can_manage)
    save = staticmethod(services.save_nomination)


class NominationActionView(ServiceActionView):
    model = AwardNomination

    def run(self, request, obj):
        return services.nomination_action(request.user, obj, *posted_action(request), request.POST.get("grade", ""))
