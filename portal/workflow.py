"""The lifecycle of a publication as data: draft → published ⇄ withdrawn. A correction is an
edit of a published page with a note (services.save_publication), not a state."""

from django.utils.translation import gettext_lazy as _

from core.workflow import Rule

from .permissions import can_edit_publication


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
