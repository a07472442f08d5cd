"""A user's staff status follows their roles on every write of a StaffRole: the admin, the
services, the demo and the shell alike (isu/staff.py)."""

from django.contrib.auth import get_user_model
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from isu.models import StaffRole
from isu.staff import follow_roles, refresh_status


@receiver(pre_save, sender=StaffRole)
def remember_previous_holder(sender, instance, raw=False, **kwargs):
    """A role moved to another user may have been the last one of its previous holder."""
    instance._previous_user_id = None if raw or instance.pk is None else (
        StaffRole.objects.filter(pk=instance.pk).values_list("user_id", flat=True).first())


@receiver(post_save, sender=StaffRole)
def role_saved(sender, instance, raw=False, **kwargs):
    if raw:  # loaddata: the users' own rows come with their status
        return
    previous = getattr(instance, "_previous_user_id", None)
    follow_roles(instance.user_id, *([previous] if previous else []))
    _update_loaded_user(instance)


@receiver(post_delete, sender=StaffRole)
def role_deleted(sender, instance, **kwargs):
    follow_roles(instance.user_id)
    _update_loaded_user(instance)


def _update_loaded_user(staff_role):
    """The user object the role holds, if it is loaded, shows the new status too."""
    user = StaffRole._meta.get_field("user").get_cached_value(staff_role, None)
    if user is not None:
        refresh_status(user)


@receiver(pre_save, sender=get_user_model())
def superusers_are_staff(sender, instance, raw=False, **kwargs):
    """A superuser signs in to the admin; anyone else's staff status follows their roles."""
    if not raw and instance.is_superuser:
        instance.is_staff = True
