"""The demo's accounts and their staff roles; the services the demo goes through act as them."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from isu.models import Convention, StaffRole

DEMO_PASSWORD = "isu-demo-2018"

# (username, first name, last name, superuser, [(convention, role)])
USERS = [
    ("admin", "System", "Administrator", True, []),
    ("ccm.officer", "CCM", "Officer", False, [("CCM", StaffRole.Role.ISU_OFFICER)]),
    ("apmbc.officer", "APMBC", "Officer", False, [("APMBC", StaffRole.Role.ISU_OFFICER)]),
    ("ccm.head", "CCM", "Director", False, [("CCM", StaffRole.Role.HEAD_OF_ISU)]),
    ("apmbc.head", "APMBC", "Director", False, [("APMBC", StaffRole.Role.HEAD_OF_ISU)]),
    ("ccm.finance", "CCM", "Finance", False, [("CCM", StaffRole.Role.FINANCE)]),
    ("apmbc.finance", "APMBC", "Finance", False, [("APMBC", StaffRole.Role.FINANCE)]),
    ("ccm.sponsorship", "CCM", "Sponsorship", False, [("CCM", StaffRole.Role.SPONSORSHIP_STAFF)]),
    ("apmbc.sponsorship", "APMBC", "Sponsorship", False,
     [("APMBC", StaffRole.Role.SPONSORSHIP_STAFF)]),
    ("coordinator", "Thematic", "Coordinator", False,
     [("CCM", StaffRole.Role.COORDINATOR), ("APMBC", StaffRole.Role.COORDINATOR)]),
]


def staff_member(code, role):
    """The demo account that holds `role` for the convention `code`; None if the demo has none."""
    username = next((name for name, _first, _last, _superuser, roles in USERS
                     if (code, role) in roles), None)
    return None if username is None else get_user_model().objects.get(username=username)


def head_of_isu(code):
    """The demo's head of the ISU of a convention (None for CCW and BWC): the services that act
    for a user of the convention (editing, the workflow) act for them."""
    return staff_member(code, StaffRole.Role.HEAD_OF_ISU)


def load(stdout):
    """The demo users, with the published DEMO_PASSWORD when DEBUG is true. With DEBUG false
    (load_demo --force-production) no account opens with that password: the superuser is not
    created, the staff accounts get no usable password, and an account left from an earlier
    load with the demo password loses it."""
    User = get_user_model()
    conventions = {c.code: c for c in Convention.objects.all()}
    published = settings.DEBUG
    for username, first, last, superuser, roles in USERS:
        if superuser and not published:
            user = User.objects.filter(username=username).first()
            if user is not None and user.check_password(DEMO_PASSWORD):
                user.set_unusable_password()
                user.save(update_fields=["password"])
            continue
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"first_name": first, "last_name": last, "is_staff": True,
                      "is_superuser": superuser},
        )
        if created and published:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        elif not published and (created or user.check_password(DEMO_PASSWORD)):
            user.set_unusable_password()
            user.save(update_fields=["password"])
        for code, role in roles:
            StaffRole.objects.get_or_create(user=user, convention=conventions[code], role=role)
    if not published:
        stdout.write(_("DEBUG is false: no demo superuser, and no demo account has a usable "
                       "password. Give one with manage.py changepassword."))
