"""On SQLite, the default database, two officers who save the same record at the same moment:
the second waits for the first and is told of the conflict; nobody gets "database is locked"."""

import runpy
import threading
import time

import pytest
from django.conf import settings
from django.db import OperationalError, connections, transaction

ALIAS = "sqlite_file"


@pytest.fixture
def sqlite_file(tmp_path, monkeypatch, django_db_blocker):
    """A file-based SQLite database configured as project/settings.py configures DATABASE_URL, with
    one record at version 1; each thread that uses the alias has its own connection."""
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'isu.sqlite3'}")
    project = runpy.run_path(str(settings.BASE_DIR / "project" / "settings.py"))["DATABASES"]
    connections.settings[ALIAS] = connections.configure_settings(project)["default"]
    with django_db_blocker.unblock():
        with connections[ALIAS].cursor() as cursor:
            cursor.execute("CREATE TABLE record (id INTEGER PRIMARY KEY, version INTEGER, "
                           "title TEXT)")
            cursor.execute("INSERT INTO record VALUES (1, 1, 'as opened')")
        connections[ALIAS].close()
        yield
    del connections[ALIAS]
    del connections.settings[ALIAS]


def save_as_the_admin_does(title, opened_version, start, outcomes):
    """The optimistic lock of lib.forms.OptimisticLockForm inside the admin's transaction: read
    the record's version, refuse if it changed since the page was opened, else write."""
    start.wait()
    try:
        with transaction.atomic(using=ALIAS), connections[ALIAS].cursor() as cursor:
            cursor.execute("SELECT version FROM record WHERE id = 1")
            if cursor.fetchone()[0] != opened_version:
                outcomes.append("conflict")
                return
            time.sleep(0.3)  # the rest of the save: the form's rows, the history
            cursor.execute("UPDATE record SET version = version + 1, title = %s WHERE id = 1",
                           [title])
        outcomes.append("saved")
    except OperationalError as error:
        outcomes.append(f"error: {error}")
    finally:
        connections[ALIAS].close()


def race(opened_version):
    start, outcomes = threading.Barrier(2), []
    officers = [threading.Thread(target=save_as_the_admin_does,
                                 args=(name, opened_version, start, outcomes))
                for name in ("first officer", "second officer")]
    for officer in officers:
        officer.start()
    for officer in officers:
        officer.join(timeout=60)
    return sorted(outcomes)


def test_of_two_simultaneous_saves_one_is_kept_and_the_other_told_of_the_conflict(sqlite_file):
    for opened_version in (1, 2, 3):  # three races in a row, each from the version just saved
        assert race(opened_version) == ["conflict", "saved"]


def test_the_sqlite_settings_are_made_for_concurrent_requests(sqlite_file):
    options = connections.settings[ALIAS]["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE" and options["timeout"] >= 5
    with connections[ALIAS].cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"  # pages are read while a save is written
    connections[ALIAS].close()
