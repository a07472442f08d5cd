from django.urls import translate_url

from isu.models import Convention
from lib.translated_fields import LANGUAGE_CODES


def site(request):
    """The language links (to this same page in the other language) and the conventions."""
    if request.path.startswith("/admin/"):
        return {}
    return {
        "language_links": [(code, translate_url(request.path, code)) for code in LANGUAGE_CODES],
        "site_conventions": Convention.objects.all(),
    }
