"""Issuing and downloading official documents (buttons on the project and call pages)."""

from __future__ import annotations

from django import forms
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import FileResponse, Http404
from django.utils.translation import gettext_lazy
from django.views import View

from core.permissions import get_visible_or_404
from core.views import ServiceActionView

from ..models import Call, Project
from . import services
from .models import DocumentKind, IssuedDocument


class IssueForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("文件类型"),
                             choices=[(k.value, k.label) for k in services.PROJECT_KINDS],
                             widget=forms.Select(attrs={"class": "form-select form-select-sm"}))
    reason = forms.CharField(label=gettext_lazy("重新签发理由"), max_length=500, required=False,
                             widget=forms.TextInput(attrs={"class": "form-control form-control-sm"}))


class ReissueForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("重新签发理由"), max_length=500, required=False,
                             widget=forms.TextInput(attrs={"class": "form-control form-control-sm"}))


class IssueDocumentView(ServiceActionView):
    model = Project
    form_class = IssueForm
    success_message = gettext_lazy("文件已签发。The document is issued.")

    def run(self, request, project):
        data = self.form.cleaned_data
        return services.issue_project_document(request.user, project, data["kind"], reason=data["reason"])

    def next_url(self, obj, result=None) -> str:
        return obj.get_absolute_url() + "#documents"


class IssueApprovedListView(ServiceActionView):
    model = Call
    form_class = ReissueForm
    success_message = gettext_lazy("立项项目名单已签发。The approved list is issued.")

    def run(self, request, call):
        return services.issue_approved_list(request.user, call, reason=self.form.cleaned_data["reason"])

    def next_url(self, obj, result=None) -> str:
        return obj.get_absolute_url() + "#documents"


class DownloadView(LoginRequiredMixin, View):
    """The archived file as issued (`?format=pdf` for the PDF where one was made)."""

    def get(self, request, pk):
        document = get_visible_or_404(IssuedDocument, request.user, pk=pk)
        stored = document.pdf if request.GET.get("format") == "pdf" else document.file
        if not stored:
            raise Http404
        extension = "pdf" if stored is document.pdf else "docx"
        name = f"{document.number}-{DocumentKind(document.kind).label}.{extension}"
        try:
            handle = stored.open("rb")
        except FileNotFoundError:
            raise Http404 from None  # the archive lost the file: say so rather than fail
        return FileResponse(handle, as_attachment=True, filename=name)
