"""The workspace's pages to set up a convention's financing: its funds, its contribution method,
its scales of shares (pasted) and its financial contacts (added one by one or pasted). For the
convention's finance staff and the head of its ISU only: its other staff are refused, and another
convention's pages are a 404. Every write goes through financing/setup.py; a refused form comes
back with its errors and what was typed."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from financing import setup
from financing.forms import ContactForm, FundForm, MethodForm, PasteForm, ScaleForm
from financing.models import Contact, Fund, Scale
from financing.services import check_scope
from isu.models import Convention
from lib.forms import show_refusal
from workspace.views import staff_only


def _convention(request, convention_id):
    """The convention, for its finance staff and head only (check_scope)."""
    convention = Convention.objects.filter(pk=convention_id).first()
    if convention is None:
        raise Http404
    check_scope(request.user, convention.pk)
    return convention


def _url(name, convention, *args, anchor=""):
    return (reverse(f"workspace:{name}", args=[convention.pk, *args])
            + (f"#{anchor}" if anchor else ""))


def _attempt(form, write):
    """Run the write if the form is valid; the service's refusal goes onto the form."""
    if not form.is_valid():
        return None
    try:
        return write(form.cleaned_data)
    except ValidationError as error:
        show_refusal(form, error)
        return None


# -- funds, method and scales -----------------------------------------------------------------

@staff_only
def overview(request, convention_id, fund_form=None, method_form=None, scale_form=None,
             status=200):
    convention = _convention(request, convention_id)
    scales = Scale.objects.filter(convention=convention).annotate(
        total=Sum("shares__share")).order_by("-dated", "-id")
    return render(request, "workspace/financing_setup.html", {
        "convention": convention,
        "funds": Fund.objects.filter(convention=convention),
        "scales": scales,
        "fund_form": fund_form or FundForm(convention=convention, prefix="fund"),
        "method_form": method_form or MethodForm(convention=convention, prefix="method"),
        "scale_form": scale_form or ScaleForm(convention=convention, prefix="scale"),
    }, status=status)


@staff_only
@require_POST
def add_fund(request, convention_id):
    convention = _convention(request, convention_id)
    form = FundForm(request.POST, convention=convention, prefix="fund")
    fund = _attempt(form, lambda values: setup.add_fund(request.user, convention, **values))
    if fund is None:
        return overview(request, convention_id, fund_form=form, status=400)
    messages.success(request, _("Fund added: %(fund)s.") % {"fund": fund.name})
    return redirect(_url("financing-setup", convention, anchor="funds"))


@staff_only
def edit_fund(request, convention_id, fund_id):
    convention = _convention(request, convention_id)
    fund = Fund.objects.filter(pk=fund_id, convention=convention).first()
    if fund is None:
        raise Http404
    if request.method == "POST":
        form = FundForm(request.POST, convention=convention, instance=fund, prefix="fund")
        saved = _attempt(form, lambda values: setup.update_fund(request.user, convention,
                                                                fund_id, **values))
        if saved is not None:
            messages.success(request, _("Fund saved: %(fund)s.") % {"fund": saved.name})
            return redirect(_url("financing-setup", convention, anchor="funds"))
    else:
        form = FundForm(convention=convention, instance=fund, prefix="fund")
    return render(request, "workspace/financing_setup_fund.html", {
        "convention": convention, "fund": fund, "form": form,
    }, status=400 if form.errors else 200)


@staff_only
@require_POST
def method(request, convention_id):
    convention = _convention(request, convention_id)
    form = MethodForm(request.POST, convention=convention, prefix="method")
    saved = _attempt(form, lambda values: setup.set_contribution_method(
        request.user, convention, **values))
    if saved is None:
        return overview(request, convention_id, method_form=form, status=400)
    messages.success(request, _("Contribution method saved: %(method)s.")
                     % {"method": saved.get_kind_display()})
    return redirect(_url("financing-setup", convention, anchor="method"))


@staff_only
@require_POST
def add_scale(request, convention_id):
    convention = _convention(request, convention_id)
    form = ScaleForm(request.POST, convention=convention, prefix="scale")
    scale = _attempt(form, lambda values: setup.add_scale(request.user, convention, **values))
    if scale is None:
        return overview(request, convention_id, scale_form=form, status=400)
    messages.success(request, _("Scale added: paste its shares."))
    return redirect(_url("financing-setup-scale", convention, scale.pk))


@staff_only
def scale_page(request, convention_id, scale_id):
    """A scale's shares and their sum; its shares are pasted here."""
    convention = _convention(request, convention_id)
    scale = Scale.objects.filter(pk=scale_id, convention=convention).first()
    if scale is None:
        raise Http404
    form = PasteForm(request.POST or None, prefix="shares")
    if request.method == "POST":
        count = _attempt(form, lambda values: setup.paste_shares(request.user, scale,
                                                                  values["lines"]))
        if count is not None:
            messages.success(request, _("%(count)s shares saved.") % {"count": count})
            return redirect(_url("financing-setup-scale", convention, scale.pk))
    shares = list(scale.shares.all())
    return render(request, "workspace/financing_setup_scale.html", {
        "convention": convention, "scale": scale, "shares": shares, "form": form,
        "total": sum(share.share for share in shares),
        "used": scale.assessments.exists(),
    }, status=400 if form.errors else 200)


# -- contacts ---------------------------------------------------------------------------------

@staff_only
def contacts(request, convention_id, add_form=None, paste_form=None, status=200):
    convention = _convention(request, convention_id)
    rows = sorted(Contact.objects.filter(convention=convention).select_related(
        "contributor__organization"), key=lambda contact: (
        not contact.contributor.is_state, str(contact.contributor), contact.email))
    return render(request, "workspace/financing_setup_contacts.html", {
        "convention": convention, "contacts": rows,
        "add_form": add_form or ContactForm(prefix="contact"),
        "paste_form": paste_form or PasteForm(prefix="contacts"),
    }, status=status)


@staff_only
@require_POST
def add_contact(request, convention_id):
    convention = _convention(request, convention_id)
    form = ContactForm(request.POST, prefix="contact")
    contact = _attempt(form, lambda values: setup.add_contact(
        request.user, convention, contributor=form.contributor(), name=values["name"],
        email=values["email"]))
    if contact is None:
        return contacts(request, convention_id, add_form=form, status=400)
    messages.success(request, _("Contact added: %(contact)s.") % {"contact": contact})
    return redirect(_url("financing-setup-contacts", convention))


@staff_only
@require_POST
def remove_contact(request, convention_id, contact_id):
    convention = _convention(request, convention_id)
    try:
        setup.remove_contact(request.user, convention, contact_id)
    except ValidationError as refusal:
        messages.error(request, " ".join(refusal.messages))
    else:
        messages.success(request, _("Contact removed."))
    return redirect(_url("financing-setup-contacts", convention))


@staff_only
@require_POST
def paste_contacts(request, convention_id):
    convention = _convention(request, convention_id)
    form = PasteForm(request.POST, prefix="contacts")
    count = _attempt(form, lambda values: setup.paste_contacts(request.user, convention,
                                                                values["lines"]))
    if count is None:
        return contacts(request, convention_id, paste_form=form, status=400)
    messages.success(request, _("%(count)s contacts added.") % {"count": count})
    return redirect(_url("financing-setup-contacts", convention))
