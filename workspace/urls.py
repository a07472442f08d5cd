from django.urls import include, path

from workspace import views

app_name = "workspace"

rows = "plans/<int:plan_id>/rows/<slug:kind>/<int:row_id>/"

urlpatterns = [
    path("", views.home, name="home"),
    path("plans/<int:plan_id>/", views.plan, name="plan"),
    path("plans/<int:plan_id>/add/", views.add_row, name="add-row"),
    path("plans/<int:plan_id>/workflow/", views.workflow, name="workflow"),
    path(rows, views.row, name="row"),
    path(f"{rows}edit/", views.edit_row, name="edit-row"),
    path(f"{rows}move/", views.move_row, name="move-row"),
    path(f"{rows}delete/", views.delete_row, name="delete-row"),
    path("", include("workspace.budget_urls")),
    path("", include("workspace.document_urls")),
]
