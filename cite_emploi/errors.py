"""Error pages: JSON for the API (API.md: `{"detail": "…"}` in French), French HTML pages elsewhere."""

from django.http import JsonResponse
from django.views import defaults


def _is_api(request) -> bool:
    return request.path_info.startswith("/api/")


def page_not_found(request, exception):
    if _is_api(request):
        return JsonResponse({"detail": "Introuvable."}, status=404)
    return defaults.page_not_found(request, exception)


def server_error(request):
    if _is_api(request):
        return JsonResponse({"detail": "Erreur interne du serveur. L'équipe technique a été prévenue."}, status=500)
    return defaults.server_error(request)
