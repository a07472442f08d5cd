"""Fast settings for the test suite: the only place tests change settings."""

import os

os.environ.setdefault("DEBUG", "true")

from project.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
SECURE_SSL_REDIRECT = False
LANGUAGE_CODE = "en"
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"  # mail.outbox
# Background jobs run at once, in the request or the test that enqueues them.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# The cache the worker shares with the web is this process's memory (emptied before each test).
CACHES["shared"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",  # noqa: F405
                    "LOCATION": "shared"}
