from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibConfig(AppConfig):
    """The helpers every app shares: money, dates, numbering, PDFs, caching, forms, the generic
    editing and record rules, and their template tags. It has no tables of its own."""

    name = "lib"
    verbose_name = _("Shared helpers")
