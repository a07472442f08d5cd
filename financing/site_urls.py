"""The public pages of the published status of contributions."""

from django.urls import path

from financing import views

contributions = "<slug:code>/contributions/"
status = f"{contributions}<int:fund_id>/<int:year>/"

urlpatterns = [
    path(contributions, views.contributions, name="contributions"),
    path(status, views.contributions_status, name="contributions-status"),
    path(f"{status}contributions.csv", views.contributions_csv, name="contributions-csv"),
]
