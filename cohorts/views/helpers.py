from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from .. import perms
from ..models import JobSeeker


def require(rule: bool, message: str = "Votre rôle ne permet pas cette opération.") -> None:
    if not rule:
        raise PermissionDenied(message)


def get_job_seeker(request, pk: int) -> JobSeeker:
    """The person if the caller may see her; 404 otherwise (never reveal that she exists)."""
    require(perms.can_view_personal_data(request.user), "Votre rôle ne donne pas accès aux données personnelles.")
    return get_object_or_404(
        JobSeeker.objects.for_user(request.user).with_referents(),
        pk=pk,
    )
