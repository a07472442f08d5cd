from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkplansConfig(AppConfig):
    name = "workplans"
    verbose_name = _("Work plans")

    def ready(self):
        import workplans.receivers  # noqa: F401  (the work plan body of documents, its search)
        import workplans.tree  # noqa: F401  (declares the rows of plans: lib/records.py)
        from workplans import history

        history.register()
