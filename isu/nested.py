"""A guard for nested-admin inlines.

nested-admin looks posted row ids up in the whole table (so that rows can be dragged between
parents). Without this guard a POST could rename, move or delete rows of another record, even
of another convention.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from nested_admin.formsets import NestedInlineFormSet


class OwnRowsFormSet(NestedInlineFormSet):
    """Accepts only rows of the record being edited (`own_rows`, set per request)."""

    own_rows = None
    refusal = _("A row that does not belong to this record was submitted. Reload the page and "
                "try again.")

    def get_queryset(self):
        if not hasattr(self, "_own_queryset"):
            self._own_queryset = super().get_queryset().filter(pk__in=self.own_rows.values("pk"))
        return self._own_queryset

    def clean(self):
        super().clean()
        allowed = {str(pk) for pk in self.own_rows.values_list("pk", flat=True)}
        for form in self.initial_forms:
            posted = form.data.get(form.add_prefix(self._pk_field.name))
            if posted and str(posted) not in allowed:
                raise ValidationError(self.refusal)


def with_own_rows(formset, rows):
    """The formset class limited to `rows` (a queryset; none for a record not yet saved)."""
    return type(formset.__name__, (formset,), {"own_rows": rows})
