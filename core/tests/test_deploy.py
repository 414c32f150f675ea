"""Production settings pass Django's deployment checklist (and drf-spectacular's schema checks)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_check_deploy_passes_with_production_environment(tmp_path):
    # The browser fixture sets DJANGO_ALLOW_ASYNC_UNSAFE in this process; production never has it.
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env |= {
        "TECHBUREAU_ENV": "production",
        "SECRET_KEY": "x" * 20 + "-a-long-random-production-secret-" + "y" * 20,
        "ALLOWED_HOSTS": "techbureau.example.gov.cn",
        "TECHBUREAU_VAR_DIR": str(tmp_path),
        "DEBUG": "",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = {**os.environ, "TECHBUREAU_ENV": "production", "SECRET_KEY": "", "TECHBUREAU_VAR_DIR": str(tmp_path)}
    result = subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode != 0 and "SECRET_KEY must be set in production" in result.stderr
