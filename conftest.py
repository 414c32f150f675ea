import pytest

pytest_plugins = ["core.testing"]


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings, tmp_path):
    # Hashing with PBKDF2's production cost would dominate the suite's time.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}


@pytest.fixture(autouse=True)
def _restore_language():
    # LocaleMiddleware activates the request's language on this thread and leaves it active;
    # a later test that checks Chinese messages outside a request must not inherit English.
    from django.utils import translation

    with translation.override(translation.get_language()):
        yield


def pytest_collection_modifyitems(config, items):
    """Browser tests need Debian's chromium; without it they skip loudly, except in CI."""
    import os
    from pathlib import Path

    if Path(os.environ.get("CHROMIUM", "/usr/bin/chromium")).exists() or os.environ.get("REQUIRE_BROWSER"):
        return
    skip = pytest.mark.skip(reason="chromium not installed (apt-get install chromium); CI requires it")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)
