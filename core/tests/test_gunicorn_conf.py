"""gunicorn.conf.py: what the master does before it forks the workers."""

import gc
import runpy

from django.conf import settings
from django.urls import clear_url_caches, get_resolver

CONF = runpy.run_path(str(settings.BASE_DIR / "gunicorn.conf.py"))


def test_the_master_reads_the_urlconf_and_freezes_what_it_loaded():
    clear_url_caches()
    assert not get_resolver()._populated
    try:
        CONF["when_ready"](server=None)
        assert get_resolver()._populated  # the workers inherit the URLconf's lookup tables
        assert gc.get_freeze_count() > 10_000
    finally:
        gc.unfreeze()


def test_the_workers_are_threaded_and_the_app_preloaded():
    assert CONF["preload_app"] is True and CONF["worker_class"] == "gthread"
    assert CONF["workers"] >= 2 and CONF["threads"] >= 1
