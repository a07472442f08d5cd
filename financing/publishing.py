"""Publishing the status of contributions of a fund and a year on the public site: the one write
path of StatusPublication.

- Scope: the fund is one of the user's conventions' (any other is a 404).
- Role: only the head of the ISU (or a superuser) publishes or withdraws; the convention's
  finance staff and officers are refused (PermissionDenied).
- What is published: a snapshot of financing/figures.py status_of_contributions as at a date
  (the day of publication unless told), stored as JSON so that later pledges and payments do
  not change it: each contributor's identity (a state's code or an organization's id, with its
  names in every language of the product) and its requested, pledged, paid and outstanding
  amounts in CHF as strings; the totals, the number of contributing states, the adopted
  budget's total and its coverage, and each reserve's balance against its target. The amounts
  per contributor are public once published; contact data (financing.Contact) never are.
- Publishing again makes a new snapshot; the public site shows the latest one not withdrawn.
  Withdrawing marks one withdrawn (it is kept, for the record); an earlier one not withdrawn
  then shows again.

Publishing and withdrawing forget the cached public pages (lib/caching.py). Each is one
transaction, with the fund locked for its length.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.http import Http404
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from financing.figures import status_of_contributions
from financing.models import Fund, StatusPublication
from isu.roles import heads, may_see
from lib.caching import new_publication
from lib.languages import LANGUAGE_CODES
from lib.translated_fields import values_by_language


def may_publish(user, convention_id):
    return heads(user, convention_id)


def _amount(value):
    return None if value is None else f"{value:.2f}"


def _percent(value):
    """A percentage as lib/money.py rounds it (one decimal), as a string."""
    return None if value is None else str(value)


def contributor_identity(contributor):
    """A contributor as a publication names it: its state's code or its organization's id, and
    its names in every language."""
    if contributor.is_state:
        names = {}
        for code in LANGUAGE_CODES:
            with translation.override(code):
                names[code] = str(contributor.state.name)
        return {"state": contributor.state.code, "organization": None, "name": names}
    organization = contributor.organization
    names = {code: text or organization.acronym or str(organization)
             for code, text in values_by_language(organization, "name").items()}
    return {"state": None, "organization": organization.pk, "name": names}


def snapshot(status):
    """The figures of a ContributionStatus as a publication stores them (JSON)."""
    return {
        "currency": "CHF",
        "fund": values_by_language(status.fund, "name"),
        "rows": [{**contributor_identity(row.contributor),
                  "requested": _amount(row.requested), "pledged": _amount(row.pledged),
                  "paid": _amount(row.paid), "outstanding": _amount(row.outstanding)}
                 for row in status.rows],
        "totals": {"requested": _amount(status.requested), "pledged": _amount(status.pledged),
                   "paid": _amount(status.paid), "outstanding": _amount(status.outstanding)},
        "contributing_states": status.contributing_states,
        "budget_total": _amount(status.budget_total),
        "coverage_percent": _percent(status.coverage_percent),
        "reserves": [{"name": values_by_language(reserve.fund, "name"),
                      "balance": _amount(reserve.balance), "target": _amount(reserve.target),
                      "coverage_percent": _percent(reserve.coverage_percent)}
                     for reserve in status.reserves],
    }


def _fund(user, fund_id):
    """The fund, locked, if the user is its convention's staff (a 404 otherwise) and its head
    (PermissionDenied otherwise)."""
    fund = (Fund.objects.select_for_update(of=("self",)).select_related("convention")
            .filter(pk=fund_id).first())
    if fund is None:
        raise Http404
    check_role(user, fund.convention_id)
    return fund


def check_role(user, convention_id):
    """A 404 for another convention; refused for its staff other than the head of the ISU."""
    if not may_see(user, convention_id):
        raise Http404
    if not may_publish(user, convention_id):
        raise PermissionDenied(_("Only the head of the ISU publishes the status of "
                                 "contributions on the public site."))


@transaction.atomic
def publish_status(user, fund, year, as_at=None):
    """Publish the status of contributions of the fund and the year, as at `as_at` (today if
    None). Returns the new StatusPublication; raises Http404, PermissionDenied or
    ValidationError."""
    fund = _fund(user, fund.pk)
    today = timezone.localdate()
    as_at = as_at or today
    if as_at > today:
        raise ValidationError({"as_at": _("The figures are published as at today or an earlier "
                                          "date.")})
    publication = StatusPublication(fund=fund, year=year, as_at=as_at,
                                    figures=snapshot(status_of_contributions(fund, year, as_at)),
                                    published_by=user)
    publication.full_clean()
    publication.save()
    new_publication()
    return publication


@transaction.atomic
def withdraw(user, publication):
    """Take a publication off the public site (it is kept, marked withdrawn)."""
    _fund(user, publication.fund_id)
    publication = StatusPublication.objects.select_for_update().get(pk=publication.pk)
    if publication.withdrawn_at is None:
        publication.withdrawn_at = timezone.now()
        publication.save(update_fields=["withdrawn_at"])
        new_publication()
    return publication


def shown(publications=None):
    """The publications the public site shows: for each fund and year, the latest one not
    withdrawn (a queryset, one query whatever their number)."""
    visible = StatusPublication.objects.filter(withdrawn_at__isnull=True)
    latest = visible.filter(fund=OuterRef("fund"), year=OuterRef("year")).order_by(
        "-published_at", "-id").values("pk")[:1]
    rows = publications if publications is not None else visible
    return rows.filter(withdrawn_at__isnull=True, pk=Subquery(latest))
