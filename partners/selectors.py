"""Reads of the partners app shared by pages and API."""

from .models import Organisation, User


def organisations_for(user):
    return Organisation.objects.for_user(user).order_by("name")


def users_for(user):
    return User.objects.for_user(user).select_related("organisation").order_by("last_name", "first_name")
