from django.urls import path

from sponsorship import views

urlpatterns = [
    path("<slug:code>/sponsorship/", views.overview, name="sponsorship"),
    path("<slug:code>/sponsorship/<int:year>/report.pdf", views.year_pdf,
         name="sponsorship-report"),
]
