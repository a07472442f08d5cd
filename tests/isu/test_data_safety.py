"""Nothing is lost: a backup restores everything, and deletions that would lose the record
are refused."""

import os
import shutil
import subprocess
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import ProtectedError

from isu.models import Convention
from meetings.models import Document, Meeting, Rendition
from meetings.pdfs import stored_pdf
from tests import factories
from workplans.models import Activity

BACKUP_EXCLUDES = ["contenttypes", "auth.permission", "sessions", "axes", "admin.logentry"]


def dump(path):
    call_command("dumpdata", "--natural-foreign", "--natural-primary",
                 *[f"--exclude={name}" for name in BACKUP_EXCLUDES], "--output", str(path),
                 stdout=StringIO())


@pytest.fixture
def record(ccm):
    plan = factories.plan("CCM", 2018, outcomes=1, status="published")
    Activity.objects.filter(output__outcome__plan=plan).update(text_zh_hans="为缔约国举办讲习班")
    document = factories.document(factories.meeting("CCM", "msp", 7), number=4,
                                  title_zh_hans="执行支助股 2018 年工作计划")
    return plan, document, bytes(stored_pdf(document, "en").content)


@pytest.mark.django_db(transaction=True)  # flush, as an operator would, outside a transaction
def test_a_backup_restores_every_row_text_and_stored_pdf(tmp_path, record):
    _plan, document, pdf_bytes = record
    backup = tmp_path / "backup.json.gz"
    dump(backup)
    call_command("flush", interactive=False, verbosity=0)
    assert not Document.objects.exists()
    call_command("loaddata", str(backup), verbosity=0)
    restored = Document.objects.get(symbol="CCM/MSP/2017/4")
    assert restored.title_zh_hans == "执行支助股 2018 年工作计划"
    assert bytes(Rendition.objects.get(document=restored).content) == pdf_bytes
    assert Activity.objects.filter(text_zh_hans="为缔约国举办讲习班").count() == 6  # 2 outputs × 3


@pytest.mark.skipif(connection.vendor != "postgresql" or not shutil.which("pg_dump"),
                    reason="pg_dump round trip on PostgreSQL only")
@pytest.mark.django_db(transaction=True)
def test_a_pg_dump_restores_into_an_empty_database(tmp_path, ccm):
    factories.meeting("CCM", "msp", 7)
    settings = connection.settings_dict
    env = {**os.environ, "PGHOST": settings["HOST"] or "127.0.0.1",
           "PGPORT": str(settings["PORT"] or 5432), "PGUSER": settings["USER"] or "postgres"}
    target = f"{settings['NAME']}_restore"
    dump_file = tmp_path / "isu.dump"
    subprocess.run(["pg_dump", "-Fc", "-f", str(dump_file), settings["NAME"]], env=env,
                   check=True)
    subprocess.run(["dropdb", "--if-exists", target], env=env, check=True)
    subprocess.run(["createdb", target], env=env, check=True)
    try:
        subprocess.run(["pg_restore", "--no-owner", "-d", target, str(dump_file)], env=env,
                       check=True)
        count = subprocess.run(["psql", "-tAc", "select count(*) from meetings_meeting", target],
                               env=env, check=True, capture_output=True, text=True).stdout
        assert count.strip() == "1"
    finally:
        subprocess.run(["dropdb", "--if-exists", target], env=env, check=True)


def test_deleting_a_convention_with_records_is_refused(record):
    with pytest.raises(ProtectedError):
        Convention.objects.get(code="CCM").delete()


def test_deleting_a_meeting_with_documents_is_refused(record):
    with pytest.raises(ProtectedError):
        Meeting.objects.get().delete()


def test_deleting_an_issued_document_is_refused(record):
    _plan, document, _pdf = record
    with pytest.raises(ProtectedError):
        document.delete()
    assert Document.objects.filter(pk=document.pk).exists()


def test_an_unissued_document_without_changes_can_be_deleted(ccm):
    draft = factories.document(factories.meeting("CCM", "msp", 7), number=5, issued=False)
    draft.delete()
    assert not Document.objects.exists()
