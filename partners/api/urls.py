from django.urls import path

from cite_emploi.api import Router

from . import meetings, views

router = Router()
router.register("organisations", views.OrganisationViewSet, basename="organisation")
router.register("meetings", meetings.MeetingViewSet, basename="meeting")

urlpatterns = [
    path("auth/token/", views.TokenView.as_view(), name="auth-token"),
    path("users/me/", views.MeView.as_view(), name="users-me"),
    *router.urls,
]
