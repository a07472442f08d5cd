"""Background jobs run by the database worker (`manage.py db_worker`), as `make run` and
production run them: a job enqueued by a request is stored, taken by the worker and its result
recorded; the results are for superusers only, in the admin."""

from datetime import date

import pytest
from django.core.management import call_command
from django.test import override_settings
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from meetings import tasks
from tests import factories
from tests.project.test_settings import manage

DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
RESULTS = "/admin/django_tasks_database/dbtaskresult/"


@pytest.mark.django_db(transaction=True)  # the worker takes each job in a transaction of its own
@override_settings(TASKS=DATABASE)
def test_the_database_worker_binds_the_volume_a_visitor_asked_for(anonymous, ccm):
    meeting = factories.meeting("CCM", "msp", 7, start=date(2017, 9, 4))
    document = factories.document(meeting, number=1, title_en="Bound in the background",
                                  languages=["en"])
    url = f"/en/ccm/meetings/{meeting.pk}/en.pdf"

    assert anonymous.get(url).status_code == 202
    job = DBTaskResult.objects.get()
    assert job.task_path == tasks.bind_volume.module_path
    assert job.status == TaskResultStatus.READY

    call_command("db_worker", "--batch", "--no-reload", "--no-startup-delay", verbosity=0)

    job.refresh_from_db()
    assert job.status == TaskResultStatus.SUCCESSFUL
    served = anonymous.get(url)
    assert served.status_code == 200 and served["Content-Type"] == "application/pdf"
    assert served["ETag"] == f'"{job.task_result.return_value}"'
    assert document.renditions.filter(language="en").exists()
    assert DBTaskResult.objects.count() == 1


def test_job_results_are_in_the_admin_for_superusers_only(as_user, superuser, ccm_head,
                                                          ccm_officer):
    assert as_user(superuser).get(RESULTS).status_code == 200
    for staff in (ccm_head, ccm_officer):
        assert as_user(staff).get(RESULTS).status_code == 403
        index = as_user(staff).get("/admin/", follow=True).content.decode()
        assert RESULTS not in index


def test_without_redis_the_worker_and_the_web_share_what_jobs_make_through_files():
    """Two processes, as the worker and the development server are: what one puts in the shared
    cache, the other reads."""
    shared = "from django.core.cache import caches; shared = caches['shared']; "
    written = manage("shell", "-c", shared + "shared.set('isu-shared-test', 'bound', 60); "
                     "print(shared.__class__.__name__)", REDIS_URL="")
    assert written.returncode == 0, written.stderr
    assert written.stdout.split()[-1] == "FileBasedCache"
    read = manage("shell", "-c", shared + "print(shared.get('isu-shared-test')); "
                  "shared.delete('isu-shared-test')", REDIS_URL="")
    assert read.stdout.split()[-1] == "bound"
