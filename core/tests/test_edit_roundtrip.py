"""Generated: every edit form of every model, opened in zh-Hans and in English and posted back
unchanged, leaves its object unchanged and writes no audit entry (issue 9, finding 2: dates shown
as 2027/01/01 were erased by saving an untouched form).

The edit pages are found in the URL resolver (every ObjectEditView route that takes a pk), the
objects in the demo data, and the editor among the demo users through the view's own `can_edit`.
"""

import io
import re
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts.models import User
from core import audit
from core.models import AuditEntry
from core.views import ObjectEditView

# Every edit page this test fills. A new edit page must have demo data an editor can open.
EDIT_PAGES = frozenset({
    "directory:organisation_edit", "directory:person_edit",
    "projects:application_edit", "projects:program_edit", "projects:call_edit",
    "reviews:expert_edit", "reviews:round_edit", "reviews:nomination_edit",
    "registries:platform_edit", "registries:report_edit", "registries:incubator_edit",
    "registries:hightech_edit", "registries:product_edit", "registries:alliance_edit",
    "registries:figures_edit",
    "ip:patent_edit", "ip:population_edit", "ip:policy_edit", "ip:subsidy_edit", "ip:advantage_edit",
    "plans:indicator_edit", "plans:work_item_edit",
    "portal:publication_edit",
    "assessment:group_edit", "assessment:indicator_edit", "assessment:veto_edit",
    "instruments:instrument_edit", "instruments:blackout_edit", "instruments:training_edit",
    "instruments:booking_edit", "instruments:usage_edit",
    "instruments:literature_edit", "instruments:literature_use_edit",
    "agencies:agency_edit", "agencies:service_edit", "agencies:evaluation_edit", "agencies:contract_edit",
    "achievements:achievement_edit",
    "talent:programme_edit", "talent:talent_edit", "talent:report_edit",
    "rural:action_edit", "rural:base_edit", "rural:commissioner_edit", "rural:log_edit", "rural:evaluation_edit",
    "rural:aid_edit", "outreach:event_edit", "outreach:agreement_edit", "outreach:cultivation_edit",
})
# Pages that exist but that no one may use: the test checks that this stays true.
NEVER_EDITABLE = {
    "ip:subsidy_edit": "a subsidy claim is filed, then decided; it is never edited",
    "instruments:booking_edit": "a booking is requested, then approved, cancelled or used: workflow actions only",
    "instruments:usage_edit": "a usage record is written once, by recording the use of a booking",
}
LANGUAGES = ("zh-hans", "en")
# The values date pickers accept (HTML "valid date / local date and time string"); others are blanked.
BROWSER_FORMATS = {
    "date": re.compile(r"\d{4}-\d{2}-\d{2}"),
    "datetime-local": re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?"),
    "time": re.compile(r"\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?"),
}
CANDIDATES = 300  # objects per model considered when looking for the most completely filled one


def edit_pages() -> dict[str, type[ObjectEditView]]:
    """URL name → view class of every route that edits an existing object."""
    found = {}

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = ":".join(filter(None, [namespace, pattern.namespace]))
                walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern):
                view = getattr(pattern.callback, "view_class", None)
                if view and issubclass(view, ObjectEditView) and "pk" in pattern.pattern.converters:
                    found[f"{namespace}:{pattern.name}"] = view

    walk(get_resolver().url_patterns, "")
    return found


def test_every_edit_page_is_covered():
    discovered = set(edit_pages())
    missing, gone = discovered - EDIT_PAGES, EDIT_PAGES - discovered
    assert not missing, f"edit pages without a round-trip row in EDIT_PAGES: {sorted(missing)}"
    assert not gone, f"EDIT_PAGES names pages that no longer exist: {sorted(gone)}"


class FormFields(HTMLParser):
    """What a browser would submit for each <form> on a page, as (name, value) pairs."""

    def __init__(self):
        super().__init__()
        self.forms: list[list[tuple[str, str]]] = []
        self.actions: list[str] = []  # each form's action ("" posts back to the page itself)
        self._select: tuple[str, bool, list, list] | None = None  # name, multiple, selected, all values
        self._textarea: list | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.forms.append([])
            self.actions.append(a.get("action") or "")
        elif not self.forms or "disabled" in a:
            return
        elif tag == "input":
            self._input(a)
        elif tag == "select" and a.get("name"):
            self._select = (a["name"], "multiple" in a, [], [])
        elif tag == "option" and self._select:
            value = a.get("value", "")
            self._select[3].append(value)
            if "selected" in a:
                self._select[2].append(value)
        elif tag == "textarea" and a.get("name"):
            self._textarea = [a["name"], ""]

    def _input(self, a):
        kind, name = a.get("type", "text"), a.get("name")
        if not name or kind in ("submit", "button", "file", "image", "reset"):
            return
        if kind in ("checkbox", "radio") and "checked" not in a:
            return
        value = a.get("value", "on" if kind in ("checkbox", "radio") else "")
        if kind in BROWSER_FORMATS and not BROWSER_FORMATS[kind].fullmatch(value):
            value = ""  # what a browser does with a value its picker cannot show
        self.forms[-1].append((name, value))

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "select" and self._select:
            name, multiple, selected, values = self._select
            # A single select with nothing marked submits its first option, as browsers do.
            self.forms[-1].extend((name, v) for v in (selected or ([] if multiple else values[:1])))
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            # The HTML parser keeps the newline browsers drop right after <textarea>.
            name, text = self._textarea
            self.forms[-1].append((name, text[1:] if text.startswith("\n") else text))
            self._textarea = None


def posted_back(html: str) -> dict[str, list[str]]:
    parser = FormFields()
    parser.feed(html)
    # The edit form posts back to its own page; the layout's small forms (language, logout) do not,
    # and one of them may have as many fields as a short edit form.
    own = [form for form, action in zip(parser.forms, parser.actions, strict=True) if not action]
    fields = max(own or parser.forms, key=len)
    data: dict[str, list[str]] = {}
    for name, value in fields:
        data.setdefault(name, []).append(value)
    return data


def filled(obj) -> int:
    return sum(1 for value in audit.snapshot(obj).values() if value not in (None, "", [], {}))


def editable_object(view: type[ObjectEditView], users: list[User]):
    """The most completely filled object of the view's model that some demo user may edit."""
    pairs = [
        (obj, user)
        for user in users
        for obj in view.model.objects.visible_to(user).order_by("-pk")[:CANDIDATES]
        if view.can_edit(user, obj)
    ]
    return max(pairs, key=lambda pair: filled(pair[0]), default=(None, None))


def round_trip(name: str, obj, user: User, language: str) -> str | None:
    """Open the edit page, post it back unchanged; say what went wrong, or None."""
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    client.force_login(user)
    url = reverse(name, args=[obj.pk])
    page = client.get(url)
    if page.status_code != 200:
        return f"{name} [{language}] GET {url} as {user}: {page.status_code}"
    before, entries = audit.snapshot(obj), AuditEntry.objects.count()
    response = client.post(url, posted_back(page.content.decode()))
    if response.status_code != 302:
        form = response.context and response.context.get("form")
        return f"{name} [{language}] unchanged form refused: {form.errors.as_data() if form else response.status_code}"
    obj.refresh_from_db()
    old, new = audit.diff(before, audit.snapshot(obj))
    if new:
        return f"{name} [{language}] saving the unchanged form changed {old} → {new}"
    if AuditEntry.objects.count() != entries:
        return f"{name} [{language}] saving the unchanged form wrote an audit entry"
    return None


@pytest.mark.django_db
def test_edit_forms_posted_back_unchanged_change_nothing(reference_data):
    call_command("seed_demo", "--scale", "small", stdout=io.StringIO())
    users = list(User.objects.filter(is_active=True).order_by("pk"))
    problems = []
    for name, view in sorted(edit_pages().items()):
        obj, user = editable_object(view, users)
        if name in NEVER_EDITABLE:
            if obj is not None:
                problems.append(f"{name} is editable by {user}: give it a round trip, drop it from NEVER_EDITABLE")
            continue
        if obj is None:
            problems.append(f"{name}: no demo {view.model.__name__} that a demo user may edit")
            continue
        problems += filter(None, (round_trip(name, obj, user, language) for language in LANGUAGES))
    assert not problems, "\n".join(problems)
