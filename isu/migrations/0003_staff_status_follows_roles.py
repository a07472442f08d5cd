from django.conf import settings
from django.db import migrations
from django.db.models import Exists, OuterRef


def staff_status_from_roles(apps, schema_editor):
    """Users who already hold a role may sign in; users without one may not (superusers keep
    their status)."""
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    StaffRole = apps.get_model("isu", "StaffRole")
    User.objects.filter(is_superuser=False).update(
        is_staff=Exists(StaffRole.objects.filter(user_id=OuterRef("pk"))))


class Migration(migrations.Migration):

    dependencies = [
        ('isu', '0002_meeting_style_and_symbol_series'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(staff_status_from_roles, migrations.RunPython.noop),
    ]
