"""The lifecycles as data. A publication: draft → published ⇄ withdrawn (a correction is an edit
of a published page with a note, services.save_publication, not a state). A portal notice:
open → closed, once its window is over and no objection to a line is unresolved."""

from django.utils.translation import gettext_lazy as _

from core.workflow import Rule, TransitionError

from .permissions import can_edit_publication, can_publish


def _allowed(user, publication) -> bool:
    return can_edit_publication(user, publication)


def _stamp_published(publication, actor, comment: str = "", **data) -> None:
    from django.utils import timezone

    publication.published_at = publication.published_at or timezone.now()
    publication.withdrawn_reason = ""


def _keep_reason(publication, actor, comment: str = "", **data) -> None:
    publication.withdrawn_reason = comment.strip()


TRANSITIONS = {
    ("draft", "publish"): Rule("published", allowed=_allowed, label=_("发布"), before=_stamp_published),
    ("published", "withdraw"): Rule(
        "withdrawn", allowed=_allowed, label=_("撤回"), before=_keep_reason, comment_required=True
    ),
    ("withdrawn", "publish"): Rule("published", allowed=_allowed, label=_("重新发布"), before=_stamp_published),
}


def _closable(notice, actor, comment: str = "", **data) -> None:
    from django.utils import timezone
    from django.utils.translation import gettext

    from .notices import open_objections

    if timezone.now() < notice.ends_at:
        raise TransitionError(gettext("公示期未满，不能结束公示。The notice has not ended."), code="notice")
    if open_objections(notice).exists():
        raise TransitionError(
            gettext("有未处理的公示异议，不能结束公示。An objection to this notice is still unresolved."),
            code="open_objection",
        )
    notice.closed_at = timezone.now()


NOTICE_TRANSITIONS = {
    ("open", "close"): Rule("closed", allowed=lambda user, notice: can_publish(user), label=_("结束公示"),
                            before=_closable),
}
