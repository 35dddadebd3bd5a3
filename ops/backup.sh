#!/usr/bin/env bash
# Back up the PostgreSQL database and the media files (meeting packs, action sheets) into one folder.
# Usage: DATABASE_URL=postgres://… MEDIA_ROOT=/app/media ops/backup.sh /backups/2026-11-25
set -euo pipefail
target="${1:?usage: ops/backup.sh DOSSIER_DE_SAUVEGARDE}"
: "${DATABASE_URL:?DATABASE_URL manquant}"
mkdir -p "$target"
umask 077
pg_dump --format=custom --no-owner --no-privileges --dbname="$DATABASE_URL" --file="$target/database.dump"
if [ -n "${MEDIA_ROOT:-}" ] && [ -d "$MEDIA_ROOT" ]; then
  tar --create --gzip --file="$target/media.tar.gz" --directory="$MEDIA_ROOT" .
fi
sha256sum "$target"/* > "$target/SHA256SUMS"
echo "Sauvegarde écrite dans $target"
