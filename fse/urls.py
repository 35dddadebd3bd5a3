from django.urls import path

import cite_emploi.converters  # noqa: F401 — registers <tabular:…>

from . import views

app_name = "fse"

OPERATION = "actions/<int:pk>/fse/<int:operation_pk>/"

urlpatterns = [
    path("actions/<int:pk>/fse/", views.action_operations, name="action_operations"),
    path("actions/<int:pk>/fse/nouvelle/", views.operation_create, name="operation_create"),
    path(OPERATION, views.operation_detail, name="operation_detail"),
    path(OPERATION + "modifier/", views.operation_edit, name="operation_edit"),
    path(OPERATION + "etat/", views.operation_transition, name="operation_transition"),
    path(OPERATION + "financement/<slug:kind>/", views.finance_add, name="finance_add"),
    path(OPERATION + "participants/", views.participants, name="participants"),
    path(OPERATION + "participants/<int:participation_pk>/", views.participant_edit, name="participant_edit"),
    path(OPERATION + "participants.<tabular:fmt>", views.participants_export, name="participants_export"),
    path(OPERATION + "completude/", views.completeness, name="completeness"),
    path(OPERATION + "indicateurs.<tabular:fmt>", views.indicators_export, name="indicators_export"),
    path(OPERATION + "bilan/", views.report_request, name="report_request"),
    path(OPERATION + "bilan/<int:report_pk>/", views.report_download, name="report_download"),
]
