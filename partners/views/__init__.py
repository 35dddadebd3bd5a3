"""Public pages of the site (the home page is reporting.views.home: it shows the dashboard)."""

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.views.decorators.http import require_GET


@login_not_required
@require_GET
def accessibility(request):
    return render(request, "pages/accessibility.html")


@login_not_required
@require_GET
def personal_data(request):
    return render(request, "pages/personal_data.html")
