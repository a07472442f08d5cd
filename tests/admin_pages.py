"""What a browser would post back from an admin change page, form for form."""


def page_data(response):
    """The POST data of an admin change page as it was shown: the main form and every inline
    form, at every depth, with their management forms."""
    data = {}
    for form in [response.context["adminform"].form, *inline_forms(response.context)]:
        data |= form_data(form)
    return data


def add_form(data, prefix, **fields):
    """Add a new form to the formset `prefix` of a posted page; returns its prefix."""
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = str(index + 1)
    form = f"{prefix}-{index}"
    data.update({f"{form}-{name}": value for name, value in fields.items()})
    return form


def inline_forms(context):
    """Every bound form and management form of the nested inlines on an admin page."""
    def walk(formsets):
        for formset in formsets:
            yield formset.management_form
            for form in formset.forms:
                yield form
                yield from walk(getattr(form, "nested_formsets", []))
    yield from walk(inline.formset for inline in context["inline_admin_formsets"])


def form_data(form):
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None:
            continue
        if isinstance(value, list | tuple):
            data[form.add_prefix(name)] = [str(v) for v in value]
        elif isinstance(value, bool):
            if value:
                data[form.add_prefix(name)] = "on"
        else:
            data[form.add_prefix(name)] = str(value)
    return data
