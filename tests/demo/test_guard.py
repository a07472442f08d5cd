"""The demo never reaches production: with DEBUG false, load_demo refuses unless forced, and
forced it leaves no account that the published demo password opens; demo_logins shows nothing."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import override_settings

from demo.accounts import DEMO_PASSWORD, USERS
from isu.models import Convention, Participation
from tests.seeds import load_demo

User = get_user_model()


def opened_by_the_published_password():
    return [user.username for user in User.objects.filter(username__in=[u[0] for u in USERS])
            if user.check_password(DEMO_PASSWORD)]


@override_settings(DEBUG=False)
def test_load_demo_refuses_to_run_with_debug_false(db):
    with pytest.raises(CommandError) as error:
        call_command("load_demo", stdout=StringIO())
    assert "--force-production" in str(error.value)
    assert not User.objects.exists() and not Participation.objects.exists()


@override_settings(DEBUG=False)
def test_forced_it_loads_the_data_but_no_account_opens_with_the_published_password(db):
    out = StringIO()
    call_command("load_demo", "--force-production", stdout=out)
    assert Convention.objects.count() == 4
    assert not User.objects.filter(is_superuser=True).exists()
    assert opened_by_the_published_password() == []
    assert not any(user.has_usable_password() for user in User.objects.all())
    assert "no demo account has a usable password" in out.getvalue()


def test_forced_over_an_earlier_demo_it_takes_the_published_password_away(db):
    load_demo()  # as make run does: DEBUG true, passwords published
    assert len(opened_by_the_published_password()) == len(USERS)
    kept = User.objects.create_user("real.officer", password="a-password-of-their-own")
    with override_settings(DEBUG=False):
        call_command("load_demo", "--force-production", stdout=StringIO())
    assert opened_by_the_published_password() == []
    kept.refresh_from_db()
    assert kept.check_password("a-password-of-their-own")  # only the demo password goes


def test_demo_logins_shows_nothing_useful_with_debug_false():
    out = StringIO()
    with override_settings(DEBUG=False):
        call_command("demo_logins", stdout=out)
    assert DEMO_PASSWORD not in out.getvalue()
    assert not any(username in out.getvalue() for username, *_rest in USERS)
    out = StringIO()
    with override_settings(DEBUG=True):
        call_command("demo_logins", stdout=out)
    assert DEMO_PASSWORD in out.getvalue() and "ccm.sponsorship" in out.getvalue()
