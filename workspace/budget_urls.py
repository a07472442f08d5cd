"""The workspace's budget pages, within their plan."""

from django.urls import path

from workspace import budget_views, spending_views

budget = "plans/<int:plan_id>/budgets/<int:budget_id>/"
rows = f"{budget}rows/<slug:kind>/<int:row_id>/"
spent = f"{budget}spending/"

urlpatterns = [
    path("plans/<int:plan_id>/budgets/add/", budget_views.create, name="budget-add"),
    path(budget, budget_views.page, name="budget-page"),
    path(f"{budget}add/", budget_views.add_row, name="budget-add-row"),
    path(f"{budget}layout/", budget_views.layout, name="budget-layout"),
    path(rows, budget_views.row, name="budget-row"),
    path(f"{rows}edit/", budget_views.edit_row, name="budget-edit-row"),
    path(f"{rows}move/", budget_views.move_row, name="budget-move-row"),
    path(f"{rows}delete/", budget_views.delete_row, name="budget-delete-row"),
    path(spent, spending_views.page, name="budget-spending"),
    path(f"{spent}add/<slug:kind>/", spending_views.record, name="spending-record"),
    path(f"{spent}<slug:kind>/<int:row_id>/", spending_views.correct, name="spending-correct"),
    path(f"{spent}<slug:kind>/<int:row_id>/delete/", spending_views.delete,
         name="spending-delete"),
]
