from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Meetings and documents")

    def ready(self):
        import meetings.receivers  # noqa: F401  (connects the narrative body of documents)
        from meetings import history

        history.register()
