from django.urls import path

from .views import access_log, calendar, groups, meetings, national_accounts, organisations, people, territories

app_name = "partners"

urlpatterns = [
    path("organisations/", organisations.organisation_list, name="organisation_list"),
    path("organisations/nouvelle/", organisations.organisation_create, name="organisation_create"),
    path("organisations/<int:pk>/", organisations.organisation_detail, name="organisation_detail"),
    path("organisations/<int:pk>/modifier/", organisations.organisation_edit, name="organisation_edit"),
    path("organisations/<int:pk>/supprimer/", organisations.organisation_delete, name="organisation_delete"),
    path("personnes/", people.user_list, name="user_list"),
    path("personnes/inviter/", people.user_invite, name="user_invite"),
    path("personnes/<int:pk>/", people.user_detail, name="user_detail"),
    path("personnes/<int:pk>/role/", people.user_change_role, name="user_change_role"),
    path("personnes/<int:pk>/desactiver/", people.user_deactivate, name="user_deactivate"),
    path("personnes/<int:pk>/reactiver/", people.user_reactivate, name="user_reactivate"),
    path("personnes/<int:pk>/proconnect/delier/", people.user_proconnect_unlink, name="user_proconnect_unlink"),
    path("personnes/<int:pk>/journal/", access_log.user_access_log, name="user_access_log"),
    path("invitation/<str:token>/", people.invitation_accept, name="invitation_accept"),
    path("groupes/", groups.group_list, name="group_list"),
    path("groupes/nouveau/", groups.group_create, name="group_create"),
    path("groupes/<int:pk>/", groups.group_detail, name="group_detail"),
    path("groupes/<int:pk>/modifier/", groups.group_edit, name="group_edit"),
    path("reunions/", meetings.meeting_list, name="meeting_list"),
    path("reunions/nouvelle/", meetings.meeting_create, name="meeting_create"),
    path("reunions/planifier/", meetings.meeting_plan, name="meeting_plan"),
    path("reunions/<int:pk>/", meetings.meeting_detail, name="meeting_detail"),
    path("reunions/<int:pk>/modifier/", meetings.meeting_edit, name="meeting_edit"),
    path("reunions/<int:pk>/presences/", meetings.meeting_attendance, name="meeting_attendance"),
    path("reunions/<int:pk>/participants/", meetings.meeting_attendee_add, name="meeting_attendee_add"),
    path("reunions/<int:pk>/decisions/", meetings.decision_create, name="decision_create"),
    path("decisions/<int:pk>/modifier/", meetings.decision_edit, name="decision_edit"),
    path("decisions/<int:pk>/etat/", meetings.decision_status, name="decision_status"),
    path("territoires/", territories.territory_list, name="territory_list"),
    path("territoires/nouveau/", territories.territory_create, name="territory_create"),
    path("territoires/<int:pk>/coordination/", territories.territory_invite, name="territory_invite"),
    path("comptes-nationaux/", national_accounts.national_account_list, name="national_account_list"),
    path("comptes-nationaux/inviter/", national_accounts.national_account_invite, name="national_account_invite"),
    path(
        "comptes-nationaux/<int:pk>/desactiver/",
        national_accounts.national_account_deactivate,
        name="national_account_deactivate",
    ),
    path(
        "comptes-nationaux/<int:pk>/reactiver/",
        national_accounts.national_account_reactivate,
        name="national_account_reactivate",
    ),
    path("agenda/", calendar.calendar_settings, name="calendar_settings"),
    path("agenda/<str:key>.ics", calendar.calendar_feed, name="calendar_feed"),
]
