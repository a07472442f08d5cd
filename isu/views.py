import logging

from django.http import JsonResponse
from django.shortcuts import render
from rest_framework.exceptions import NotFound

logger = logging.getLogger(__name__)


def api_not_found(request, path=""):
    """An address under /api/ that names no endpoint or row: a JSON 404 like the API's own."""
    return JsonResponse({"detail": str(NotFound.default_detail)}, status=404)


def pdf_unavailable(request, name, back_url, back_label, error, convention=None):
    """A PDF that cannot be rendered (a character no font draws, a missing font): a page that
    says so and leads back to where the text can be read, never a server error."""
    logger.error("%s cannot be rendered: %s", name, error)
    response = render(request, "pdf_unavailable.html", {
        "convention": convention, "name": name, "back_url": back_url, "back_label": back_label,
        "reason": str(error)}, status=503)
    response["Cache-Control"] = "no-store"
    return response


def admin_index(request):
    """The admin's index for superusers; everyone else signed in works in the workspace."""
    from django.contrib import admin
    from django.shortcuts import redirect

    if request.user.is_authenticated and not request.user.is_superuser:
        return redirect("workspace:home")
    return admin.site.admin_view(admin.site.index)(request)
