"""The public pages of the status of contributions: where the head of the ISU has published it
(financing/publishing.py), the latest snapshot not withdrawn of each fund and year, rendered from
the snapshot (never from the live ledger) in the page's language; a 404 everywhere else.

The pages are cached whole for visitors (lib/caching.py); publishing and withdrawing forget
them. Each page runs a fixed number of queries whatever the number of contributors: the
convention, then the publications."""

from decimal import Decimal

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import translation

from financing import exports
from financing.models import StatusPublication
from financing.publishing import shown
from isu.models import Convention
from lib.caching import cached_public_page
from lib.languages import LANGUAGE_CODES


def _convention(code):
    return get_object_or_404(Convention, code__iexact=code)


def _published(convention):
    return shown(StatusPublication.objects.filter(fund__convention=convention)).select_related(
        "fund__convention")


def in_language(names):
    """A snapshot's {language: name} in the page's language, else in another one."""
    language = translation.get_language()
    return names.get(language) or next((names[code] for code in LANGUAGE_CODES
                                        if names.get(code)), "")


def _amount(text):
    return None if text is None else Decimal(text)


def figures_for_page(figures):
    """A snapshot with its names in the page's language and its amounts as Decimal."""
    amounts = ("requested", "pledged", "paid", "outstanding")
    return {
        "fund": in_language(figures["fund"]),
        "rows": [{"name": in_language(row["name"]), "state": row["state"],
                  **{name: _amount(row[name]) for name in amounts}} for row in figures["rows"]],
        "totals": {name: _amount(figures["totals"][name]) for name in amounts},
        "contributing_states": figures["contributing_states"],
        "budget_total": _amount(figures["budget_total"]),
        "coverage_percent": _amount(figures["coverage_percent"]),
        "reserves": [{"name": in_language(reserve["name"]), "balance": _amount(reserve["balance"]),
                      "target": _amount(reserve["target"]),
                      "coverage_percent": _amount(reserve["coverage_percent"])}
                     for reserve in figures["reserves"]],
    }


@cached_public_page
def contributions(request, code):
    """/<language>/ccm/contributions/: the funds and years whose status is published."""
    convention = _convention(code)
    publications = sorted(_published(convention), key=lambda p: (p.fund_id, -p.year))
    return render(request, "financing/contributions_list.html", {
        "convention": convention,
        "publications": [(p, in_language(p.figures["fund"]) or p.fund.name)
                         for p in publications]})


def _publication(code, fund_id, year):
    convention = _convention(code)
    publication = _published(convention).filter(fund_id=fund_id, year=year).first()
    if publication is None:
        raise Http404
    return convention, publication


@cached_public_page
def contributions_status(request, code, fund_id, year):
    """/<language>/ccm/contributions/<fund>/<year>/: a published status of contributions."""
    convention, publication = _publication(code, fund_id, year)
    return render(request, "financing/contributions.html", {
        "convention": convention, "publication": publication,
        "figures": figures_for_page(publication.figures)})


def contributions_csv(request, code, fund_id, year):
    """The published figures as CSV, in both languages."""
    convention, publication = _publication(code, fund_id, year)
    response = HttpResponse(exports.published_csv(publication),
                            content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{convention.code}-contributions-{fund_id}-{year}-'
        f'{publication.as_at.isoformat()}.csv"')
    return response
