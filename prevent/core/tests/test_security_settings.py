"""Production settings pass check --deploy; demo mode cannot reach
production; every page carries the security headers and a strict CSP."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.checks import run_checks

ROOT = Path(settings.BASE_DIR)


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_settings_pass_check_deploy() -> None:
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_SECRET_KEY="x" * 20 + "a-long-random-secret-for-this-check-only-1234567890",
        DJANGO_ALLOWED_HOSTS="prevent.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_refuse_to_start_without_a_secret_key() -> None:
    result = run_manage(
        "check",
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_ALLOWED_HOSTS="prevent.example.org",
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_demo_mode_outside_the_local_settings_fails_the_system_check(settings) -> None:
    settings.PREVENT_DEMO_MODE = True
    settings.SETTINGS_MODULE = "config.settings.production"
    errors = [e for e in run_checks(tags=["security"]) if e.id == "prevent.E001"]
    assert errors and "Demo mode is on outside the local settings" in errors[0].msg
    settings.SETTINGS_MODULE = "config.settings.local"
    assert not [e for e in run_checks(tags=["security"]) if e.id == "prevent.E001"]


def test_demo_mode_for_a_public_host_fails_the_system_check(settings) -> None:
    settings.PREVENT_DEMO_MODE = True
    settings.SETTINGS_MODULE = "config.settings.local"
    settings.ALLOWED_HOSTS = ["127.0.0.1", "prevent.example.org"]
    errors = [e for e in run_checks(tags=["security"]) if e.id == "prevent.E002"]
    assert errors and "prevent.example.org" in errors[0].msg
    settings.ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
    assert not [e for e in run_checks(tags=["security"]) if e.id == "prevent.E002"]


@pytest.mark.django_db
def test_pages_carry_security_headers_and_a_strict_csp(client) -> None:
    response = client.get("/sign-in/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert len(response["X-Request-ID"]) >= 8


def test_no_template_has_inline_script_or_style() -> None:
    offenders = []
    for template in (ROOT / "templates").rglob("*.html"):
        text = template.read_text()
        if "<script>" in text or "<script " in text.replace('<script type="module" src=', ""):
            offenders.append(f"{template}: inline script")
        if " style=" in text or "<style" in text:
            offenders.append(f"{template}: inline style")
    assert offenders == []
