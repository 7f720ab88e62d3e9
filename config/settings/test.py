"""Fast, isolated settings for the test suite."""

import tempfile

from .base import *  # noqa: F403
from .base import DATABASES, STORAGES, env

DEBUG = False
SECRET_KEY = "test-only-key-not-secret"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
# Tasks run at once, in the test's own process (no worker).
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
PREVENT_DEMO_MODE = False
STORAGES = {
    **STORAGES,
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": tempfile.mkdtemp(prefix="prevent-test-media-")},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
# django-otp slows repeated wrong codes down (1s, 2s, 4s...); tests that type
# a wrong code and then a right one turn that off (one test turns it back on).
OTP_TOTP_THROTTLE_FACTOR = 0
OTP_STATIC_THROTTLE_FACTOR = 0
# The replica alias as Django's TEST MIRROR of default, so the suite runs
# with statistics reads routed to it (config/routers.py; .ci/run sets it for
# the PostgreSQL run). PostgreSQL only: a second connection to SQLite's
# shared in-memory test database locks its tables.
if env.bool("PREVENT_TEST_REPLICA", default=False) and "sqlite" not in DATABASES["default"]["ENGINE"]:
    DATABASES["replica"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}
