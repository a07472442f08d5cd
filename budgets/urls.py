from django.urls import path

from budgets import views

app_name = "budgets"
urlpatterns = [
    path("<int:pk>/budget.csv", views.export, {"extension": "csv"}, name="csv"),
    path("<int:pk>/budget.xlsx", views.export, {"extension": "xlsx"}, name="xlsx"),
    path("<int:pk>/spending.csv", views.spending_export, {"extension": "csv"},
         name="spending-csv"),
    path("<int:pk>/spending.xlsx", views.spending_export, {"extension": "xlsx"},
         name="spending-xlsx"),
]
