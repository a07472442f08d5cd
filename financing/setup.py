"""Setting up a convention's financing in the workspace: its funds, how its states parties
contribute (voluntarily or by a formula on a scale, with a floor and a ceiling), its scales of
shares, and the financial contacts to whom statements go.

Scope as in financing/services.py: the convention's finance staff and the head of its ISU
(check_scope: another convention is a 404, its other staff are refused). Each write is validated
in full (full_clean) and is one transaction.

Pasting: a scale's shares are pasted as lines "XX 0.123456", "XX,0.123456" or "XX;0.123456"
(a state's ISO code and its share in percent), and contacts as lines "XX; Name; e-mail" (a
state's ISO code or an organization's acronym). Empty lines are skipped. Every bad line is
reported with its number, and nothing is saved while any line is bad. Pasted shares replace the
scale's shares, unless assessments were made on it: then it stays as it was, and a new scale is
entered instead. Contacts are personal data: they are never published.
"""

import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _
from django_countries import countries

from financing.models import Contact, ContributionMethod, Contributor, Fund, Scale, ScaleShare
from financing.services import check_scope
from meetings.models import Organization

FUND_FIELDS = ("kind", "name_en", "name_zh_hans", "currency", "target_amount",
               "draws_only_for_cash_flow")
SHARE_LINE = re.compile(r"^\s*([A-Za-z]{2})\s*(?:[,;]\s*|\s+)([0-9]+(?:\.[0-9]+)?)\s*%?\s*$")
HIGHEST_SHARE = Decimal(100)
SHARE_PLACES = 6


def _saved(row):
    row.full_clean()
    row.save()
    return row


def _rows(lines):
    """(number, text) of the lines that are not empty, numbered from 1."""
    return [(number, line.strip()) for number, line in enumerate(lines.splitlines(), 1)
            if line.strip()]


def _refuse(errors):
    if errors:
        raise ValidationError([problem if not number else _("Line %(number)s: %(problem)s")
                               % {"number": number, "problem": problem}
                               for number, problem in errors])


# -- funds ------------------------------------------------------------------------------------

@transaction.atomic
def add_fund(user, convention, **values):
    check_scope(user, convention.pk)
    return _corrected_fund(Fund(convention=convention), values)


@transaction.atomic
def update_fund(user, convention, fund_id, **values):
    """Correct a fund; one with records in the ledger keeps its kind."""
    check_scope(user, convention.pk)
    fund = Fund.objects.select_for_update().filter(pk=fund_id, convention=convention).first()
    if fund is None:
        raise Http404
    if "kind" in values and values["kind"] != fund.kind and (
            fund.pledges.exists() or fund.payments.exists() or fund.assessments.exists()
            or fund.movements.exists()):
        raise ValidationError({"kind": _("This fund has records in its ledger: it keeps its "
                                         "kind.")})
    return _corrected_fund(fund, values)


def _corrected_fund(fund, values):
    unknown = set(values) - set(FUND_FIELDS)
    if unknown:
        raise ValueError(f"not a field of a fund: {', '.join(sorted(unknown))}")
    for name, value in values.items():
        setattr(fund, name, value)
    if fund.kind != Fund.Kind.RESERVE:  # a reserve's rules mean nothing for another fund
        fund.target_amount, fund.draws_only_for_cash_flow = None, False
    return _saved(fund)


# -- the contribution method ------------------------------------------------------------------

@transaction.atomic
def set_contribution_method(user, convention, *, kind, scale=None, floor=None, ceiling=None):
    """The convention's method, written or replaced; a formula needs one of its scales."""
    check_scope(user, convention.pk)
    method = (ContributionMethod.objects.select_for_update().filter(convention=convention).first()
              or ContributionMethod(convention=convention))
    method.kind, method.scale, method.floor, method.ceiling = kind, scale, floor, ceiling
    return _saved(method)


# -- scales of shares -------------------------------------------------------------------------

@transaction.atomic
def add_scale(user, convention, *, dated, source_en="", source_zh_hans=""):
    check_scope(user, convention.pk)
    return _saved(Scale(convention=convention, dated=dated, source_en=source_en,
                        source_zh_hans=source_zh_hans))


def parse_shares(text):
    """({code: share}, [(line number, problem)]) of the pasted lines."""
    shares, errors, known = {}, [], dict(countries)
    for number, line in _rows(text):
        match = SHARE_LINE.match(line)
        if not match:
            errors.append((number, _("“%(line)s” is not a state's code followed by its share, "
                                     "as in “NO 0.849”.") % {"line": line[:60]}))
            continue
        code, figure = match.group(1).upper(), match.group(2)
        if code not in known:
            errors.append((number, _("%(code)s is not the code of a state.") % {"code": code}))
            continue
        if code in shares:
            errors.append((number, _("%(code)s is given twice.") % {"code": code}))
            continue
        try:
            share = Decimal(figure)
        except InvalidOperation:  # pragma: no cover - the pattern allows only numbers
            share = None
        if share is None or share <= 0 or share > HIGHEST_SHARE:
            errors.append((number, _("%(code)s: a share is more than 0%% and at most 100%%.")
                           % {"code": code}))
            continue
        if -share.as_tuple().exponent > SHARE_PLACES:
            errors.append((number, _("%(code)s: a share has at most 6 decimals.")
                           % {"code": code}))
            continue
        shares[code] = share
    if not shares and not errors:
        errors.append((0, _("Paste at least one line.")))
    return shares, errors


@transaction.atomic
def paste_shares(user, scale, text):
    """Replace the scale's shares by the pasted ones (the module's rule); returns how many."""
    check_scope(user, scale.convention_id)
    scale = Scale.objects.select_for_update().get(pk=scale.pk)
    if scale.assessments.exists():
        raise ValidationError(_("Assessments were made on this scale: it stays as it was. "
                                "Enter a new scale instead."))
    shares, errors = parse_shares(text)
    _refuse(errors)
    scale.shares.all().delete()
    for code, share in shares.items():
        _saved(ScaleShare(scale=scale, country=code, share=share))
    return len(shares)


# -- contacts ---------------------------------------------------------------------------------

def find_contributor(code):
    """The contributor a pasted code names: a state's ISO code or an organization's acronym;
    recorded on first use. None if it names neither."""
    code = code.strip()
    if code.upper() in dict(countries):
        return Contributor.objects.get_or_create(state=code.upper(), organization=None)[0]
    organization = Organization.objects.filter(acronym__iexact=code).first() if code else None
    if organization is None:
        return None
    return Contributor.objects.get_or_create(state="", organization=organization)[0]


@transaction.atomic
def add_contact(user, convention, *, contributor, email, name=""):
    check_scope(user, convention.pk)
    return _saved(Contact(convention=convention, contributor=contributor, name=name.strip(),
                          email=email.strip()))


@transaction.atomic
def remove_contact(user, convention, contact_id):
    check_scope(user, convention.pk)
    deleted, _rows_deleted = Contact.objects.filter(pk=contact_id, convention=convention).delete()
    if not deleted:
        raise ValidationError(_("This contact was already removed."))


def parse_contacts(text):
    """([(code, name, e-mail)], [(line number, problem)]) of the pasted lines."""
    rows, errors, seen = [], [], set()
    for number, line in _rows(text):
        parts = [part.strip() for part in line.split(";")]
        if len(parts) != 3:
            errors.append((number, _("“%(line)s” is not “code; name; e-mail”.")
                           % {"line": line[:60]}))
            continue
        code, name, email = parts
        try:
            validate_email(email)
        except ValidationError:
            errors.append((number, _("%(email)s is not an e-mail address.")
                           % {"email": email[:60] or "—"}))
            continue
        if len(name) > Contact._meta.get_field("name").max_length:
            errors.append((number, _("The name is too long.")))
            continue
        if (code.upper(), email.lower()) in seen:
            errors.append((number, _("%(email)s is given twice for %(code)s.")
                           % {"email": email, "code": code}))
            continue
        seen.add((code.upper(), email.lower()))
        rows.append((number, code, name, email))
    if not rows and not errors:
        errors.append((0, _("Paste at least one line.")))
    return rows, errors


@transaction.atomic
def paste_contacts(user, convention, text):
    """Add the pasted contacts (the module's rule); returns how many."""
    check_scope(user, convention.pk)
    rows, errors = parse_contacts(text)
    contacts = []
    for number, code, name, email in rows:
        contributor = find_contributor(code)
        if contributor is None:
            errors.append((number, _("%(code)s is neither a state's code nor an "
                                     "organization's acronym.") % {"code": code}))
            continue
        contact = Contact(convention=convention, contributor=contributor, name=name,
                          email=email)
        try:
            contact.full_clean()
        except ValidationError as error:
            errors.append((number, " ".join(error.messages)))
            continue
        contacts.append(contact)
    _refuse(sorted(errors))
    for contact in contacts:
        contact.save()
    return len(contacts)
