from .navigation import items_for
from .perms import role_requires_two_factor

SECOND_FACTOR_PAGES = {"otp_verify", "otp_setup"}


def _second_factor_pending(request, user) -> bool:
    """On the code page (or the forced set-up) of a person not verified yet: the menu would only lead back here."""
    if not user.is_authenticated or user.is_verified():
        return False
    match = getattr(request, "resolver_match", None)
    url_name = match.url_name if match is not None else None
    if url_name == "otp_verify":
        return True
    return url_name == "otp_setup" and role_requires_two_factor(user)


def navigation(request):
    """The menu of the caller's role; none on the two-factor pages before the code is validated."""
    user = getattr(request, "user", None)
    if user is None:
        return {"nav_items": [], "current_territory": None, "second_factor_pending": False}
    pending = _second_factor_pending(request, user)
    return {
        "nav_items": [] if pending else items_for(user),
        "current_territory": getattr(request, "territory", None),
        "second_factor_pending": pending,
    }
