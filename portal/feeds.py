"""The Atom feed of notices, calls and announcements (django.contrib.syndication)."""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from . import queries


@dataclass
class Entry:
    title: str
    link: str
    updated: datetime
    summary: str


class PortalFeed(Feed):
    feed_type = Atom1Feed

    def title(self):
        return _("科技局政务公开")

    def link(self):
        return reverse("portal:home")

    def subtitle(self):
        return _("申报通知、公示与通知公告")

    def items(self):
        entries = [
            Entry(call.title, reverse("portal:call_detail", args=[call.pk]), call.opens_at,
                  _("申报截止：%(when)s") % {"when": call.closes_at})
            for call in queries.open_calls()[:20]
        ]
        entries += [
            Entry(_("%(call)s 拟立项项目公示") % {"call": n.call.title},
                  reverse("portal:notice_detail", args=[n.call.pk]), n.starts or n.ends,
                  _("公示截止：%(when)s") % {"when": n.ends})
            for n in queries.notices()[:20]
        ]
        entries += [
            Entry(p.title, p.get_public_url(), p.published_at, p.get_kind_display())
            for p in queries.publications().defer("body")[:20]
        ]
        return sorted(entries, key=lambda e: e.updated, reverse=True)

    def item_title(self, item):
        return item.title

    def item_link(self, item):
        return item.link

    def item_description(self, item):
        return item.summary

    def item_updateddate(self, item):
        return item.updated

    def item_pubdate(self, item):
        return item.updated
