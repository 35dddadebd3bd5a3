from django.urls import path

from . import views

app_name = "catalogue"

urlpatterns = [
    path("", views.catalogue_list, name="list"),
    path("export.json", views.catalogue_export, name="export"),
    path("importer/", views.sheets_import, name="import"),
    path("schema-v1.json", views.schema_download, name="schema"),
    path("publier/<int:action_pk>/", views.sheet_publish, name="publish"),
    path("<int:pk>/", views.sheet_detail, name="detail"),
    path("<int:pk>/fiche.json", views.sheet_export, name="sheet_export"),
    path("<int:pk>/copier/", views.sheet_copy, name="copy"),
    path("<int:pk>/retirer/", views.sheet_unpublish, name="unpublish"),
]
