"""API tokens (DRF's `authtoken.Token`, one per person): when they expire.

A token lives `API_TOKEN_TTL_DAYS` days from its creation; it is deleted when its owner's password changes
(`User.save`), when the account is deactivated, or when she revokes it in « Sécurité du compte ».
"""

import datetime

from django.conf import settings
from django.utils import timezone


def api_token_expires_at(token) -> datetime.datetime:
    return token.created + datetime.timedelta(days=settings.API_TOKEN_TTL_DAYS)


def api_token_is_expired(token, *, now: datetime.datetime | None = None) -> bool:
    return (now or timezone.now()) >= api_token_expires_at(token)
