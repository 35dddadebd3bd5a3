from django.urls import path
from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("organisations", views.OrganisationViewSet, basename="organisation")

urlpatterns = [
    path("auth/token/", views.TokenView.as_view(), name="auth-token"),
    path("users/me/", views.MeView.as_view(), name="users-me"),
    *router.urls,
]
