"""Settings come from the environment and refuse bad values loudly."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]


def load_settings(**env):
    """Import config.settings in a fresh interpreter with exactly these variables set."""
    clean = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "DATABASE_URL", "REDIS_URL"}}
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import config.settings as s; print(s.DATABASES['default']['ENGINE'], s.CELERY_BROKER_URL)",
        ],
        cwd=BASE_DIR,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_bare_settings_run_on_sqlite_with_a_filesystem_broker():
    result = load_settings()
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.db.backends.sqlite3", "filesystem://"]


def test_database_and_redis_urls_select_postgresql_and_redis():
    result = load_settings(DATABASE_URL="postgres://app:app@127.0.0.1:5432/app", REDIS_URL="redis://127.0.0.1:6379/0")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.db.backends.postgresql", "redis://127.0.0.1:6379/0"]


def test_production_without_secret_key_refuses_to_start():
    result = load_settings(DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_production_with_secret_key_starts():
    result = load_settings(DEBUG="0", SECRET_KEY="x" * 50)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("name, value", [("DEBUG", "maybe"), ("CONN_MAX_AGE", "soon")])
def test_bad_values_fail_loudly_with_the_variable_name(name, value):
    result = load_settings(**{name: value})
    assert result.returncode != 0
    assert name in result.stderr
