"""Background work. Big imports run here, in a worker (`manage.py db_worker`), reporting progress
on a Job row; without a worker (TASK_BACKEND=immediate) they run in the request."""

from django.utils import timezone
from django_tasks import task

from . import xlsx
from .models import Job


@task()
def run_import(job_id: int) -> None:
    from .views import ObjectImportView

    job = Job.objects.select_related("owner").get(pk=job_id)
    view = ObjectImportView.registered(job.kind)
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING)

    def progress(done: int, total: int) -> None:
        Job.objects.filter(pk=job.pk).update(done=done, total=total)

    try:
        with job.file.open("rb") as upload:
            result = xlsx.import_rows(
                job.owner, upload, view.columns, view.form_class, view.save,
                label=str(view.title), form_kwargs=view.form_kwargs(job.owner), unique=view.unique, progress=progress,
                save_all=view.save_all,
            )
    except Exception as exc:  # a worker must record why it stopped, whatever it was
        Job.objects.filter(pk=job.pk).update(
            status=Job.Status.FAILED, finished_at=timezone.now(), result={"errors": [str(exc)]})
        raise
    Job.objects.filter(pk=job.pk).update(
        status=Job.Status.DONE if result.ok else Job.Status.FAILED,
        finished_at=timezone.now(),
        result={"created": result.created, "errors": [str(e) for e in result.errors[:1000]],
                "error_count": len(result.errors)},
    )
    job.file.delete(save=False)
