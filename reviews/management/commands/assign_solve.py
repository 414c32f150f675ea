"""manage.py assign_solve — solve an expert assignment from interchange CSV files."""

from django.core.management.base import BaseCommand, CommandError

from reviews import interchange, solver, solver_fair


class Command(BaseCommand):
    help = "Assign experts to proposals from scores/conflicts CSV files; prints one JSON summary line."
    # The command touches no model and no database: Django's system checks (~0.9 s on this
    # project) would cost more than reading a 200k-pair instance.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--scores", required=True, help="proposal_id,expert_id,score")
        parser.add_argument("--conflicts", help="proposal_id,expert_id,-1")
        parser.add_argument("--k", type=int, default=5, help="reviewers per proposal")
        parser.add_argument("--cap", type=int, default=8, help="default load cap per expert")
        parser.add_argument("--caps", help="expert_id,cap overrides")
        parser.add_argument("--mode", choices=["optimal", "fair"], default="optimal")
        parser.add_argument("--out", required=True, help="assignment CSV to write")
        parser.add_argument(
            "--min-total-share",
            type=float,
            default=solver_fair.MIN_TOTAL_SHARE,
            help="fair mode: keep at least this share of the optimum total (0 = pure max-min)",
        )

    def handle(self, *args, **opts):
        try:
            summary = interchange.run(
                opts["scores"],
                opts["conflicts"],
                opts["k"],
                opts["cap"],
                opts["caps"],
                opts["mode"],
                opts["out"],
                opts["min_total_share"],
            )
        except (interchange.InterchangeError, solver.InfeasibleError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(interchange.summary_line(summary))
