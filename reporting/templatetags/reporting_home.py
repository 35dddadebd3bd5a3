"""`{% load reporting_home %}{% home_dashboard %}`: the reporting part of each role's home page."""

from django import template
from django.template.loader import select_template

register = template.Library()


@register.simple_tag(takes_context=True)
def home_dashboard(context):
    from ..views import dashboard_for

    request = context["request"]
    data = dashboard_for(request)
    chosen = select_template([f"reporting/includes/home_{request.user.role}.html", "reporting/includes/empty.html"])
    return chosen.render(data, request)
