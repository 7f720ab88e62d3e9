"""Which task backend each settings module runs: the demo sends its email
at once (no worker), production queues it for `manage.py db_worker`."""

from __future__ import annotations

from prevent.core.tests.test_security_settings import run_manage

PRINT_BACKEND = "from django.conf import settings; print(settings.TASKS['default']['BACKEND'])"
PRODUCTION = {
    "DJANGO_SECRET_KEY": "x" * 20 + "a-long-random-secret-for-this-check-only-1234567890",
    "DJANGO_ALLOWED_HOSTS": "prevent.example.org",
}


def backend(module: str, **env: str) -> str:
    result = run_manage("shell", "-c", PRINT_BACKEND, DJANGO_SETTINGS_MODULE=module, **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_local_and_demo_run_tasks_at_once_unless_asked_for_the_worker() -> None:
    assert backend("config.settings.local") == "django.tasks.backends.immediate.ImmediateBackend"
    assert (
        backend("config.settings.local", DJANGO_TASKS_BACKEND="database") == "django_tasks_db.DatabaseBackend"
    )


def test_production_queues_tasks_for_the_database_worker() -> None:
    assert backend("config.settings.production", **PRODUCTION) == "django_tasks_db.DatabaseBackend"
