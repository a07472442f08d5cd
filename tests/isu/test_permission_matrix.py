"""Every page and endpoint of the URL configuration, for every role: nobody sees a draft, another
convention's data or a delegate's personal data that is not theirs.

The URLs are read from the URL configuration itself: an endpoint no rule covers fails the first
test, so a new page cannot ship without a decision on who may see it.
"""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from budgets.models import Budget, Category, Line
from meetings.models import MastheadNote
from sponsorship.models import Application, Programme, Round
from tests import factories

# (regular expression on the URL's name, what it is)
RULES = [
    (r"^admin:", "staff pages, each scoped to the user's conventions and roles"),
    (r"^admin-index$", "the admin's index for superusers; other staff go to their workspace"),
    (r"^workspace:financing(-fund|-record|-csv|-xlsx)?$",
     "financing: the funds of the user's conventions; their editors record, exports for staff"),
    (r"^workspace:financing-(publish|withdraw)$",
     "publishing the status of contributions: the head of the ISU only (FINANCING_MATRIX)"),
    (r"^workspace:financing-cash-flow-csv$", "the cash flow of a fund: the convention's staff"),
    (r"^workspace:", "staff workspace: the plans and documents of the user's conventions only"),
    (r"^published-status-(list|detail)$",
     "public API: the statuses of contributions the head of the ISU published"),
    (r"^financing-fund-(list|detail|status)$",
     "API of the live status of contributions: the convention's staff only, a 404 for others"),
    (r"^contributions(-status|-csv)?$",
     "public site: the published status of contributions, never contact data"),
    (r"^(convention|meeting|document|workplan|budget|sponsorship-round)-(list|detail)$",
     "public API: published and issued content only"),
    (r"^sponsorship-application-(list|detail)$", "API for the convention's sponsorship staff"),
    (r"^(home|convention|plan-list|plan|meetings|meeting|document|document-pdf|document-docx|"
     r"meeting-pdf|"
     r"search|sponsorship|sponsorship-report)$", "public site: published and issued content only"),
    (r"^plan-progress(-csv|-values-csv|-xlsx)?$",
     "public site: the progress of a published plan, where the head of the ISU published it"),
    (r"^budgets:(csv|xlsx)$", "exports: published plans for all, drafts for their staff"),
    (r"^budgets:spending-(csv|xlsx)$",
     "exports of spending: the convention's staff only (the public reads published progress)"),
    (r"^(healthz|schema|set_language|api-not-found)$",
     "infrastructure, no data"),
    (r"^password_reset(_done|_confirm|_complete)?$",
     "choosing a password from an e-mailed link: answers alike whether an address exists"),
]

SECRETS = {
    "draft_ccm": "SECRET-DRAFT-CCM",
    "draft_apmbc": "SECRET-DRAFT-APMBC",
    "unissued_ccm": "SECRET-UNISSUED-CCM",
    "delegate_ccm": "SECRET-DELEGATE-CCM",
}

# Admin pages open to anyone: signing in, and the admin's translation catalog.
ADMIN_OPEN = {"admin:login", "admin:logout", "admin:jsi18n"}

# What each role may see of the secrets above.
ROLES = {
    "anonymous": [],
    "ccm_officer": ["draft_ccm", "unissued_ccm"],
    "apmbc_officer": ["draft_apmbc"],
    "coordinator": ["draft_ccm", "draft_apmbc", "unissued_ccm"],
    "ccm_head": ["draft_ccm", "unissued_ccm"],
    "ccm_sponsorship": ["draft_ccm", "unissued_ccm", "delegate_ccm"],
    "superuser": list(SECRETS),
}


def url_patterns(patterns=None, namespace=""):
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
            yield from url_patterns(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern):
            yield namespace + (pattern.name or ""), pattern


def rule_for(name):
    return next((what for expression, what in RULES if re.search(expression, name)), None)


def test_every_url_has_an_access_rule():
    missing = sorted({f"{name or '<unnamed>'} ({pattern.pattern})"
                      for name, pattern in url_patterns() if rule_for(name) is None})
    assert not missing, f"URLs without an access rule: {missing}"


@pytest.fixture
def world(ccm, apmbc):
    """A little of everything, with a marked secret for each kind of restricted data."""
    meeting = factories.meeting("CCM", "msp", 7, start=date(2017, 9, 4))
    factories.plan("CCM", 2018, outcomes=1, status="published",
                   document=factories.document(meeting, number=4, body="work_plan"))
    draft_ccm = factories.plan("CCM", 2019, outcomes=1, title_en=SECRETS["draft_ccm"])
    factories.plan("APMBC", 2026, outcomes=1, title_en=SECRETS["draft_apmbc"])
    unissued = factories.document(meeting, number=5, issued=False,
                                  title_en=SECRETS["unissued_ccm"],
                                  blocks=[(SECRETS["unissued_ccm"], [SECRETS["unissued_ccm"]])])
    MastheadNote.objects.create(document=unissued, position=1, text_en=SECRETS["unissued_ccm"])
    category = Category.objects.get(code="salaries")  # shipped by the migrations
    budget = Budget.objects.create(plan=draft_ccm, year=2019)
    Line.objects.create(budget=budget, category=category, amount=Decimal(1),
                        note_en=SECRETS["draft_ccm"])
    programme = Programme.objects.create(convention=ccm, administered_by_en="ISU",
                                         governing_body_en="Donors")
    round_ = Round.objects.create(programme=programme, meeting=meeting,
                                  application_deadline=date(2017, 7, 1), envelope=Decimal(1))
    application = Application.objects.create(round=round_, state="SN",
                                             delegate_name=SECRETS["delegate_ccm"])
    return {"draft": draft_ccm, "unissued": unissued, "budget": budget,
            "application": application, "meeting": meeting}


def concrete_urls(world):
    """A URL for each pattern, its arguments taken from the world (restricted rows first)."""
    from workplans.models import Activity

    values = {"code": "ccm", "period": "2019", "year": 2017, "language": "en",
              "symbol": world["unissued"].symbol, "app_label": "workplans",
              "plan_id": world["draft"].pk, "kind": "activity",
              "row_id": Activity.objects.filter(output__outcome__plan=world["draft"])[0].pk,
              "document_id": world["unissued"].pk,
              "block_id": world["unissued"].blocks.get().pk,
              "note_id": world["unissued"].masthead_notes.get().pk}
    api_rows = {"convention": "CCM", "meeting": world["meeting"].pk,
                "document": world["unissued"].pk, "workplan": world["draft"].pk,
                "budget": world["budget"].pk, "sponsorship-round": world["application"].round_id,
                "sponsorship-application": world["application"].pk}
    urls = []
    for name, pattern in url_patterns():
        arguments = set(pattern.pattern.regex.groupindex) | set(
            getattr(pattern.pattern, "converters", {}))
        if not name or name.endswith(":") or name == "set_language" or name.endswith("_add"):
            continue  # POST-only or form pages without data
        kwargs = {}
        for argument in arguments:
            if argument == "object_id":
                model = pattern.callback.model_admin.model if hasattr(
                    pattern.callback, "model_admin") else None
                model = model or _admin_model(name)
                row = model._default_manager.order_by("pk").first() if model else None
                if row is None:
                    break
                kwargs[argument] = row.pk
            elif argument == "pk":
                base = name.rsplit("-", 1)[0]
                if name.startswith("budgets:"):
                    kwargs["pk"] = world["budget"].pk
                elif name == "meeting":
                    kwargs["pk"] = world["meeting"].pk
                elif base in api_rows:
                    kwargs["pk" if base != "convention" else "code"] = api_rows[base]
                elif name.startswith("admin:otp_totp"):
                    break
                else:
                    break
            elif argument in values:
                kwargs[argument] = values[argument]
            else:
                break
        else:
            if name == "convention-detail":
                kwargs = {"code": "CCM"}
            urls.append((name, reverse(name, kwargs=kwargs)))
    return urls


def _admin_model(name):
    from django.contrib import admin

    match = re.match(r"admin:(\w+?)_(\w+)_(change|delete|history)$", name)
    if not match:
        return None
    for model in admin.site._registry:
        if (model._meta.app_label, model._meta.model_name) == match.group(1, 2):
            return model
    return None


@pytest.fixture
def clients(as_user, ccm_officer, apmbc_officer, coordinator, ccm_head, ccm_sponsorship,
            superuser):
    users = {"ccm_officer": ccm_officer, "apmbc_officer": apmbc_officer,
             "coordinator": coordinator, "ccm_head": ccm_head,
             "ccm_sponsorship": ccm_sponsorship, "superuser": superuser}
    return {"anonymous": Client(), **{role: as_user(user) for role, user in users.items()}}


@pytest.mark.parametrize("role", ROLES)
def test_no_role_sees_what_is_not_its_own(world, clients, role):
    client = clients[role]
    forbidden = [SECRETS[key] for key in SECRETS if key not in ROLES[role]]
    checked = 0
    for name, url in concrete_urls(world):
        response = client.get(url)
        assert response.status_code < 500, (role, url)
        if name.startswith("admin:") and name not in ADMIN_OPEN and role == "anonymous":
            assert response.status_code == 302 and "/admin/login/" in response["Location"], url
        if name.startswith("sponsorship-application") and role == "anonymous":
            assert response.status_code == 401, url
        if response.get("Content-Type", "").startswith(("text/", "application/json")):
            body = response.content.decode()
            leaked = [secret for secret in forbidden if secret in body]
            assert not leaked, (role, url, leaked)
        checked += 1
    assert checked > 90  # the matrix really walked the configuration


# -- financing: the status of contributions and its publication ----------------------------------
# (page, expected answer per role). "login": sent to sign in; "refused": the page comes back
# with the refusal and nothing is published or withdrawn; "done": published or withdrawn.
FINANCING_ROLES = ["anonymous", "ccm_officer", "ccm_finance", "ccm_head", "coordinator",
                   "apmbc_finance", "superuser"]
CCM_STAFF = {"ccm_officer", "ccm_finance", "ccm_head", "coordinator", "superuser"}
HEADS = {"ccm_head", "superuser"}
KEEPERS = {"ccm_finance", "ccm_head", "superuser"}  # the live figures are theirs
CONTACT_SECRET = "SECRET-CONTACT@example.org"


def _staff_page(role):
    return 302 if role == "anonymous" else 200 if role in CCM_STAFF else 404


def _staff_api(role):
    return 401 if role == "anonymous" else 200 if role in CCM_STAFF else 404


def _keepers_page(role):
    return (302 if role == "anonymous" else 200 if role in KEEPERS
            else 403 if role in CCM_STAFF else 404)


def _keepers_api(role):
    return (401 if role == "anonymous" else 200 if role in KEEPERS
            else 403 if role in CCM_STAFF else 404)


FINANCING_MATRIX = {
    "workspace:financing": lambda role: 302 if role == "anonymous" else 200,
    "workspace:financing-fund": _staff_page,
    "workspace:financing-cash-flow-csv": _keepers_page,
    "workspace:financing-publish": lambda role: (
        "login" if role == "anonymous" else "done" if role in HEADS
        else "refused" if role in CCM_STAFF else 404),
    "workspace:financing-withdraw": lambda role: (
        "login" if role == "anonymous" else "done" if role in HEADS
        else "refused" if role in CCM_STAFF else 404),
    "contributions": lambda role: 200,
    "contributions-status": lambda role: 200,
    "contributions-csv": lambda role: 200,
    "published-status-list": lambda role: 200,
    "published-status-detail": lambda role: 200,
    "financing-fund-list": lambda role: 401 if role == "anonymous" else 200,
    "financing-fund-detail": _staff_api,
    "financing-fund-status": _keepers_api,
}


@pytest.fixture
def financing_world(ccm, apmbc, ccm_head):
    from financing.models import Contact, Contributor, Fund, Payment
    from financing.publishing import publish_status

    fund = Fund.objects.create(convention=ccm, kind=Fund.Kind.CORE, name_en="Core budget")
    norway = Contributor.objects.create(state="NO")
    Contact.objects.create(convention=ccm, contributor=norway, email=CONTACT_SECRET)
    Payment.objects.create(contributor=norway, fund=fund, year=2018,
                           value_date=date(2018, 3, 1), amount=Decimal("1000"))
    return fund, publish_status(ccm_head, fund, 2018)


@pytest.mark.parametrize("role", FINANCING_ROLES)
def test_the_financing_pages_answer_each_role_as_the_matrix_says(
        financing_world, as_user, role, ccm_officer, ccm_finance, ccm_head, coordinator,
        apmbc_finance, superuser):
    from financing.models import StatusPublication

    users = {"ccm_officer": ccm_officer, "ccm_finance": ccm_finance, "ccm_head": ccm_head,
             "coordinator": coordinator, "apmbc_finance": apmbc_finance,
             "superuser": superuser}
    client = Client() if role == "anonymous" else as_user(users[role])
    fund, publication = financing_world
    code = {"code": "ccm", "fund_id": fund.pk, "year": 2018}
    addresses = {
        "workspace:financing": reverse("workspace:financing"),
        "workspace:financing-fund": reverse("workspace:financing-fund", args=[fund.pk]),
        "workspace:financing-cash-flow-csv": reverse("workspace:financing-cash-flow-csv",
                                                     args=[fund.pk, 2018]),
        "contributions": reverse("contributions", args=["ccm"]),
        "contributions-status": reverse("contributions-status", kwargs=code),
        "contributions-csv": reverse("contributions-csv", kwargs=code),
        "published-status-list": reverse("published-status-list"),
        "published-status-detail": reverse("published-status-detail", args=[publication.pk]),
        "financing-fund-list": reverse("financing-fund-list"),
        "financing-fund-detail": reverse("financing-fund-detail", args=[fund.pk]),
        "financing-fund-status": reverse("financing-fund-status", args=[fund.pk, 2018]),
    }
    for name, url in addresses.items():
        response = client.get(url)
        assert response.status_code == FINANCING_MATRIX[name](role), (role, name)
        assert CONTACT_SECRET not in response.content.decode("utf-8", "replace"), (role, name)
    live = client.get(addresses["workspace:financing-fund"] + "?year=2018").content.decode()
    assert ('id="status"' in live) == (role in KEEPERS), role  # the live table of figures
    listed = client.get(reverse("financing-fund-list"))
    if listed.status_code == 200:
        assert (fund.pk in [row["id"] for row in listed.json()["results"]]) == (
            role in CCM_STAFF), role

    before = StatusPublication.objects.count()
    response = client.post(reverse("workspace:financing-publish", args=[fund.pk]) + "?year=2018",
                           {"as_at": "2018-06-30"})
    expected = FINANCING_MATRIX["workspace:financing-publish"](role)
    published = StatusPublication.objects.count() - before
    if expected == "login":
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
    elif expected == 404:
        assert response.status_code == 404
    assert published == (1 if expected == "done" else 0), role

    response = client.post(reverse("workspace:financing-withdraw",
                                   args=[fund.pk, publication.pk]))
    publication.refresh_from_db()
    expected = FINANCING_MATRIX["workspace:financing-withdraw"](role)
    if expected == 404:
        assert response.status_code == 404
    assert (publication.withdrawn_at is not None) == (expected == "done"), role


def test_the_financing_matrix_covers_every_financing_page():
    names = {name for name, _pattern in url_patterns()
             if re.search(r"^(workspace:financing-(fund|publish|withdraw|cash-flow-csv)$|"
                          r"workspace:financing$|contributions|published-status|financing-fund-)",
                          name)}
    assert names <= set(FINANCING_MATRIX), names - set(FINANCING_MATRIX)
