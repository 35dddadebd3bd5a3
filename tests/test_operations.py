"""docs/operations.md: a backup can be restored — dump, restore into a new database, compare row counts."""

import os
import subprocess
from pathlib import Path

import pytest
from django.db import connection

from tests.factories import OrganisationFactory, UserFactory

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_backup_then_restore_into_a_new_database_keeps_every_row(tmp_path):
    UserFactory.create_batch(3)
    OrganisationFactory.create_batch(2)
    media = tmp_path / "media"
    (media / "packs").mkdir(parents=True)
    (media / "packs" / "dossier.pdf").write_bytes(b"%PDF-1.7 exemple")
    db = connection.settings_dict
    url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    result = subprocess.run(
        [str(ROOT / "ops" / "check_backup_restore.sh")],
        env={**os.environ, "DATABASE_URL": url, "MEDIA_ROOT": str(media)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "mêmes nombres de lignes" in result.stdout
