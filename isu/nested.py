"""A guard for nested-admin inlines.

nested-admin looks posted row ids up in the whole table (so that rows can be dragged between
parents), for the forms of existing rows and for new forms alike: a new form that posts an id
updates that row. Every inline formset of a record's page is therefore an `OwnRowsFormSet`:
whatever form it is in, at whatever depth, a posted id must be one of the record's own rows,
or the whole POST is refused and nothing is saved. The models refuse the same writes
(`isu/records.py`); this guard turns them into a message on the page.
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

    def add_fields(self, form, index):
        super().add_fields(form, index)
        # The id of any form, new or existing, can only name one of the record's rows.
        id_field = form.fields.get(self._pk_field.name)
        if id_field is not None and hasattr(id_field, "queryset"):
            id_field.queryset = self.own_rows

    def posted_ids(self):
        """The row ids posted in every form of this formset, new forms included."""
        name = self.model._meta.pk.name
        return [value for form in self.forms
                if (value := form.data.get(form.add_prefix(name)))]

    def full_clean(self):
        super().full_clean()
        if not self.is_bound:
            return
        allowed = {str(pk) for pk in self.own_rows.values_list("pk", flat=True)}
        if any(str(posted) not in allowed for posted in self.posted_ids()):
            self._non_form_errors.append(ValidationError(self.refusal, code="not_own_row"))
        self._number_positions_apart()

    def _number_positions_apart(self):
        """Equal posted positions are told apart in the order posted, so that a page shown
        again with errors can sort its rows (nested-admin cannot order two equal positions)."""
        field = getattr(self, "sortable_field_name", None)
        if not field:
            return
        posted = [(int(value), index, form.add_prefix(field))
                  for index, form in enumerate(self.forms)
                  if (value := self.data.get(form.add_prefix(field), "")).isdigit()]
        if len({position for position, _index, _key in posted}) == len(posted):
            return
        data = self.data.copy()
        for position, (_old, _index, key) in enumerate(sorted(posted)):
            data[key] = str(position)
        self.data = data
        for form in self.forms:
            form.data = data


def with_own_rows(formset, rows):
    """The formset class limited to `rows` (a queryset; none for a record not yet saved)."""
    return type(formset.__name__, (formset,), {"own_rows": rows})
