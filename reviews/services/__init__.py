"""Every state change of the review machinery (DESIGN.md rule 1): permission, validation, one
transaction, audit entry; the lifecycles are the tables of `reviews.workflow`. Modules:
`experts` (the library), `rounds` (rounds and items), `assignment` (choosing experts),
`invitations` (an expert's sheet), `results` (closing and ranking) and `awards` (nominations).
Callers use `reviews.services.<name>`.

For the projects app:  results_for(project) -> dict | None   (see docs/reviews.md)
"""

from .assignment import affinity_for, assign, replay
from .awards import nomination_action, save_nomination
from .experts import apply_as_expert, declare_conflict, declare_unavailable, expert_action, save_expert
from .invitations import reassign, report_undeclared_conflict, respond, save_scores, send_reminders
from .results import (
    OUTLIER_ROUNDS,
    flag_late,
    flag_outliers,
    rank_round,
    ranking,
    record_consensus,
    results_for,
    sheets_of,
)
from .rounds import add_items, clear_assignment, compute_exclusions, round_action, save_round

__all__ = [
    "OUTLIER_ROUNDS",
    "add_items",
    "affinity_for",
    "apply_as_expert",
    "assign",
    "clear_assignment",
    "compute_exclusions",
    "declare_conflict",
    "declare_unavailable",
    "expert_action",
    "flag_late",
    "flag_outliers",
    "nomination_action",
    "rank_round",
    "ranking",
    "reassign",
    "record_consensus",
    "replay",
    "report_undeclared_conflict",
    "respond",
    "results_for",
    "round_action",
    "save_expert",
    "save_nomination",
    "save_round",
    "save_scores",
    "send_reminders",
    "sheets_of",
]
