from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from projects.documents.models import IssuedDocument
from projects.models import Project


class Command(BaseCommand):
    help = "Write a project's issued documents (Word, and PDF where one was made) into a directory."

    def add_arguments(self, parser):
        parser.add_argument("number", help="the project number")
        parser.add_argument("--out", required=True, help="directory to write into (created if missing)")
        parser.add_argument("--all", action="store_true", help="also the superseded versions")

    def handle(self, *args, number, out, **options):
        project = Project.objects.filter(number=number).first()
        if project is None:
            raise CommandError(f"没有编号为 {number} 的项目。No project numbered {number}.")
        documents = IssuedDocument.objects.filter(project=project).order_by("issued_at", "id")
        if not options["all"]:
            documents = documents.filter(superseded_by__isnull=True)
        target = Path(out)
        target.mkdir(parents=True, exist_ok=True)
        written = 0
        for document in documents:
            for stored, extension in ((document.file, "docx"), (document.pdf, "pdf")):
                if stored:
                    path = target / f"{document.number}-{document.get_kind_display()}.{extension}"
                    with stored.open("rb") as source:
                        path.write_bytes(source.read())
                    self.stdout.write(str(path))
                    written += 1
        self.stdout.write(f"{written} file(s)")
