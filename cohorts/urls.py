from django.urls import path

import cite_emploi.converters  # noqa: F401 — registers <tabular:…> and <document:…>

from .views import imports, job_seekers, journal, pathway, privacy, qpvs

app_name = "cohorts"

urlpatterns = [
    path("", job_seekers.job_seeker_list, name="job_seeker_list"),
    path("export.<tabular:extension>", job_seekers.job_seeker_export, name="job_seeker_export"),
    path("mes-personnes/", job_seekers.my_people, name="my_people"),
    path("inscrire/", job_seekers.job_seeker_create, name="job_seeker_create"),
    path("import/", imports.job_seeker_import, name="job_seeker_import"),
    path("import/modele.csv", imports.import_template, name="import_template"),
    path("import/modele.xlsx", imports.import_template, {"extension": "xlsx"}, name="import_template_xlsx"),
    path("qpv/", qpvs.qpv_list, name="qpv_list"),
    path("qpv/importer/", qpvs.qpv_import, name="qpv_import"),
    path("qpv/liste-nationale/", qpvs.qpv_national_import, name="qpv_national_import"),
    path("cohortes/", imports.cohort_list, name="cohort_list"),
    path("cohortes/nouvelle/", imports.cohort_form, name="cohort_create"),
    path("cohortes/<int:pk>/modifier/", imports.cohort_form, name="cohort_update"),
    path("personnes/<int:pk>/", job_seekers.job_seeker_detail, name="job_seeker_detail"),
    path("personnes/<int:pk>/modifier/", job_seekers.job_seeker_update, name="job_seeker_update"),
    path("personnes/<int:pk>/sortie/", job_seekers.job_seeker_early_exit, name="job_seeker_early_exit"),
    path("personnes/<int:pk>/equipe/", job_seekers.job_seeker_team, name="job_seeker_team"),
    path(
        "personnes/<int:pk>/equipe/<int:member_pk>/retirer/",
        job_seekers.job_seeker_team_remove,
        name="job_seeker_team_remove",
    ),
    path(
        "personnes/<int:pk>/consentements/<int:consent_pk>/retirer/",
        job_seekers.consent_withdraw,
        name="consent_withdraw",
    ),
    path("personnes/<int:pk>/suivis/nouveau/", journal.follow_up_create, name="follow_up_create"),
    path("personnes/<int:pk>/suivis/<int:follow_up_pk>/", journal.follow_up_update, name="follow_up_update"),
    path("personnes/<int:pk>/freins/nouveau/", journal.barrier_create, name="barrier_create"),
    path("personnes/<int:pk>/freins/<int:barrier_pk>/", journal.barrier_update, name="barrier_update"),
    path("personnes/<int:pk>/situations/nouvelle/", journal.situation_create, name="situation_create"),
    path("personnes/<int:pk>/dispositifs/nouveau/", journal.scheme_connection_create, name="scheme_connection_create"),
    path("reperage/", pathway.candidate_list, name="candidate_list"),
    path("reperage/signaler/", pathway.candidate_create, name="candidate_create"),
    path("reperage/validation/", pathway.pathway_settings, name="pathway_settings"),
    path("reperage/<int:pk>/", pathway.candidate_detail, name="candidate_detail"),
    path("reperage/<int:pk>/modifier/", pathway.candidate_update, name="candidate_update"),
    path("reperage/<int:pk>/contactee/", pathway.candidate_contact, name="candidate_contact"),
    path("reperage/<int:pk>/proposee/", pathway.candidate_propose, name="candidate_propose"),
    path("reperage/<int:pk>/non-inscrite/", pathway.candidate_not_enrol, name="candidate_not_enrol"),
    path("reperage/<int:pk>/inscrire/", pathway.candidate_enrol, name="candidate_enrol"),
    path("reperage/<int:pk>/effacer/", pathway.candidate_erase, name="candidate_erase"),
    path("conservation/", privacy.retention_due, name="retention_due"),
    path("personnes/<int:pk>/droits/", privacy.job_seeker_rights, name="job_seeker_rights"),
    path(
        "personnes/<int:pk>/droits/dossier.<document:extension>",
        privacy.job_seeker_rights_export,
        name="job_seeker_rights_export",
    ),
    path("personnes/<int:pk>/effacer/", privacy.job_seeker_erase, name="job_seeker_erase"),
]
