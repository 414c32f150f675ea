"""The backup format: Django's JSON fixtures with full-precision times. Django's own encoder cuts
datetimes to milliseconds, which changes every audit entry's hashed timestamp, so a restored log
would fail `audit_verify` at its first entry. Registered as serialization format "exactjson"."""

import datetime as dt
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.core.serializers import json as django_json

# What `loaddata` recognises as a JSON fixture, optionally compressed.
SUFFIXES = (".json", ".json.gz", ".json.bz2", ".json.xz", ".json.lzma")


class ExactJSONEncoder(django_json.DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, dt.datetime | dt.time):
            return o.isoformat()  # microseconds and offset kept
        return super().default(o)


class Serializer(django_json.Serializer):
    def _init_options(self):
        super()._init_options()
        self.json_kwargs["cls"] = ExactJSONEncoder


Deserializer = django_json.Deserializer


def check_path(path: str) -> Path:
    if not path.endswith(SUFFIXES):
        raise ValueError(f"a backup file name ends with one of {', '.join(SUFFIXES)}")
    return Path(path)


class FileCommand(BaseCommand):
    """`backup FILE` and `restore FILE`: one argument, a backup file name, checked here and given
    to `handle_file`."""

    def add_arguments(self, parser) -> None:
        parser.add_argument("file")

    def handle(self, *args, **options) -> None:
        try:
            path = check_path(options["file"])
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        self.handle_file(path)

    def handle_file(self, path: Path) -> None:  # pragma: no cover - each command defines it
        raise NotImplementedError
