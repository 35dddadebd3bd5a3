"""Who reads which sheet. The catalogue crosses territories on purpose: a published sheet is read by every Cité.

- a published sheet: every reader of the catalogue (catalogue.perms.can_read_catalogue), whatever her territory;
- an unpublished (withdrawn) sheet: its own territory only — another territory gets a 404, never a hint;
- an action that was never published has no sheet: nothing of it leaves its territory.
"""

from django.db import models
from django.db.models import Q

from cite_emploi.text import normalise
from partners.querysets import TerritoryScopedQuerySet


class PublishedSheetQuerySet(TerritoryScopedQuerySet):
    def for_user(self, user):
        from . import perms

        if not perms.can_read_catalogue(user):
            return self.none()
        return self.filter(Q(is_published=True) | Q(territory_id=user.territory_id))

    def published(self):
        return self.filter(is_published=True)

    def addressing(self, category: str):
        """Sheets whose barriers include `category` (JSON list; portable to SQLite and PostgreSQL)."""
        return self.filter(barrier_categories__icontains=f'"{category}"')

    def for_public(self, code: str):
        return self.filter(public_categories__icontains=f'"{code}"')

    def matching(self, text: str):
        """Every word of `text` somewhere in the sheet, ignoring case and accents (« creche » finds « Crèche »)."""
        qs = self
        for word in normalise(text or "").split():
            qs = qs.filter(search_text__contains=word)
        return qs

    def with_result(self, national_class: str):
        """Sheets that report at least one result of this class (as published: a « < 5 » counts, an « s » not)."""
        return self.filter(result_classes__icontains=f'"{national_class}"')


class SheetCopyQuerySet(models.QuerySet):
    def for_user(self, user):
        """The copies a territory made, and the copies of the sheets it published."""
        if not user.is_authenticated or user.territory_id is None:
            return self.none()
        return self.filter(Q(territory_id=user.territory_id) | Q(sheet__territory_id=user.territory_id))
