from django.shortcuts import render


def lockout_response(request, original_response=None, credentials=None, *args, **kwargs):
    """django-axes: the French page shown when an account is locked after repeated failures (never an address alone)."""
    if request.path_info.startswith("/api/"):
        from django.http import JsonResponse

        return JsonResponse(
            {
                "detail": "Trop de tentatives de connexion échouées : l'accès est bloqué temporairement. Réessayez plus tard ou contactez la coordination."
            },
            status=429,
        )
    from django.conf import settings

    minutes = round(float(settings.AXES_COOLOFF_TIME) * 60)
    return render(request, "registration/locked_out.html", {"minutes": minutes}, status=429)
