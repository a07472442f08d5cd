"""The admin's "Invite a staff member" page: one form creates the person with their role and
e-mails them the link to choose their password (isu/staff.py). Superusers manage staff."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from isu import staff
from isu.forms import InviteStaffForm


def invite_page(model_admin, request):
    if not request.user.is_superuser:
        raise PermissionDenied
    form = InviteStaffForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            staff_role = staff.invite(request, **form.cleaned_data)
        except OSError as error:
            form.add_error(None, _("The invitation could not be sent (%(error)s); nobody was "
                                   "created.") % {"error": error})
        else:
            model_admin.log_addition(request, staff_role, [{"added": {}}])
            model_admin.message_user(request, _(
                "%(name)s is invited: the invitation is on its way to %(email)s.") % {
                "name": staff_role.user.get_full_name(), "email": staff_role.user.email},
                messages.SUCCESS)
            return redirect("admin:isu_staffrole_changelist")
    return TemplateResponse(request, "admin/isu/staffrole/invite.html", {
        **model_admin.admin_site.each_context(request), "opts": model_admin.opts,
        "title": _("Invite a staff member"), "form": form,
    })
