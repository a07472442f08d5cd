"""The workspace's progress overview of a plan, its exports and its publication."""

from django.urls import path

from workspace import progress_overview_views as views

overview = "plans/<int:plan_id>/progress/overview/"

urlpatterns = [
    path(overview, views.page, name="progress-overview"),
    path(f"{overview}progress.csv", views.export, {"sheet": "results"},
         name="progress-overview-csv"),
    path(f"{overview}indicator-values.csv", views.export, {"sheet": "values"},
         name="progress-overview-values-csv"),
    path(f"{overview}progress.xlsx", views.export, {"sheet": "xlsx"},
         name="progress-overview-xlsx"),
    path(f"{overview}publish/", views.publish, name="progress-publish"),
    path(f"{overview}withdraw/", views.withdraw, name="progress-withdraw"),
]
