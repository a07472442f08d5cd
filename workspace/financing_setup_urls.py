"""The workspace's pages to set up a convention's financing."""

from django.urls import path

from workspace import financing_setup_views as views

setup = "financing/setup/<int:convention_id>/"

urlpatterns = [
    path(setup, views.overview, name="financing-setup"),
    path(f"{setup}funds/add/", views.add_fund, name="financing-setup-add-fund"),
    path(f"{setup}funds/<int:fund_id>/", views.edit_fund, name="financing-setup-fund"),
    path(f"{setup}method/", views.method, name="financing-setup-method"),
    path(f"{setup}scales/add/", views.add_scale, name="financing-setup-add-scale"),
    path(f"{setup}scales/<int:scale_id>/", views.scale_page, name="financing-setup-scale"),
    path(f"{setup}contacts/", views.contacts, name="financing-setup-contacts"),
    path(f"{setup}contacts/add/", views.add_contact, name="financing-setup-add-contact"),
    path(f"{setup}contacts/paste/", views.paste_contacts, name="financing-setup-paste-contacts"),
    path(f"{setup}contacts/<int:contact_id>/remove/", views.remove_contact,
         name="financing-setup-remove-contact"),
]
