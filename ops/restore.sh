#!/usr/bin/env bash
# Restore a backup made by ops/backup.sh into an EMPTY database (and the media folder).
# Usage: DATABASE_URL=postgres://…/nouvelle_base MEDIA_ROOT=/app/media ops/restore.sh /backups/2026-11-25
set -euo pipefail
source_dir="${1:?usage: ops/restore.sh DOSSIER_DE_SAUVEGARDE}"
: "${DATABASE_URL:?DATABASE_URL manquant}"
(cd "$source_dir" && sha256sum --check --quiet SHA256SUMS)
pg_restore --no-owner --no-privileges --exit-on-error --dbname="$DATABASE_URL" "$source_dir/database.dump"
if [ -f "$source_dir/media.tar.gz" ] && [ -n "${MEDIA_ROOT:-}" ]; then
  mkdir -p "$MEDIA_ROOT"
  tar --extract --gzip --file="$source_dir/media.tar.gz" --directory="$MEDIA_ROOT"
fi
echo "Restauration terminée depuis $source_dir"
