"""Text that the PDFs can print: refused when it is saved, not when a PDF is rendered.

The official documents are printed with the fonts of lib.pdf. A character that none of them
can draw ("😀", "✓" where no font has it) would make every render of the document fail, so the
translated texts of the records that are printed are checked against the fonts' own character
maps (read once with fontTools) as the record is validated: model.full_clean(), and so every
admin form.

Dates too: plausible_date() refuses a date before 1990 or after 2100 (a typing error such as
2099 for 2019), as lib.models.YEAR_VALIDATORS refuses such a year.
"""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext

from lib import pdf
from lib.translated_fields import localized, translated_field_names


def unprintable_characters(text):
    """The characters of `text` that no PDF font can draw, in order of code point; none while a
    font is missing (the renderer then names the missing font)."""
    drawable = pdf.printable_characters()
    if drawable is None or not text:
        return []
    return sorted({c for c in text if c not in pdf.LAYOUT_WHITESPACE and ord(c) not in drawable})


def unprintable_error(characters, field, language):
    return ValidationError(
        gettext("The %(field)s in %(language)s has characters that the PDF fonts cannot "
                "print: %(characters)s. Remove or replace them.")
        % {"field": field, "language": language, "characters": pdf.describe(characters)},
        code="unprintable",
    )


class PrintableText:
    """A mixin for models whose translated texts are printed in PDFs: full_clean() refuses, on
    each language's field, text with a character that no PDF font can draw."""

    def clean_fields(self, exclude=None):
        errors = {}
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        languages = dict(settings.LANGUAGES)
        for field in translated_field_names(type(self)):
            label = self._meta.get_field(field).verbose_name
            for code, language in languages.items():
                name = localized(field, code)
                if (exclude and name in exclude) or name in errors:
                    continue
                characters = unprintable_characters(getattr(self, name, "") or "")
                if characters:
                    errors[name] = [unprintable_error(characters, label, language)]
        if errors:
            raise ValidationError(errors)


FIRST_PLAUSIBLE_DATE = date(1990, 1, 1)
LAST_PLAUSIBLE_DATE = date(2100, 12, 31)


def plausible_date(value):
    """A date of the ISUs' records falls between 1 January 1990 and 31 December 2100, as their
    years do (lib.models.YEAR_VALIDATORS): one outside is surely a typing error."""
    if value is not None and not FIRST_PLAUSIBLE_DATE <= value <= LAST_PLAUSIBLE_DATE:
        raise ValidationError(
            gettext("A date before 1 January 1990 or after 31 December 2100 is surely a typing "
                    "error."), code="implausible_date")
