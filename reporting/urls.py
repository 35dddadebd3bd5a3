from django.urls import path

from cite_emploi import converters  # noqa: F401  (registers the format converters)

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
    path("comparaisons/", views.benchmarks_page, name="benchmarks"),
    path("comparaisons/publication/", views.benchmarks_publication, name="benchmarks_publication"),
    path("rapports-nationaux/", views.quarterly_list, name="quarterly_list"),
    path("rapports-nationaux/demander/", views.quarterly_request, name="quarterly_request"),
    path("rapports-nationaux/<int:pk>/", views.quarterly_detail, name="quarterly_detail"),
    path("rapports-nationaux/<int:pk>/rapport.<report:fmt>", views.quarterly_download, name="quarterly_download"),
]
