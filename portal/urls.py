from django.contrib.sitemaps.views import sitemap
from django.urls import path, register_converter
from django.views.decorators.cache import cache_control

from core.crud import urlpatterns as registry_urls

from . import staff, views
from .feeds import PortalFeed
from .sitemaps import SITEMAPS


class FormatConverter:
    regex = "csv|json"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(FormatConverter, "any_fmt")

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("calls/", views.call_list, name="calls"),
    path("calls/<int:pk>/", views.call_detail, name="call_detail"),
    path("notices/", views.notice_list, name="notices"),
    path("notices/<int:call_pk>/", views.notice_detail, name="notice_detail"),
    path("objections/new/<int:project_pk>/", views.objection_new, name="objection_new"),
    path("objections/new/award/<int:pk>/", views.objection_award, name="objection_award"),
    path("objections/new/item/<int:pk>/", views.objection_item, name="objection_item"),
    path("notices/portal/<int:pk>/", views.public_notice, name="public_notice"),
    path("objections/status/", views.objection_status, name="objection_status"),
    path("objections/mine/", views.my_objections, name="my_objections"),
    path("documents/", views.document_list, name="documents"),
    path("documents/<int:pk>/", views.document_detail, name="document"),
    path("documents/<int:pk>/files/<int:file_pk>/", views.document_file, name="document_file"),
    path("results/", views.result_index, name="results"),
    path("results/<slug:slug>/", views.result_list, name="result_list"),
    path("data/", views.open_data, name="open_data"),
    path("data/indicators.<any_fmt:fmt>", views.indicator_download, name="indicator_download"),
    path("data/<slug:slug>.<any_fmt:fmt>", views.list_download, name="list_download"),
    path("feed/", cache_control(public=True, max_age=300)(PortalFeed()), name="feed"),
    path("sitemap.xml", cache_control(public=True, max_age=3600)(sitemap), {"sitemaps": SITEMAPS},
         name="sitemap"),
    # The officer side.
    path("manage/objections/", staff.ObjectionQueueView.as_view(), name="objection_queue"),
    path("manage/objections/<int:pk>/", staff.ObjectionDetailView.as_view(), name="objection_detail"),
    path("manage/notices/", staff.NoticeListView.as_view(), name="notice_manage_list"),
    path("manage/notices/<int:pk>/", staff.NoticeDetailView.as_view(), name="notice_manage"),
    path("manage/publication/<int:pk>/files/", staff.PublicationAttachView.as_view(), name="publication_attach"),
    path("manage/snapshots/", staff.SnapshotView.as_view(), name="snapshots"),
    *registry_urls([staff.PUBLICATIONS]),
]
