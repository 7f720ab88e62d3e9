"""The demo (config.settings.local) runs with DEBUG off, in demo mode, and
passes its system checks; its not-found page is the service's own."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)

# Runs in a fresh interpreter with the demo's settings: collects the static
# files into a temporary STATIC_ROOT (as make demo does) and asks for a page
# that does not exist, as a browser on 127.0.0.1 would.
SCRIPT = """
import sys, tempfile
import django
from django.conf import settings
settings.STATIC_ROOT = tempfile.mkdtemp(prefix="prevent-demo-static-")
django.setup()
from django.core.management import call_command
call_command("collectstatic", interactive=False, verbosity=0)
from django.test import Client
response = Client(HTTP_HOST="127.0.0.1").get("/no-such-page/")
from django.contrib.staticfiles.storage import staticfiles_storage
css_url = settings.STATIC_URL + staticfiles_storage.stored_name("application.css")
css = Client(HTTP_HOST="localhost").get(css_url)
print(settings.DEBUG, settings.PREVENT_DEMO_MODE, response.status_code, css.status_code)
sys.stdout.write(response.content.decode())
"""


def run(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PREVENT_"))}
    environment.update({"DJANGO_SETTINGS_MODULE": "config.settings.local", **env})
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=180
    )


def test_the_demo_settings_pass_the_system_checks_with_debug_off_in_demo_mode() -> None:
    result = run("manage.py", "check", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    result = run("manage.py", "check", DJANGO_ALLOWED_HOSTS="prevent.example.org")
    assert result.returncode != 0
    assert "prevent.E002" in result.stderr


def test_the_demo_not_found_page_is_the_services_own_and_static_files_are_served() -> None:
    result = run("-c", SCRIPT)
    assert result.returncode == 0, result.stderr
    first, _, page = result.stdout.partition("\n")
    assert first == "False True 404 200"
    assert "Page not found" in page
    # Django's debug page lists the URL patterns it tried; the service's never does.
    assert "URLconf" not in page
    assert "channel/" not in page
