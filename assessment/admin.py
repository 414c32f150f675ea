"""Scheme configuration in the admin (groups, indicators, figures, veto items), every save audited
through services; a scheme whose assessment has been computed is read-only. Reports and results
are read-only here: they change only through the workflow."""

from django.contrib import admin

from core.admin import read_only

from . import services
from .models import Assessment, CountyReport, CountyResult, Figure, Indicator, IndicatorGroup, Scheme, VetoItem


def _locked(scheme) -> bool:
    assessment = getattr(scheme, "assessment", None) if scheme else None
    return assessment is not None and assessment.status not in ("draft", "open")


class SchemeRowInline(admin.TabularInline):
    extra = 0

    def has_change_permission(self, request, obj=None):
        return not _locked(obj) and super().has_change_permission(request, obj)

    has_add_permission = has_change_permission
    has_delete_permission = has_change_permission


class FigureInline(SchemeRowInline):
    model = Figure


class GroupInline(SchemeRowInline):
    model = IndicatorGroup
    show_change_link = True


class VetoInline(SchemeRowInline):
    model = VetoItem
    fk_name = "scheme"


class IndicatorInline(admin.TabularInline):
    model = Indicator
    extra = 0


class AuditedAdmin(admin.ModelAdmin):
    def save_model(self, request, obj, form, change):
        services.save_scheme_row(request.user, obj)

    def delete_model(self, request, obj):
        services.delete_scheme_row(request.user, obj)

    def save_formset(self, request, form, formset, change):
        for obj in formset.save(commit=False):
            services.save_scheme_row(request.user, obj)
        for obj in formset.deleted_objects:
            services.delete_scheme_row(request.user, obj)


@admin.register(Scheme)
class SchemeAdmin(AuditedAdmin):
    list_display = ["name", "year", "version", "excellent_min", "pass_min"]
    list_filter = ["year"]
    inlines = [FigureInline, GroupInline, VetoInline]

    def has_change_permission(self, request, obj=None):
        return not _locked(obj) and super().has_change_permission(request, obj)


@admin.register(IndicatorGroup)
class IndicatorGroupAdmin(AuditedAdmin):
    list_display = ["name", "scheme", "order"]
    inlines = [IndicatorInline]

    def has_change_permission(self, request, obj=None):
        return not _locked(obj.scheme if obj else None) and super().has_change_permission(request, obj)

read_only(Assessment, list_display=["title", "status", "snapshot_date", "published_at"])

read_only(CountyReport, list_display=["region", "assessment", "status", "submitted_at"], list_filter=["status"])

read_only(
    CountyResult,
    list_display=["region", "assessment", "score", "rank", "grade", "vetoed"],
    list_filter=["grade", "vetoed"],
)
