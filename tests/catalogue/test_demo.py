"""The demo shows the catalogue: Saumur publishes three sheets, Angers publishes Par'Emploi, Saumur copies it."""

import pytest
from django.core.management import call_command

from catalogue import schema
from catalogue.models import PublishedSheet, SheetCopy, SheetVersion
from catalogue.sheet import exchange_file

pytestmark = pytest.mark.django_db


def test_the_demo_publishes_and_copies_once(settings):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    counts = (PublishedSheet.objects.count(), SheetVersion.objects.count(), SheetCopy.objects.count())
    call_command("seed_demo", verbosity=0)
    assert (PublishedSheet.objects.count(), SheetVersion.objects.count(), SheetCopy.objects.count()) == counts
    by_territory = {}
    for sheet in PublishedSheet.objects.published():
        by_territory.setdefault(sheet.origin_territory, []).append(sheet.title)
    assert len(by_territory["Saumur Val de Loire"]) == 3
    assert by_territory["Angers Loire Métropole"] == ["Par'Emploi"]
    copy = SheetCopy.objects.get()
    assert copy.source_title == "Par'Emploi" and copy.territory.slug == "saumur-val-de-loire"
    assert copy.action.participations.count() == 0
    assert schema.errors_in(exchange_file([v.data for v in SheetVersion.objects.all()])) == []
    # the small action shows the secrecy at work
    small = SheetVersion.objects.get(sheet__title="Jobs d'été des quartiers").data
    assert small["results"]["participants"] == "< 5" and small["results"]["secrecy"]
