from django.urls import path

import cite_emploi.converters  # noqa: F401 — registers <tabular:…>

from . import views

app_name = "actions"

urlpatterns = [
    path("actions/", views.action_list, name="list"),
    path("actions/nouvelle/", views.action_create, name="create"),
    path("actions/<int:pk>/", views.action_detail, name="detail"),
    path("actions/<int:pk>/modifier/", views.action_edit, name="edit"),
    path("actions/<int:pk>/statut/", views.action_transition, name="transition"),
    path("actions/<int:pk>/inscrire/", views.participation_enrol, name="enrol"),
    path("actions/<int:pk>/inscrire-plusieurs/", views.participation_enrol_many, name="enrol_many"),
    path("actions/<int:pk>/resultats/", views.outcomes_record, name="outcomes_record"),
    path(
        "actions/<int:pk>/participants/<int:participation_pk>/retirer/",
        views.participation_remove,
        name="participation_remove",
    ),
    path(
        "actions/<int:pk>/participants/<int:participation_pk>/promouvoir/",
        views.participation_promote,
        name="participation_promote",
    ),
    path(
        "actions/<int:pk>/participants/<int:participation_pk>/resultat/",
        views.outcome_record,
        name="outcome_record",
    ),
    path("actions/<int:pk>/ateliers/nouveau/", views.workshop_create, name="workshop_create"),
    path("actions/<int:pk>/cofinancements/", views.cofunding_add, name="cofunding_add"),
    path("actions/<int:pk>/fiche.pdf", views.action_sheet_pdf_view, name="sheet_pdf"),
    path("actions/<int:pk>/fiche.json", views.action_sheet_json, name="sheet_json"),
    path("budget/", views.budget, name="budget"),
    path("budget/<int:year>/", views.budget, name="budget_year"),
    path("budget/enveloppe/", views.envelope_create, name="envelope_create"),
    path("budget/<int:year>/engagements/", views.commitment_create, name="commitment_create"),
    path("budget/engagements/<int:pk>/", views.commitment_move, name="commitment_move"),
    path("budget/engagements/<int:pk>/corriger/", views.commitment_correct, name="commitment_correct"),
    path("budget/<int:year>/engagements.<tabular:fmt>", views.commitment_export, name="commitment_export"),
]
