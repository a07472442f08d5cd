"""The public pages of a plan's published progress, beside the plan's own page."""

from django.urls import path

from reporting import views

progress = "<slug:code>/work-plans/<str:period>/progress/"

urlpatterns = [
    path(progress, views.progress_page, name="plan-progress"),
    path(f"{progress}progress.csv", views.progress_export, {"sheet": "results"},
         name="plan-progress-csv"),
    path(f"{progress}indicator-values.csv", views.progress_export, {"sheet": "values"},
         name="plan-progress-values-csv"),
    path(f"{progress}progress.xlsx", views.progress_export, {"sheet": "xlsx"},
         name="plan-progress-xlsx"),
]
