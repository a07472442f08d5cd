"""The workspace's page of the ISU's annual reports, within their plan."""

from django.urls import path

from workspace import report_views

urlpatterns = [
    path("plans/<int:plan_id>/annual-report/", report_views.page, name="annual-report"),
]
