"""Setting up a convention's financing in the workspace: funds, the contribution method, scales
of shares pasted line by line, and financial contacts; for its finance staff and head only."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import reverse

from financing import services, setup
from financing.models import (
    Assessment,
    Contact,
    ContributionMethod,
    Contributor,
    Fund,
    Scale,
    ScaleShare,
)
from meetings.models import Organization
from tests import factories

D = Decimal


@pytest.fixture
def scale(ccm):
    return Scale.objects.create(convention=ccm, source_en="UN scale 2016–2018",
                                dated=date(2015, 12, 23))


def url(name, convention, *args):
    return reverse(f"workspace:{name}", args=[convention.pk, *args])


# -- funds ------------------------------------------------------------------------------------

def test_a_reserve_is_added_with_its_target_and_rule_in_both_languages(ccm_finance, ccm):
    fund = setup.add_fund(ccm_finance, ccm, kind="reserve", name_en="Capital reserve",
                          name_zh_hans="资本储备金", currency="CHF", target_amount=D("400000"),
                          draws_only_for_cash_flow=True)
    fund.refresh_from_db()
    assert (fund.name_en, fund.name_zh_hans, fund.target_amount) == (
        "Capital reserve", "资本储备金", D("400000"))
    assert fund.draws_only_for_cash_flow


def test_a_fund_needs_a_name_and_only_a_reserve_keeps_a_target(ccm_finance, ccm):
    with pytest.raises(ValidationError, match="in Chinese or in English"):
        setup.add_fund(ccm_finance, ccm, kind="core", name_en="", name_zh_hans="",
                       currency="CHF")
    core = setup.add_fund(ccm_finance, ccm, kind="core", name_en="Core", currency="CHF",
                          target_amount=D("1000"), draws_only_for_cash_flow=True)
    assert (core.target_amount, core.draws_only_for_cash_flow) == (None, False)


def test_a_fund_with_records_keeps_its_kind(ccm_finance, ccm):
    fund = setup.add_fund(ccm_finance, ccm, kind="core", name_en="Core", currency="CHF")
    services.record_pledge(ccm_finance, contributor=Contributor.objects.create(state="NO"),
                           fund=fund, first_year=2018, amount="10")
    with pytest.raises(ValidationError, match="keeps its kind"):
        setup.update_fund(ccm_finance, ccm, fund.pk, kind="reserve")
    setup.update_fund(ccm_finance, ccm, fund.pk, name_zh_hans="核心预算")
    assert Fund.objects.get().name_zh_hans == "核心预算"


def test_a_fund_is_added_and_edited_through_the_pages(as_user, ccm_finance, ccm):
    client = as_user(ccm_finance)
    response = client.post(url("financing-setup-add-fund", ccm), {
        "fund-kind": "reserve", "fund-name_en": "Capital reserve", "fund-currency": "CHF",
        "fund-target_amount": "400000", "fund-draws_only_for_cash_flow": "on"}, follow=True)
    fund = Fund.objects.get()
    assert "Fund added: Capital reserve." in response.content.decode()
    page = client.get(url("financing-setup-fund", ccm, fund.pk)).content.decode()
    assert 'value="Capital reserve"' in page
    client.post(url("financing-setup-fund", ccm, fund.pk), {
        "fund-kind": "reserve", "fund-name_en": "Capital reserve", "fund-name_zh_hans": "储备金",
        "fund-currency": "CHF", "fund-target_amount": "500000"})
    fund.refresh_from_db()
    assert (fund.name_zh_hans, fund.target_amount, fund.draws_only_for_cash_flow) == (
        "储备金", D("500000"), False)


def test_a_wrong_fund_comes_back_with_its_errors(as_user, ccm_finance, ccm):
    response = as_user(ccm_finance).post(url("financing-setup-add-fund", ccm), {
        "fund-kind": "core", "fund-name_en": "", "fund-currency": "CHF"})
    assert response.status_code == 400
    assert "Enter the name in Chinese or in English." in response.content.decode()
    assert not Fund.objects.exists()


# -- the contribution method ------------------------------------------------------------------

def test_a_formula_needs_a_scale_of_the_convention(ccm_finance, ccm, apmbc):
    with pytest.raises(ValidationError, match="needs its scale"):
        setup.set_contribution_method(ccm_finance, ccm, kind="formula")
    theirs = Scale.objects.create(convention=apmbc, source_en="Theirs", dated=date(2015, 1, 1))
    with pytest.raises(ValidationError, match="scale of this convention"):
        setup.set_contribution_method(ccm_finance, ccm, kind="formula", scale=theirs)
    assert not ContributionMethod.objects.exists()


def test_the_method_is_set_then_replaced(ccm_finance, ccm, scale):
    setup.set_contribution_method(ccm_finance, ccm, kind="formula", scale=scale,
                                  floor=D("1000"), ceiling=D("300000"))
    with pytest.raises(ValidationError, match="floor cannot be above the ceiling"):
        setup.set_contribution_method(ccm_finance, ccm, kind="formula", scale=scale,
                                      floor=D("5000"), ceiling=D("100"))
    setup.set_contribution_method(ccm_finance, ccm, kind="voluntary")
    method = ContributionMethod.objects.get()
    assert (method.kind, method.scale, method.floor) == ("voluntary", None, None)


def test_the_method_is_set_through_the_page(as_user, ccm_finance, ccm, scale):
    client = as_user(ccm_finance)
    client.post(url("financing-setup-method", ccm), {
        "method-kind": "formula", "method-scale": scale.pk, "method-floor": "1000",
        "method-ceiling": "300000"})
    method = ContributionMethod.objects.get()
    assert (method.kind, method.scale, method.ceiling) == ("formula", scale, D("300000"))
    response = client.post(url("financing-setup-method", ccm), {"method-kind": "formula"})
    assert response.status_code == 400 and "A formula needs its scale" in \
        response.content.decode()


# -- scales -----------------------------------------------------------------------------------

def test_shares_are_pasted_with_any_of_the_three_separators(ccm_finance, scale):
    count = setup.paste_shares(ccm_finance, scale, "NO 0.849\n\nch,1.140\nJP;9.680\n")
    assert count == 3
    assert {str(s.country): s.share for s in scale.shares.all()} == {
        "NO": D("0.849"), "CH": D("1.140"), "JP": D("9.680")}


def test_a_paste_with_bad_lines_reports_each_by_number_and_saves_nothing(ccm_finance, scale):
    text = "NO 0.849\nXX 1\nCH one\nJP 0\nNO 0.5\nAT 0.1234567\nDE 101"
    with pytest.raises(ValidationError) as refusal:
        setup.paste_shares(ccm_finance, scale, text)
    assert refusal.value.messages == [
        "Line 2: XX is not the code of a state.",
        "Line 3: “CH one” is not a state's code followed by its share, as in “NO 0.849”.",
        "Line 4: JP: a share is more than 0% and at most 100%.",
        "Line 5: NO is given twice.",
        "Line 6: AT: a share has at most 6 decimals.",
        "Line 7: DE: a share is more than 0% and at most 100%.",
    ]
    assert not ScaleShare.objects.exists()


def test_pasting_again_replaces_the_shares_unless_assessments_used_the_scale(ccm_finance, ccm,
                                                                             scale):
    setup.paste_shares(ccm_finance, scale, "NO 0.849\nCH 1.140")
    setup.paste_shares(ccm_finance, scale, "JP 9.680")
    assert [str(s.country) for s in scale.shares.all()] == ["JP"]
    plan = factories.plan("CCM", 2018)
    budget = factories.budget(plan, lines=[("staff", "1000")])
    fund = Fund.objects.create(convention=ccm, kind="core", name_en="Core")
    Assessment.objects.create(contributor=Contributor.objects.create(state="JP"), fund=fund,
                              year=2018, amount=D("1000"), budget=budget, scale=scale)
    with pytest.raises(ValidationError, match="Enter a new scale instead"):
        setup.paste_shares(ccm_finance, scale, "NO 1")


def test_a_scale_is_added_and_its_shares_pasted_and_summed_on_its_page(as_user, ccm_finance,
                                                                       ccm):
    client = as_user(ccm_finance)
    response = client.post(url("financing-setup-add-scale", ccm), {
        "scale-source_en": "UN scale 2016–2018", "scale-source_zh_hans": "联合国 2016–2018 年比额表",
        "scale-dated": "2015-12-23"})
    scale = Scale.objects.get()
    assert response["Location"] == url("financing-setup-scale", ccm, scale.pk)
    assert scale.source_zh_hans == "联合国 2016–2018 年比额表"
    bad = client.post(url("financing-setup-scale", ccm, scale.pk),
                      {"shares-lines": "NO 0.849\nQQ 1"})
    assert bad.status_code == 400
    assert "Line 2: QQ is not the code of a state." in bad.content.decode()
    assert not ScaleShare.objects.exists()
    client.post(url("financing-setup-scale", ccm, scale.pk),
                {"shares-lines": "NO 0.849\nCH 1.140"})
    body = client.get(url("financing-setup-scale", ccm, scale.pk)).content.decode()
    assert "Norway" in body and "1.989000" in body  # the sum of the shares


# -- contacts ---------------------------------------------------------------------------------

def test_contacts_are_pasted_for_states_and_organizations(ccm_finance, ccm):
    Organization.objects.create(acronym="EU", name_en="European Union")
    count = setup.paste_contacts(ccm_finance, ccm, "NO; Kari Nordmann; kari@example.org\n"
                                                   "eu; ; budget@example.eu\n")
    assert count == 2
    assert {(str(c.contributor), c.name, c.email) for c in Contact.objects.all()} == {
        ("Norway", "Kari Nordmann", "kari@example.org"),
        ("EU", "", "budget@example.eu")}


def test_an_address_is_one_address_however_it_is_typed(ccm_finance, ccm):
    norway = Contributor.objects.create(state="NO")
    contact = setup.add_contact(ccm_finance, ccm, contributor=norway, email=" Kari@Example.org ")
    assert contact.email == "kari@example.org"
    with pytest.raises(ValidationError, match="already a contact"):
        setup.add_contact(ccm_finance, ccm, contributor=norway, email="KARI@example.org")


def test_a_contacts_paste_with_a_bad_line_saves_nothing(ccm_finance, ccm):
    setup.add_contact(ccm_finance, ccm, contributor=Contributor.objects.create(state="CH"),
                      email="bern@example.ch")
    text = ("NO; Kari Nordmann; kari@example.org\nNO; Kari; not-an-address\nZZZ; X; x@example.org"
            "\nCH; Bern; bern@example.ch\nNO only two; parts")
    with pytest.raises(ValidationError) as refusal:
        setup.paste_contacts(ccm_finance, ccm, text)
    assert refusal.value.messages == [
        "Line 2: not-an-address is not an e-mail address.",
        "Line 3: ZZZ is neither a state's code nor an organization's acronym.",
        "Line 4: This address is already a contact of this contributor.",
        "Line 5: “NO only two; parts” is not “code; name; e-mail”.",
    ]
    assert Contact.objects.count() == 1
    assert not Contributor.objects.filter(state="NO").exists()


def test_contacts_are_added_pasted_and_removed_through_the_page(as_user, ccm_finance, ccm):
    client = as_user(ccm_finance)
    page = client.get(url("financing-setup-contacts", ccm)).content.decode()
    assert "never published" in page
    client.post(url("financing-setup-add-contact", ccm), {
        "contact-state": "NO", "contact-name": "Kari", "contact-email": "kari@example.org"})
    response = client.post(url("financing-setup-paste-contacts", ccm), {
        "contacts-lines": "CH; Bern; bern@example.ch\nJP; Tokyo; nope"})
    assert response.status_code == 400
    assert "Line 2: nope is not an e-mail address." in response.content.decode()
    client.post(url("financing-setup-paste-contacts", ccm),
                {"contacts-lines": "CH; Bern; bern@example.ch"})
    assert Contact.objects.count() == 2
    kari = Contact.objects.get(email="kari@example.org")
    client.post(url("financing-setup-remove-contact", ccm, kari.pk))
    assert list(Contact.objects.values_list("email", flat=True)) == ["bern@example.ch"]


def test_a_contact_needs_a_state_or_an_organization(as_user, ccm_finance, ccm):
    response = as_user(ccm_finance).post(url("financing-setup-add-contact", ccm), {
        "contact-name": "Kari", "contact-email": "kari@example.org"})
    assert response.status_code == 400
    assert "Choose a state or an organization" in response.content.decode()


# -- scope and roles --------------------------------------------------------------------------

def test_the_head_of_the_isu_sets_up_too(as_user, ccm_head, ccm):
    assert as_user(ccm_head).get(url("financing-setup", ccm)).status_code == 200
    setup.add_fund(ccm_head, ccm, kind="core", name_en="Core", currency="CHF")


def test_other_staff_are_refused_and_another_convention_is_not_found(as_user, ccm_officer,
                                                                    coordinator, apmbc_finance,
                                                                    ccm, scale):
    contact = Contact.objects.create(convention=ccm, email="kari@example.org",
                                     contributor=Contributor.objects.create(state="NO"))
    for user, status in [(ccm_officer, 403), (coordinator, 403), (apmbc_finance, 404)]:
        client = as_user(user)
        for page in [url("financing-setup", ccm), url("financing-setup-contacts", ccm),
                     url("financing-setup-scale", ccm, scale.pk)]:
            assert client.get(page).status_code == status
        assert client.post(url("financing-setup-add-fund", ccm), {
            "fund-kind": "core", "fund-name_en": "Core", "fund-currency": "CHF"}
        ).status_code == status
        assert client.post(url("financing-setup-remove-contact", ccm, contact.pk)
                           ).status_code == status
    with pytest.raises(PermissionDenied):
        setup.paste_shares(ccm_officer, scale, "NO 1")
    with pytest.raises(Http404):
        setup.paste_contacts(apmbc_finance, ccm, "NO; Kari; other@example.org")
    assert not Fund.objects.exists() and Contact.objects.count() == 1
    assert not ScaleShare.objects.exists()


def test_the_financing_index_links_the_setup_only_where_the_user_keeps_accounts(
        as_user, ccm_finance, coordinator, ccm):
    link = url("financing-setup", ccm)
    assert link in as_user(ccm_finance).get(reverse("workspace:financing")).content.decode()
    assert link not in as_user(coordinator).get(reverse("workspace:financing")).content.decode()
