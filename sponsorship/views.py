"""Public pages of the sponsorship programmes: aggregates only, never a delegate."""

from django.http import Http404, HttpResponse, HttpResponseNotModified
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from financing.models import Payment, Pledge
from isu.models import Convention
from isu.views import pdf_unavailable
from lib import pdf
from lib.caching import cached_public_page
from lib.languages import conventions
from sponsorship.models import Programme, Round
from sponsorship.pdfs import stored_report
from sponsorship.reports import multi_year


def _programme(code):
    return get_object_or_404(Programme.objects.select_related("convention"),
                             convention__code__iexact=code)


def _years(programme):
    """The years of the programme's rounds and of its fund's pledges and payments."""
    years = set(Payment.objects.filter(fund=programme.fund_id).values_list("year", flat=True))
    for first, last in Pledge.objects.filter(fund=programme.fund_id).values_list(
            "first_year", "last_year"):
        years.update(range(first, last + 1))
    years |= {d.year for d in Round.objects.filter(programme=programme)
              .values_list("meeting__start_date", flat=True)}
    return sorted(years)


@cached_public_page
def overview(request, code):
    convention = get_object_or_404(Convention, code__iexact=code)
    programme = Programme.objects.filter(convention=convention).first()
    years = _years(programme) if programme else []
    report = multi_year(programme, years[0], years[-1]) if years else None
    return render(request, "sponsorship/overview.html", {
        "convention": convention, "programme": programme, "report": report})


def year_pdf(request, code, year):
    """The year's report in the language of the address, in the layout of the documents: its
    stored PDF (sponsorship/pdfs.py) with its ETag."""
    programme = _programme(code)
    years = [y for y in _years(programme) if y <= year]
    if year not in years:
        raise Http404
    language = translation.get_language()
    try:
        stored = stored_report(programme, years[0], year, language)
    except pdf.FontMissing as error:
        return pdf_unavailable(
            request, _("The sponsorship report of %(year)d") % {"year": year},
            reverse("sponsorship", args=[code.lower()]), _("Sponsorship programme"), error,
            convention=programme.convention)
    etag = f'"{stored.etag}"'
    if etag in request.headers.get("If-None-Match", ""):
        return HttpResponseNotModified(headers={"ETag": etag})
    response = HttpResponse(bytes(stored.content), content_type="application/pdf")
    response["ETag"] = etag
    suffix = conventions(language).file_suffix
    response["Content-Disposition"] = (
        f'inline; filename="{programme.convention.code}_sponsorship_{year}_{suffix}.pdf"')
    return response
