"""`manage.py county_assessment --year 2008 --json`: the year's result, one object per county.

Once the assessment is computed this prints the frozen rows; before that, a live preview at
`--as-of` (default: the year's 31 December) — nothing is stored either way.
"""

import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError

from assessment.compute import frozen_or_live
from assessment.models import Assessment


class Command(BaseCommand):
    help = "Print the county S&T progress assessment of a year (县市区科技进步考核)."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--json", dest="as_json", action="store_true",
                            help="JSON output (a list, one object per county)")
        parser.add_argument("--as-of", type=dt.date.fromisoformat, default=None,
                            help="data cut-off for a not yet computed assessment (YYYY-MM-DD)")

    def handle(self, *args, year: int, as_json: bool = False, as_of=None, **options):
        assessment = Assessment.objects.filter(scheme__year=year).select_related("scheme").first()
        if assessment is None:
            raise CommandError(f"no assessment for {year}")
        rows = frozen_or_live(assessment, as_of)
        if as_json:
            self.stdout.write(json.dumps([row.as_json() for row in rows], ensure_ascii=False, indent=2))
            return
        for row in rows:
            veto = "  否决：" + "、".join(row.veto_items) if row.vetoed else ""
            self.stdout.write(f"{row.rank:>3} {row.region.code} {row.region.name:<8} {row.score:>7} {row.grade}{veto}")

