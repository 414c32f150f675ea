"""/public/sitemap.xml: every public page (django.contrib.sitemaps)."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from projects.models import Call

from . import lists, queries


class StaticPages(Sitemap):
    changefreq = "daily"

    def items(self):
        names = ["portal:home", "portal:calls", "portal:notices", "portal:documents", "portal:results",
                 "portal:open_data", "portal:objection_status"]
        return names + [("portal:result_list", spec.slug) for spec in lists.LISTS]

    def location(self, item):
        if isinstance(item, tuple):
            return reverse(item[0], args=[item[1]])
        return reverse(item)


class CallPages(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Call.objects.public().order_by("-id").only("id", "updated_at")

    def location(self, item):
        return reverse("portal:call_detail", args=[item.pk])

    def lastmod(self, item):
        return item.updated_at


class NoticePages(Sitemap):
    changefreq = "daily"

    def items(self):
        return queries.notices()

    def location(self, item):
        return reverse("portal:notice_detail", args=[item.call.pk])


class DocumentPages(Sitemap):
    def items(self):
        return queries.publications().only("id", "updated_at")

    def location(self, item):
        return item.get_public_url()

    def lastmod(self, item):
        return item.updated_at


class PortalNoticePages(DocumentPages):
    """Platform-recognition and subsidy-list notices: public URL and last change, like documents."""

    changefreq = "daily"

    def items(self):
        return queries.portal_notices().only("id", "updated_at")


SITEMAPS = {
    "pages": StaticPages, "calls": CallPages, "notices": NoticePages, "portal-notices": PortalNoticePages,
    "documents": DocumentPages,
}
