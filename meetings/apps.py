from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Meetings and documents")

    def ready(self):
        import meetings.rendering  # noqa: F401  (registers the narrative body of documents)

    def load_demo(self, stdout):
        from meetings.demo import load

        load(stdout)
