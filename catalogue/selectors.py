"""Reads of the catalogue shared by the pages and the API: the search, one sheet with its current version, copies."""

from decimal import Decimal

from django.db.models import Count, JSONField, OuterRef, Subquery

from .models import PublishedSheet, SheetCopy, SheetVersion


def _current_data():
    return Subquery(
        SheetVersion.objects.filter(sheet=OuterRef("pk"), number=OuterRef("current_version")).values("data")[:1],
        output_field=JSONField(),
    )


def catalogue_for(
    user,
    *,
    barrier_category: str | None = None,
    public: str | None = None,
    result_class: str | None = None,
    cost_min: Decimal | None = None,
    cost_max: Decimal | None = None,
    search: str | None = None,
    mine: bool = False,
):
    """The sheets the caller may read, filtered; each with `data` (its current version) and `copy_count`.

    The search ignores case and accents (« creche » finds « Crèche ») and wants every word somewhere in the sheet.
    """
    qs = PublishedSheet.objects.for_user(user)
    qs = qs.filter(territory_id=user.territory_id) if mine else qs.published()
    if barrier_category:
        qs = qs.addressing(barrier_category)
    if public:
        qs = qs.for_public(public)
    if result_class:
        qs = qs.with_result(result_class)
    if cost_min is not None:
        qs = qs.filter(total_cost__gte=cost_min)
    if cost_max is not None:
        qs = qs.filter(total_cost__lte=cost_max)
    if search:
        qs = qs.matching(search)
    return qs.annotate(data=_current_data(), copy_count=Count("copies", distinct=True)).order_by(
        "-published_at", "title", "pk"
    )


def sheet_for(user, pk: int) -> PublishedSheet | None:
    return (
        PublishedSheet.objects.for_user(user)
        .annotate(data=_current_data(), copy_count=Count("copies", distinct=True))
        .filter(pk=pk)
        .first()
    )


def copies_of(user, sheet: PublishedSheet):
    """Who copied the sheet (territories, dates): its own territory reads it (catalogue.perms.can_see_copies)."""
    return (
        SheetCopy.objects.for_user(user).filter(sheet=sheet).select_related("territory").order_by("-copied_at", "-id")
    )


def versions_of(sheet: PublishedSheet):
    return sheet.versions.order_by("-number").only("number", "published_at", "sheet_id")
