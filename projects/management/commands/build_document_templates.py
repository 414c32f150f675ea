from django.core.management.base import BaseCommand

from projects.documents.builder import build_all


class Command(BaseCommand):
    help = "Regenerate the bundled Word templates of the official documents (projects/documents/docx/)."

    def handle(self, *args, **options):
        for path in build_all():
            self.stdout.write(str(path))
