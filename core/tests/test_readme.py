"""The README describes only what exists (issue 9, finding 14): no feature of an app not built."""

from pathlib import Path

from django.apps import apps
from django.conf import settings

# A claim in the README and the app that must be installed before it may be made.
CLAIMS = {
    "county assessment": "assessment",
    "instrument sharing": "instruments",
    "public disclosure": "portal",
    "public pages": "portal",
}


def test_readme_claims_only_installed_apps():
    text = (Path(settings.BASE_DIR) / "README.md").read_text(encoding="utf-8").lower()
    unbuilt = [claim for claim, app in CLAIMS.items() if claim in text and not apps.is_installed(app)]
    assert not unbuilt, f"README.md claims features whose app is not installed: {unbuilt}"
