"""What a process pays to start: `django.setup()` must not import the heavy libraries that only
some requests use (openpyxl, jieba, python-docx, Django REST framework's serializers). Every
gunicorn worker and every `manage.py` command starts this way; `assign_solve` is measured against
a reference whose whole run is ~1.5 s (issue 16)."""

import subprocess
import sys

from django.conf import settings

HEAVY = ("openpyxl", "jieba", "docx", "docxtpl", "rest_framework.serializers", "drf_spectacular.openapi")


def test_setup_leaves_the_heavy_libraries_unimported():
    script = (
        "import os, sys, django\n"
        "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'techbureau.settings')\n"
        "django.setup()\n"
        f"print(' '.join(name for name in {HEAVY!r} if name in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=settings.BASE_DIR, capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == []
