from django.urls import path

from workplans import views

urlpatterns = [
    path("<slug:code>/", views.convention_home, name="convention"),
    path("<slug:code>/work-plans/", views.plan_list, name="plan-list"),
    path("<slug:code>/work-plans/<str:period>/", views.plan_detail, name="plan"),
]
