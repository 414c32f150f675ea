"""What an agency's misconduct costs in the credit ledger (科研诚信). The subject is the agency's
legal entity, so a blacklisted agency is refused wherever credit is asked."""

from credit.models import CreditEvent
from credit.services import record_event, record_kind

COMPLAINT_POINTS = -10


def on_false_application(service, actor, comment: str = "", **data) -> None:
    record_kind(actor, service.agency.organisation, "false_application", source=service, evidence=comment)


def on_complaint_upheld(service, actor, comment: str = "", **data) -> None:
    record_event(
        actor,
        service.agency.organisation,
        area=CreditEvent.Area.IMPLEMENTATION,
        points=COMPLAINT_POINTS,
        reason=f"中介服务被投诉属实:{service.title}",
        evidence=comment,
        source=service,
    )
