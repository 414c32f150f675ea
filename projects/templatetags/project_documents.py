"""The "正式文件" panel of a project or call page (kept out of the page views so that it is one include)."""

from django import template

from projects.documents import services
from projects.documents.models import IssuedDocument
from projects.documents.views import IssueForm, ReissueForm

register = template.Library()


@register.inclusion_tag("projects/_documents.html", takes_context=True)
def documents_panel(context, subject):
    user = context["request"].user
    is_call = subject._meta.model_name == "call"
    documents = IssuedDocument.objects.filter(**{"call" if is_call else "project": subject})
    documents = documents.select_related("superseded_by", "issued_by")
    may_issue = services.can_issue(user) if is_call else services.can_issue(user, subject)
    return {
        "subject": subject,
        "is_call": is_call,
        "documents": documents,
        "form": (ReissueForm() if is_call else IssueForm()) if may_issue else None,
    }
