from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkplansConfig(AppConfig):
    name = "workplans"
    verbose_name = _("Work plans")

    def ready(self):
        import workplans.rendering  # noqa: F401  (registers the work plan body of documents)
        from meetings.search import providers
        from workplans.search import published_plan_document_ids

        if published_plan_document_ids not in providers:
            providers.append(published_plan_document_ids)

    def load_demo(self, stdout):
        from workplans.demo import load

        load(stdout)

    def publish_demo(self, stdout):
        from workplans.demo import publish

        publish(stdout)
