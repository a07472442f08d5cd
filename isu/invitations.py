"""The admin's "Invite a staff member" page: one form invites several people, each with their
role, and e-mails each the link to choose their password (isu/staff.py), all or nobody; more
rows are added by a button, without JavaScript. Superusers manage staff."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from isu import staff
from isu.forms import InvitationForm, InviteeFormSet


def invite_page(model_admin, request):
    if not request.user.is_superuser:
        raise PermissionDenied
    form = InvitationForm(request.POST or None)
    rows = InviteeFormSet(request.POST or None, prefix="staff")
    if request.method == "POST" and "more" in request.POST:
        rows = rows.with_more_rows()
    elif request.method == "POST" and all([form.is_valid(), rows.is_valid()]):
        try:
            staff_roles = staff.invite_many(request, rows.people(),
                                            form.cleaned_data["language"])
        except ValidationError as error:
            form.add_error(None, error)
        except OSError as error:
            form.add_error(None, _("The invitation could not be sent (%(error)s); nobody was "
                                   "created.") % {"error": error})
        else:
            for staff_role in staff_roles:
                model_admin.log_addition(request, staff_role, [{"added": {}}])
                model_admin.message_user(request, _(
                    "%(name)s is invited: the invitation is on its way to %(email)s.") % {
                    "name": staff_role.user.get_full_name(), "email": staff_role.user.email},
                    messages.SUCCESS)
            return redirect("admin:isu_staffrole_changelist")
    return TemplateResponse(request, "admin/isu/staffrole/invite.html", {
        **model_admin.admin_site.each_context(request), "opts": model_admin.opts,
        "title": _("Invite a staff member"), "form": form, "rows": rows,
        "checked": "more" not in request.POST,
    })
