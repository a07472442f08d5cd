"""Typed readers for settings taken from the environment.

Each reader returns the default when the variable is unset or empty, and raises
ImproperlyConfigured naming the variable when its value cannot be understood.
"""

import os

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def _raw(name):
    value = os.environ.get(name, "").strip()
    return value or None


def env_str(name, default=None):
    value = _raw(name)
    return default if value is None else value


def env_bool(name, default):
    value = _raw(name)
    if value is None:
        return default
    if value.lower() in _TRUE:
        return True
    if value.lower() in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name}={value!r} is not a boolean; use one of true, false, 1, 0, yes, no, on, off."
    )


def env_int(name, default, minimum=0):
    value = _raw(name)
    if value is None:
        return default
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not a whole number.") from None
    if number < minimum:
        raise ImproperlyConfigured(f"{name}={value!r} must be at least {minimum}.")
    return number


def env_list(name, default):
    value = _raw(name)
    if value is None:
        return list(default)
    items = [item.strip() for item in value.split(",")]
    if not all(items):
        raise ImproperlyConfigured(f"{name}={value!r} has an empty item; separate values by commas.")
    return items


def env_database(name, default):
    import dj_database_url

    value = env_str(name, default)
    try:
        config = dj_database_url.parse(value, conn_max_age=60, conn_health_checks=True)
    except (ValueError, KeyError) as error:
        raise ImproperlyConfigured(f"{name}={value!r} is not a database URL: {error}") from None
    if not config.get("ENGINE") or not config.get("NAME") or config["NAME"] == ":memory:":
        raise ImproperlyConfigured(f"{name}={value!r} names no database.")
    return config
