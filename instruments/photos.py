"""Photos of an instrument (shown on its page): upload and delete by the owner or an officer,
served to whoever may see the instrument."""

from django import forms
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django.views import View

from core.forms import StyledFormMixin
from core.permissions import get_visible_or_404
from core.views import ServiceActionView

from . import services
from .models import Instrument

CONTENT_TYPES = {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp"}


class PhotoForm(StyledFormMixin, forms.Form):
    # Not an ImageField: the kind is judged by core.uploads (content, not name), in the service.
    file = forms.FileField(label=_("照片（JPG、PNG 或 WebP）"))


class PhotoUploadView(ServiceActionView):
    model = Instrument
    form_class = PhotoForm
    success_message = _("照片已上传。Photo uploaded.")

    def run(self, request, obj):
        services.add_photo(request.user, obj, self.form.cleaned_data["file"])
        return obj


class PhotoDeleteView(ServiceActionView):
    model = Instrument
    success_message = _("照片已删除。Photo deleted.")

    def run(self, request, obj):
        photo = get_object_or_404(services.photos_of(obj), pk=self.kwargs["photo_pk"])
        services.delete_photo(request.user, obj, photo)
        return obj


class PhotoView(LoginRequiredMixin, View):
    """The image itself, inline, for whoever may see the instrument."""

    def get(self, request, pk, photo_pk):
        instrument = get_visible_or_404(Instrument, request.user, pk=pk)
        photo = get_object_or_404(services.photos_of(instrument), pk=photo_pk)
        try:
            handle = photo.file.open("rb")
        except FileNotFoundError as exc:
            raise Http404 from exc
        response = FileResponse(handle, content_type=CONTENT_TYPES.get(photo.kind, "application/octet-stream"))
        response["X-Content-Type-Options"] = "nosniff"
        response["Content-Security-Policy"] = "default-src 'none'"
        return response
