"""Local development and the demo (make demo). Never for real data.

The demo runs as production does, with DEBUG off: the service's own error
pages (a not-found page never lists the URL map) and static files served by
whitenoise from STATIC_ROOT (make demo runs collectstatic first). Set
DJANGO_DEBUG=true for Django's debug pages while developing."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env("DJANGO_SECRET_KEY", default="local-only-insecure-key-do-not-use-for-real-data")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
# Only these settings may turn demo mode on, and only for loopback hosts
# (system checks prevent.E001 and prevent.E002 in prevent/core/checks.py).
PREVENT_DEMO_MODE = env.bool("PREVENT_DEMO_MODE", default=True)
# Tasks (emails, reminders) run at once in the web process, so `make demo`
# prints every email on the console without a worker. Set
# DJANGO_TASKS_BACKEND=database to queue them for `manage.py db_worker` as
# production does (docs/operations.md).
if env("DJANGO_TASKS_BACKEND", default="immediate") != "database":
    TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
