"""What a browser would post back from an admin change page, form for form."""


def page_data(response):
    """The POST data of an admin change page as it was shown: the main form and every inline
    form, with their management forms."""
    data = {}
    for form in [response.context["adminform"].form, *inline_forms(response.context)]:
        data |= form_data(form)
    return data


def inline_forms(context):
    """Every bound form and management form of the inlines on an admin page."""
    for inline in context["inline_admin_formsets"]:
        yield inline.formset.management_form
        yield from inline.formset.forms


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
