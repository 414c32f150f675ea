"""The daily alert run as a background task, for sites that run `manage.py db_worker`:
`manage.py plan_alerts --enqueue` (from cron) queues it and a worker sends the mail."""

from django_tasks import task


@task()
def send_plan_alerts() -> dict:
    from . import alerts
    from .services import SystemActor

    result = alerts.run(SystemActor("plan_alerts"))
    return {"indicators": result.indicators, "milestones": result.milestones, "emails": result.emails}
