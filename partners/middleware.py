from django.contrib.auth.middleware import LoginRequiredMiddleware as DjangoLoginRequiredMiddleware


class LoginRequiredMiddleware(DjangoLoginRequiredMiddleware):
    """Every page needs a login (Django 5.1's middleware), except views marked `login_not_required`.

    The REST API answers 401/403 itself (DRF `IsAuthenticated` by default) instead of redirecting
    to the login page, so API paths are left to DRF.
    """

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.path_info.startswith("/api/"):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)


class CurrentTerritoryMiddleware:
    """Resolve the caller's territory and role once per request: `request.territory`, `request.role`.

    The user is already loaded with her organisation and territory (partners.backends.UserBackend).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            request.territory = user.territory
            request.role = user.role
        else:
            request.territory = None
            request.role = None
        return self.get_response(request)
