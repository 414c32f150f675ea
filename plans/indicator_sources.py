"""The first data sources, over the foundation's organisations (directory).

Registered here rather than in directory/ because the foundation does not depend on plans.
These are stock values read from the registry as it stands: the directory keeps no history of
an organisation's flags (原部属院所) or kind, so the value does not depend on `as_of` and the
progress curve of such an indicator is flat at the current count. (The innovative-enterprise pilots
and listed companies are lists with a history now: `outreach.innovation_pilots`, `outreach.listed_companies`.)
"""

import datetime as dt

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from directory.models import Organisation

from .sources import DataSource, count_of, register


def _organisations(**flags) -> QuerySet:
    return Organisation.objects.filter(**flags).select_related("region").order_by("name")


def _stock(**flags):
    def records(year: int, as_of: dt.date) -> QuerySet:
        return _organisations(**flags)

    return count_of(records), records


SOURCES = [
    (
        "directory.former_ministry_institutes",
        _("原部属科研院所"),
        "家",
        _stock(former_ministry_institute=True),
    ),
    ("directory.enterprises", _("登记企业"), "家", _stock(kind=Organisation.Kind.ENTERPRISE)),
    ("directory.research_institutes", _("科研院所"), "家", _stock(kind=Organisation.Kind.INSTITUTE)),
]

for key, label, unit, (value, records) in SOURCES:
    register(DataSource(key=key, label=label, unit=unit, value=value, records=records, app="directory"))
