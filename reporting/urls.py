from django.urls import path

from . import views

app_name = "reporting"

urlpatterns = [
    path("pilotage/", views.dashboard, name="dashboard"),
    path("pilotage/indicateurs.xlsx", views.figures_export, name="figures_export"),
    path("dossiers-de-seance/", views.pack_list, name="pack_list"),
    path("dossiers-de-seance/demander/", views.pack_request, name="pack_request"),
    path("dossiers-de-seance/<int:pk>/", views.pack_detail, name="pack_detail"),
    path("dossiers-de-seance/<int:pk>/etat/", views.pack_status, name="pack_status"),
    path("dossiers-de-seance/<int:pk>/relancer/", views.pack_retry, name="pack_retry"),
    path("dossiers-de-seance/<int:pk>/telecharger/", views.pack_download, name="pack_download"),
]
