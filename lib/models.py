"""Field builders shared by the apps that hold bilingual ordered texts."""

from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lib.translated_fields import require_text_in_one_language
from lib.validators import PrintableText

TITLE_LENGTH = 300
TEXT_LENGTH = 5000

YEAR_VALIDATORS = [MinValueValidator(1990), MaxValueValidator(2100)]


def long_text(verbose_name, blank=False, max_length=TEXT_LENGTH):
    """A translated body text, limited in forms, in the model's validation and in the API."""
    return models.TextField(
        verbose_name, max_length=max_length, blank=blank,
        validators=[MaxLengthValidator(max_length)],
    )


def position_field():
    return models.PositiveIntegerField(_("position"), default=0)


def exactly_one_parent(name, first, second, message):
    """A check that a row hangs from exactly one of two parents."""
    return models.CheckConstraint(
        condition=(Q(**{f"{first}__isnull": False}) & Q(**{f"{second}__isnull": True}))
        | (Q(**{f"{first}__isnull": True}) & Q(**{f"{second}__isnull": False})),
        name=name,
        violation_error_message=message,
    )


def not_reversed(name, first, last, message):
    """A check that a period does not end before it starts (an open end is allowed)."""
    return models.CheckConstraint(
        condition=Q(**{f"{last}__isnull": True}) | Q(**{f"{last}__gte": models.F(first)}),
        name=name,
        violation_error_message=message,
    )


class OrderedText(PrintableText, models.Model):
    """Running text kept in order under its parent (paragraphs, results, statements); it must be
    printable in the PDFs."""

    position = position_field()
    text = long_text(_("text"))

    class Meta:
        abstract = True
        ordering = ["position", "id"]

    def __str__(self):
        return self.text[:60]

    def clean(self):
        require_text_in_one_language(self, "text")


class OrderedTitle(PrintableText, models.Model):
    """A titled division kept in order under its parent (chapters, sections, areas); its title
    must be printable in the PDFs."""

    position = position_field()
    title = models.CharField(_("title"), max_length=TITLE_LENGTH)

    class Meta:
        abstract = True
        ordering = ["position", "id"]

    def __str__(self):
        return self.title

    def clean(self):
        require_text_in_one_language(self, "title")


def state_or_organization(name, message):
    """A check that a row names either a state (a country code) or an organization."""
    return models.CheckConstraint(
        condition=(Q(state="") & Q(organization__isnull=False))
        | (~Q(state="") & Q(organization__isnull=True)),
        name=name,
        violation_error_message=message,
    )
