"""manage.py import_plan PATH --year 2008 [--dry-run --json] [--title ...] [--user admin]

Without --dry-run it creates a draft plan (as the given user, or as "system" for the initial
load) that staff then review and confirm on the upload page.
"""

import json

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from plans import linking, services
from plans.parser import extract_targets, read_plan_text


class Command(BaseCommand):
    help = "Read a work-plan text (UTF-8 or GB18030) and create a draft plan, or print its targets."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--title", default="")
        parser.add_argument("--dry-run", action="store_true", help="only print what would be imported")
        parser.add_argument("--json", action="store_true", help="with --dry-run: the targets as a JSON list")
        parser.add_argument("--user", help="username to act as (default: the command line itself)")

    def handle(self, *args, path, year, title, dry_run, json: bool, user, **options):
        try:
            text = read_plan_text(path)
        except OSError as exc:
            raise CommandError(f"cannot read {path}: {exc}") from exc
        if dry_run:
            return self._dry_run(text, year, as_json=json)
        actor = self._actor(user)
        try:
            plan = services.import_plan(actor, year=year, text=text, source_name=str(path), title=title)
        except (ValidationError, PermissionDenied) as exc:
            raise CommandError("; ".join(getattr(exc, "messages", [str(exc)]))) from exc
        self.stdout.write(
            f"draft plan #{plan.pk} “{plan.title}”: {plan.indicators.count()} indicators, "
            f"{plan.work_items.count()} work items"
        )

    def _dry_run(self, text: str, year: int, *, as_json: bool) -> None:
        targets = [_with_link(t) for t in extract_targets(text, year=year)]
        if as_json:
            self.stdout.write(_dumps(targets))
            return
        for t in targets:
            value = t.get("value", f"{t.get('min')}-{t.get('max')}" if "min" in t else "")
            self.stdout.write(f"{t['kind']:<15} {value!s:>10} {t['unit']:<8} {t['name']}")
        self.stdout.write(f"{len(targets)} targets")

    def _actor(self, username):
        if not username:
            return services.SystemActor("manage.py import_plan")
        try:
            return User.objects.get(username=username)
        except User.DoesNotExist as exc:
            raise CommandError(f"no user {username!r}") from exc


def _with_link(target) -> dict:
    """The target's fields plus the source the import would link (or null) and the suggestion's
    confidence and reason, so a dry run shows what the officer will have to decide."""
    link = linking.suggest(target.name, target.unit, target.kind,
                           linking.context_of(target.excerpt, target.start, target.match_start))  # fmt: skip
    linked = link is not None and link.confidence >= linking.threshold()
    return {
        **target.to_dict(),
        "source": link.source.key if linked else None,
        "source_confidence": link.confidence if link else None,
        "source_suggested": link.source.key if link else None,
        "source_reason": link.reason if link else "",
    }


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
