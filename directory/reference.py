"""Bundled reference data: Luoyang's GB/T 2260 divisions (2008 and the 2021 changes) and the
bureau's divisions. Loaded by a data migration, so every database and test has them."""

import datetime as dt
import json
from pathlib import Path

DATA = Path(__file__).parent / "data"


def load(apps=None) -> None:
    get = apps.get_model if apps else _live_model
    region_model, division_model = get("directory", "Region"), get("directory", "Division")
    rows = json.loads((DATA / "regions.json").read_text())
    by_code = {}
    for row in rows:
        region, _ = region_model.objects.update_or_create(
            code=row["code"],
            defaults={
                "name": row["name"],
                "level": row["level"],
                "parent": by_code.get(row["parent"]),
                "valid_from": _date(row.get("valid_from")),
                "valid_to": _date(row.get("valid_to")),
            },
        )
        by_code[row["code"]] = region
    for row in rows:
        if row.get("successor"):
            region_model.objects.filter(code=row["code"]).update(successor=by_code[row["successor"]])
    for row in json.loads((DATA / "divisions.json").read_text()):
        division_model.objects.update_or_create(
            code=row["code"], defaults={"name": row["name"], "duties": row["duties"]}
        )


def _live_model(app_label: str, name: str):
    from django.apps import apps

    return apps.get_model(app_label, name)


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None
