from django.urls import path

from . import views

app_name = "referrals"

urlpatterns = [
    path("", views.referral_list, name="list"),
    path("personnes/<int:pk>/orienter/", views.referral_create, name="create"),
    path("<int:pk>/", views.referral_detail, name="detail"),
    path("<int:pk>/accepter/", views.referral_accept, name="accept"),
    path("<int:pk>/decliner/", views.referral_decline, name="decline"),
]
