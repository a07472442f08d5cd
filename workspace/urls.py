from django.urls import include, path

from workspace import views

app_name = "workspace"

rows = "plans/<int:plan_id>/rows/<slug:kind>/<int:row_id>/"

urlpatterns = [
    path("", views.home, name="home"),
    path("plans/new/", views.new_plan, name="new-plan"),
    path("plans/<int:plan_id>/", views.plan, name="plan"),
    path("plans/<int:plan_id>/add/", views.add_row, name="add-row"),
    path("plans/<int:plan_id>/workflow/", views.workflow, name="workflow"),
    path("plans/<int:plan_id>/waive/", views.waive_item, name="waive"),
    path("plans/<int:plan_id>/changes/", views.changes, name="changes"),
    path("plans/<int:plan_id>/translation/", views.translation, name="translation"),
    path("plans/<int:plan_id>/clone/", views.clone, name="clone"),
    path("plans/<int:plan_id>/old-years/", views.old_years, name="old-years"),
    path(f"{rows}history/", views.row_history_page, name="row-history"),
    path(rows, views.row, name="row"),
    path(f"{rows}edit/", views.edit_row, name="edit-row"),
    path(f"{rows}move/", views.move_row, name="move-row"),
    path(f"{rows}delete/", views.delete_row, name="delete-row"),
    path("", include("workspace.bank_urls")),
    path("", include("workspace.budget_urls")),
    path("", include("workspace.document_urls")),
    path("", include("workspace.financing_urls")),
    path("", include("workspace.statement_urls")),
    path("", include("workspace.financing_setup_urls")),
    path("", include("workspace.progress_overview_urls")),
    path("", include("workspace.progress_urls")),
    path("", include("workspace.report_urls")),
]
