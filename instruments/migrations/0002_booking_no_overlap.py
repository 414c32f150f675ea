"""No two pending or confirmed bookings of one instrument overlap: on PostgreSQL an exclusion
constraint over tstzrange(start, end) (btree_gist lets the instrument id join the GiST index).
SQLite has no such constraint; services._insert_exclusive checks under the database write lock."""

from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import RangeOperators
from django.contrib.postgres.operations import BtreeGistExtension
from django.db import migrations
from django.db.models import F, Func, Q

ACTIVE = ("requested", "confirmed")


class TsTzRangeHalfOpen(Func):
    # [start, end): a booking ending at 10:00 and one starting at 10:00 do not overlap.
    function = "TSTZRANGE"
    template = "%(function)s(%(expressions)s, '[)')"


def constraint() -> ExclusionConstraint:
    return ExclusionConstraint(
        name="booking_no_overlap",
        expressions=[("instrument", RangeOperators.EQUAL), (TsTzRangeHalfOpen(F("start"), F("end")),
                                                            RangeOperators.OVERLAPS)],
        condition=Q(status__in=ACTIVE),
        violation_error_message="booking overlaps",
    )


def add(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_constraint(apps.get_model("instruments", "Booking"), constraint())


def remove(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_constraint(apps.get_model("instruments", "Booking"), constraint())


class Migration(migrations.Migration):
    dependencies = [("instruments", "0001_initial")]

    operations = [
        BtreeGistExtension(),  # a no-op on SQLite
        migrations.RunPython(add, remove),
    ]
