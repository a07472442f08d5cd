"""The workspace's progress pages, within their plan, and what has had no update this quarter."""

from django.urls import path

from workspace import progress_views

progress = "plans/<int:plan_id>/progress/"

urlpatterns = [
    path("progress/without-update/", progress_views.without_update, name="progress-missing"),
    path(progress, progress_views.page, name="progress"),
    path(f"{progress}updates/<int:update_id>/delete/", progress_views.delete,
         name="progress-delete"),
    path(f"{progress}indicators/<int:indicator_id>/", progress_views.record_value,
         name="progress-indicator"),
    path(f"{progress}values/<int:value_id>/delete/", progress_views.delete_value,
         name="progress-delete-value"),
    # Last: "indicators/3/" would read as a kind of result.
    path(f"{progress}<slug:kind>/<int:row_id>/", progress_views.record,
         name="progress-record"),
]
