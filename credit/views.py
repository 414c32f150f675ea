from django.utils.translation import gettext_lazy as _

from core import views as generic
from core.crud import model_columns
from core.permissions import require
from core.views import ServiceActionView, posted_action

from . import permissions, services
from .filters import CreditEventFilterSet
from .forms import AppealForm, DecisionForm, ManualEventForm
from .models import Appeal, CreditEvent
from .tables import CreditEventTable

EVENT_COLUMNS = model_columns(
    CreditEvent,
    "subject_repr", "area", "kind", "reason", "points", "status", "evidence", "expires_on", "recorded_at",
)


class EventListView(generic.ObjectListView):
    filterset_class = CreditEventFilterSet
    table_class = CreditEventTable
    export_columns = EVENT_COLUMNS
    title = _("科研诚信记录")
    can_view = staticmethod(permissions.can_view_ledger)
    can_add = staticmethod(permissions.can_decide)
    add_url_name = "credit:event_add"


class EventDetailView(generic.ObjectDetailView):
    model = CreditEvent
    template_name = "credit/event_detail.html"
    fields = [
        "subject_repr", *CreditEvent.facts, "recorded_by", "recorded_at", "decided_by", "decided_at", "decision_note",
    ]

    def extra_context(self, request, obj) -> dict:
        user = request.user
        return {
            "grade": services.GRADE_LABELS[services.grade_of(obj.subject)] if obj.subject else "—",
            "score": services.score_of(obj.subject) if obj.subject else None,
            "can_decide": permissions.can_decide(user) and obj.status == CreditEvent.Status.PENDING,
            "can_appeal": permissions.can_appeal(user, obj),
            "can_decide_appeal": permissions.can_decide(user),
            "appeals": obj.appeals.all(),
            "decision_form": DecisionForm(),
            "appeal_form": AppealForm(),
        }


class EventAddView(generic.ObjectEditView):
    model = CreditEvent
    form_class = ManualEventForm
    can_add = staticmethod(permissions.can_decide)
    save = staticmethod(services.save_manual_event)


class EventDecideView(ServiceActionView):
    model = CreditEvent

    def run(self, request, obj):
        require(permissions.can_decide(request.user))
        return services.decide_event(request.user, obj, *posted_action(request))


class AppealFileView(ServiceActionView):
    model = CreditEvent
    success_message = _("申诉已提交。Appeal filed.")

    def run(self, request, obj):
        return services.file_appeal(request.user, obj, request.POST.get("statement", ""))


class AppealDecideView(ServiceActionView):
    model = Appeal

    def run(self, request, obj):
        require(permissions.can_decide(request.user))
        return services.decide_appeal(request.user, obj, *posted_action(request))
