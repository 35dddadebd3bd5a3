from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from partners import two_factor
from partners import views as partners_views
from partners.views import auth as auth_views_partners
from reporting.views import home

from .health import healthz

admin.site.site_header = "Cité de l'emploi — administration"
admin.site.site_title = "Cité de l'emploi"

auth_patterns = [
    path("connexion/", auth_views_partners.LoginView.as_view(), name="login"),
    path("deconnexion/", auth_views_partners.LogoutView.as_view(), name="logout"),
    path("connexion/proconnect/", auth_views_partners.proconnect_login, name="proconnect_login"),
    path("connexion/proconnect/retour/", auth_views_partners.proconnect_callback, name="proconnect_callback"),
    path("deconnexion/proconnect/", auth_views_partners.proconnect_logout, name="proconnect_logout"),
    path("mot-de-passe/modifier/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("mot-de-passe/modifie/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("mot-de-passe/oubli/", auth_views.PasswordResetView.as_view(), name="password_reset"),
    path("mot-de-passe/oubli/envoye/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "mot-de-passe/nouveau/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("mot-de-passe/nouveau/fait/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("connexion/verification/", two_factor.verify, name="otp_verify"),
    path("compte/securite/", two_factor.account_security, name="account_security"),
    path("compte/double-authentification/", two_factor.setup, name="otp_setup"),
    path("compte/codes-de-secours/", two_factor.recovery_codes, name="otp_recovery_codes"),
]

api_patterns = [
    path("", include("partners.api.urls")),
    path("", include("cohorts.api.urls")),
    path("", include("referrals.api.urls")),
    path("", include("actions.api.urls")),
    path("", include("catalogue.api.urls")),
    path("", include("reporting.api.urls")),
    path("", include("fse.api.urls")),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="swagger-ui"),
]

urlpatterns = [
    path("", home, name="home"),
    *auth_patterns,
    path("accessibilite/", partners_views.accessibility, name="accessibility"),
    path("donnees-personnelles/", partners_views.personal_data, name="personal_data"),
    path("healthz", healthz, name="healthz"),
    path("partenaires/", include("partners.urls")),
    path("cohorte/", include("cohorts.urls")),
    path("orientations/", include("referrals.urls")),
    path("", include("actions.urls")),
    path("catalogue/", include("catalogue.urls")),
    path("", include("reporting.urls")),
    path("", include("fse.urls")),
    path("api/v1/", include(api_patterns)),
    path("admin/", admin.site.urls),
]

handler404 = "cite_emploi.errors.page_not_found"
handler500 = "cite_emploi.errors.server_error"
