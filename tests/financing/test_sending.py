"""Sending a set of statements by e-mail in the background: what goes to whom, once; re-sending
one; what is kept when there is no address or the mail server is down; the progress; and who
may use the pages."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from financing.models import Contact, Dispatch
from financing.statements import (
    Sending,
    deliver,
    deliver_one,
    generate_statements,
    progress,
    resend,
    send_run,
)
from tests.financing.statement_world import formula_world


@pytest.fixture(autouse=True)
def cheap_pdfs(monkeypatch):
    """The letters' printing is tested in test_statements.py; here each PDF is its name."""
    from financing import letters

    monkeypatch.setattr(letters, "render_statement_pdf",
                        lambda statement, language: f"%PDF {statement.reference} {language}".encode())


@pytest.fixture
def run(ccm, ccm_finance):
    world = formula_world(ccm, ccm_finance)
    return generate_statements(ccm_finance, world["core"], 2018)


def statement_of(run, country):
    return run.statements.get(contributor__state=country)


def sent_to(message):
    return sorted(message.to)


def test_send_all_mails_each_state_its_two_pdfs_at_its_contacts(
        ccm_finance, run, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert send_run(ccm_finance, run).queued == 3
    by_reference = {message.subject.rsplit("[", 1)[1].rstrip("]"): message
                    for message in mail.outbox}
    norway = statement_of(run, "NO")
    assert set(by_reference) == {norway.reference, statement_of(run, "CH").reference}
    message = by_reference[norway.reference]
    assert sent_to(message) == ["finance@norway.example", "mission@norway.example"]
    assert [(name, kind) for name, _content, kind in message.attachments] == [
        (f"{norway.reference}_zh.pdf", "application/pdf"),
        (f"{norway.reference}_en.pdf", "application/pdf")]
    assert message.attachments[1][1] == f"%PDF {norway.reference} en".encode()
    assert "Invoice and statement of contributions for 2018" in message.subject
    assert norway.reference in message.body and "To Norway:" in message.body
    dispatch = norway.dispatches.get()
    assert dispatch.status == Dispatch.Status.SENT and dispatch.sent_at is not None
    assert dispatch.recipients == "finance@norway.example, mission@norway.example"
    assert dispatch.requested_by == ccm_finance and not dispatch.resend
    run.refresh_from_db()
    assert run.sending_requested_at is not None


def test_a_state_without_a_contact_is_recorded_as_such(ccm_finance, run,
                                                       django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send_run(ccm_finance, run)
    japan = statement_of(run, "JP").dispatches.get()
    assert japan.status == Dispatch.Status.NO_ADDRESS and japan.sent_at is None
    assert not any("JP" in m.subject or "Japan" in m.body for m in mail.outbox)


def test_sending_twice_sends_nothing_more(ccm_finance, run, django_capture_on_commit_callbacks):
    Contact.objects.create(convention=run.fund.convention,
                           contributor=statement_of(run, "JP").contributor,
                           email="contributions@japan.example")
    with django_capture_on_commit_callbacks(execute=True):
        send_run(ccm_finance, run)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert send_run(ccm_finance, run) == Sending(queued=0, already_sent=3, already_queued=0)
    assert callbacks == []
    assert len(mail.outbox) == 3
    assert Dispatch.objects.filter(statement__run=run).count() == 3


def test_re_sending_one_statement_sends_exactly_one_message(
        ccm_finance, run, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send_run(ccm_finance, run)
    mail.outbox.clear()
    switzerland = statement_of(run, "CH")
    Contact.objects.create(convention=run.fund.convention, contributor=switzerland.contributor,
                           email="treasury@switzerland.example")
    with django_capture_on_commit_callbacks(execute=True):
        again = resend(ccm_finance, switzerland)
    [message] = mail.outbox
    assert sent_to(message) == ["contributions@switzerland.example",
                                "treasury@switzerland.example"]
    again.refresh_from_db()
    assert again.resend and again.status == Dispatch.Status.SENT
    assert switzerland.dispatches.count() == 2


@pytest.mark.django_db
def test_a_mail_server_that_is_down_is_recorded_as_failed(
        ccm_finance, run, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "tests.mail.DownBackend"
    with django_capture_on_commit_callbacks(execute=True):
        send_run(ccm_finance, run)
    norway = statement_of(run, "NO").dispatches.get()
    assert norway.status == Dispatch.Status.FAILED and norway.sent_at is None
    assert "mail server down" in norway.error
    assert norway.recipients == "finance@norway.example, mission@norway.example"
    assert mail.outbox == []


def test_send_all_queues_again_what_failed_on_the_same_dispatches(
        ccm_finance, run, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "tests.mail.DownBackend"
    with django_capture_on_commit_callbacks(execute=True):
        send_run(ccm_finance, run)
    before = {d.pk: d.status for d in Dispatch.objects.filter(statement__run=run)}
    assert sorted(before.values()) == ["failed", "failed", "no_address"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    Contact.objects.create(convention=run.fund.convention,
                           contributor=statement_of(run, "JP").contributor,
                           email="contributions@japan.example")
    with django_capture_on_commit_callbacks(execute=False):  # the job has not run yet
        assert send_run(ccm_finance, run) == Sending(queued=3, already_sent=0, already_queued=0)
    queued = Dispatch.objects.filter(statement__run=run)
    assert set(queued.values_list("pk", flat=True)) == set(before)  # the same rows
    assert set(queued.values_list("status", "error", "recipients")) == {("queued", "", "")}
    with django_capture_on_commit_callbacks(execute=True):  # a second click while queued
        assert send_run(ccm_finance, run) == Sending(queued=0, already_sent=0, already_queued=3)
        assert deliver(run.pk) == {"sent": 3}
    assert len(mail.outbox) == 3


def test_send_all_leaves_what_was_sent_and_queues_the_state_without_an_address_again(
        ccm_finance, run, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send_run(ccm_finance, run)
    norway = statement_of(run, "NO").dispatches.get()
    japan = statement_of(run, "JP")
    Contact.objects.create(convention=run.fund.convention, contributor=japan.contributor,
                           email="contributions@japan.example")
    with django_capture_on_commit_callbacks(execute=True):
        assert send_run(ccm_finance, run) == Sending(queued=1, already_sent=2, already_queued=0)
    assert japan.dispatches.get().status == Dispatch.Status.SENT
    assert [m.to for m in mail.outbox[2:]] == [["contributions@japan.example"]]
    assert statement_of(run, "NO").dispatches.get().sent_at == norway.sent_at


def test_a_failed_sending_re_sent_by_hand_is_not_queued_again_by_send_all(
        ccm_finance, run, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "tests.mail.DownBackend"
    with django_capture_on_commit_callbacks(execute=True):
        send_run(ccm_finance, run)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        resend(ccm_finance, statement_of(run, "NO"))
    with django_capture_on_commit_callbacks(execute=True):
        assert send_run(ccm_finance, run) == Sending(queued=2, already_sent=1, already_queued=0)
    assert sorted(m.subject.rsplit("[", 1)[1] for m in mail.outbox) == sorted(
        f"{statement_of(run, c).reference}]" for c in ("NO", "CH"))


def test_a_statement_still_queued_is_not_re_sent(ccm_finance, run,
                                                django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        send_run(ccm_finance, run)
    norway = statement_of(run, "NO")
    with pytest.raises(ValidationError, match=f"{norway.reference} is already queued"):
        resend(ccm_finance, norway)
    assert norway.dispatches.count() == 1


def test_progress_counts_the_dispatches_no_longer_queued(ccm_finance, run,
                                                         django_capture_on_commit_callbacks):
    assert progress(run).total == 0 and not progress(run).sending
    with django_capture_on_commit_callbacks(execute=False):  # the job has not run yet
        send_run(ccm_finance, run)
    waiting = progress(run)
    assert (waiting.done, waiting.total, waiting.sending) == (0, 3, True)
    first = Dispatch.objects.filter(statement__run=run).order_by("statement__reference").first()
    deliver_one(first.pk)
    assert (progress(run).done, progress(run).total) == (1, 3)


def test_a_dispatch_already_sent_is_not_sent_again(ccm_finance, run,
                                                   django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send_run(ccm_finance, run)
    dispatch = statement_of(run, "NO").dispatches.get()
    assert deliver_one(dispatch.pk) is None
    assert len(mail.outbox) == 2


def test_officers_and_coordinators_cannot_send(ccm_officer, coordinator, run):
    from django.core.exceptions import PermissionDenied

    for user in (ccm_officer, coordinator):
        with pytest.raises(PermissionDenied):
            send_run(user, run)
        with pytest.raises(PermissionDenied):
            resend(user, statement_of(run, "NO"))
    assert not Dispatch.objects.exists()


# -- the pages --------------------------------------------------------------------------------

def test_the_pages_send_all_and_show_the_progress(as_user, ccm_finance, run,
                                                  django_capture_on_commit_callbacks):
    client = as_user(ccm_finance)
    page = client.get(reverse("workspace:statement-run", args=[run.pk]))
    assert page.status_code == 200
    assert statement_of(run, "NO").reference in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(reverse("workspace:statements-send", args=[run.pk]))
    assert answer.status_code == 302
    text = client.get(answer.url).content.decode()
    assert "3 of 3 done: 2 sent, 0 failed, 1 without an address" in text
    assert 'http-equiv="refresh"' not in text
    assert "finance@norway.example" in text
    assert len(mail.outbox) == 2
    again = client.post(reverse("workspace:statements-send", args=[run.pk]), follow=True)
    assert "already" in again.content.decode() and len(mail.outbox) == 2


def test_the_page_refreshes_itself_while_statements_are_queued(
        as_user, ccm_finance, run, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        send_run(ccm_finance, run)
    text = as_user(ccm_finance).get(reverse("workspace:statement-run", args=[run.pk])).content
    assert b'http-equiv="refresh"' in text and b"0 of 3 done" in text


def test_re_send_from_the_page(as_user, ccm_head, run, django_capture_on_commit_callbacks):
    norway = statement_of(run, "NO")
    with django_capture_on_commit_callbacks(execute=True):
        as_user(ccm_head).post(reverse("workspace:statement-resend", args=[norway.pk]))
    [message] = mail.outbox
    assert norway.reference in message.subject


def test_send_all_says_what_it_queued_and_what_was_already_sent(
        as_user, ccm_finance, run, django_capture_on_commit_callbacks):
    client = as_user(ccm_finance)
    url = reverse("workspace:statements-send", args=[run.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)
    with django_capture_on_commit_callbacks(execute=True):
        text = client.post(url, follow=True).content.decode()
    assert "1 statement queued for sending. 2 statements were already sent." in text
    with django_capture_on_commit_callbacks(execute=False):
        resent = client.post(reverse("workspace:statement-resend",
                                     args=[statement_of(run, "NO").pk]), follow=True)
        assert "queued to be sent again" in resent.content.decode()
        again = client.post(reverse("workspace:statement-resend",
                                    args=[statement_of(run, "NO").pk]), follow=True)
    assert "is already queued to be sent" in again.content.decode()
    assert statement_of(run, "NO").dispatches.count() == 2


def test_a_year_that_is_not_one_is_not_found_and_a_date_of_issue_that_cannot_be_is_refused(
        as_user, ccm_finance, run):
    client = as_user(ccm_finance)
    generate = reverse("workspace:statements-generate", args=[run.fund.pk])
    assert client.post(generate, {"year": "abc"}).status_code == 404
    assert client.post(generate, {}).status_code == 404
    assert client.get(reverse("workspace:statements", args=[run.fund.pk]) + "?year=abc"
                      ).status_code == 404
    refused = client.post(generate, {"year": "2018", "issued_on": "2108-01-15"})
    assert refused.status_code == 400
    assert "The date of issue, 2108-01-15, is surely a typing error" in refused.content.decode()
    assert list(run.fund.statement_runs.all()) == [run]


def test_generate_from_the_page(as_user, ccm_finance, run):
    fund = run.fund
    client = as_user(ccm_finance)
    listing = client.get(reverse("workspace:statements", args=[fund.pk]) + "?year=2018")
    assert b"Generate invoices and statements" in listing.content
    answer = client.post(reverse("workspace:statements-generate", args=[fund.pk]),
                         {"year": "2018"})
    assert answer.status_code == 302
    assert fund.statement_runs.get() != run  # the set never sent is replaced


def test_other_staff_of_the_convention_are_refused_and_other_conventions_see_nothing(
        as_user, ccm_officer, coordinator, apmbc_finance, run):
    norway = statement_of(run, "NO")
    urls = [reverse("workspace:statements", args=[run.fund.pk]),
            reverse("workspace:statement-run", args=[run.pk]),
            reverse("workspace:statement-pdf", args=[norway.pk, "en"]),
            reverse("workspace:statements-zip", args=[run.pk])]
    posts = [reverse("workspace:statements-send", args=[run.pk]),
             reverse("workspace:statement-resend", args=[norway.pk]),
             reverse("workspace:statements-generate", args=[run.fund.pk])]
    for user in (ccm_officer, coordinator):
        client = as_user(user)
        assert [client.get(url).status_code for url in urls] == [403] * 4
        assert [client.post(url, {"year": "2018"}).status_code for url in posts] == [403] * 3
    client = as_user(apmbc_finance)
    assert [client.get(url).status_code for url in urls] == [404] * 4
    assert [client.post(url, {"year": "2018"}).status_code for url in posts] == [404] * 3
    assert not Dispatch.objects.exists() and run.fund.statement_runs.count() == 1
    assert mail.outbox == []


def test_a_pdf_and_the_zip_download(as_user, ccm_finance, run):
    client = as_user(ccm_finance)
    norway = statement_of(run, "NO")
    answer = client.get(reverse("workspace:statement-pdf", args=[norway.pk, "zh-hans"]))
    assert answer["Content-Type"] == "application/pdf"
    assert f"{norway.reference}_zh.pdf" in answer["Content-Disposition"]
    archive = client.get(reverse("workspace:statements-zip", args=[run.pk]))
    assert archive["Content-Type"] == "application/zip" and archive.content[:2] == b"PK"


def test_the_generate_action_waits_for_the_adopted_budget(as_user, ccm_finance, run):
    page = as_user(ccm_finance).get(reverse("workspace:statements", args=[run.fund.pk])
                                    + "?year=2019").content.decode()
    assert "Generate invoices and statements" not in page
    assert "No budget for 2019 is adopted yet" in page
    refused = as_user(ccm_finance).post(reverse("workspace:statements-generate",
                                                args=[run.fund.pk]), {"year": "2019"})
    assert refused.status_code == 400 and not run.fund.statement_runs.filter(year=2019).exists()


def test_the_fund_page_links_the_statements_for_the_finance_staff_only(as_user, ccm_finance,
                                                                       ccm_officer, run):
    link = reverse("workspace:statements", args=[run.fund.pk]) + "?year=2018"
    fund_page = reverse("workspace:financing-fund", args=[run.fund.pk]) + "?year=2018"
    assert link in as_user(ccm_finance).get(fund_page).content.decode()
    assert link not in as_user(ccm_officer).get(fund_page).content.decode()
