#!/usr/bin/env bash
# Proves that a backup can be restored: dump the database, restore it into a new database,
# and compare the row count of every table (and the media files). Exit code 0 when identical.
# Usage: DATABASE_URL=postgres://user@host:5432/base MEDIA_ROOT=… ops/check_backup_restore.sh
set -euo pipefail
: "${DATABASE_URL:?DATABASE_URL manquant}"
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
restored_db="restore_check_$$"
server_url="${DATABASE_URL%/*}"
restored_url="$server_url/$restored_db"
cleanup() { psql --quiet --dbname="$server_url/postgres" -c "DROP DATABASE IF EXISTS $restored_db" >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT

counts() {
  psql --no-align --tuples-only --dbname="$1" -c "
    SELECT table_name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name" |
  while read -r table; do
    printf '%s %s\n' "$table" "$(psql --no-align --tuples-only --dbname="$1" -c "SELECT count(*) FROM \"$table\"")"
  done
}

"$here/backup.sh" "$work/backup" >/dev/null
psql --quiet --dbname="$server_url/postgres" -c "CREATE DATABASE $restored_db" >/dev/null
DATABASE_URL="$restored_url" MEDIA_ROOT="$work/media" "$here/restore.sh" "$work/backup" >/dev/null

counts "$DATABASE_URL" > "$work/before.txt"
counts "$restored_url" > "$work/after.txt"
if ! diff -u "$work/before.txt" "$work/after.txt"; then
  echo "ÉCHEC : les nombres de lignes diffèrent après restauration." >&2
  exit 1
fi
if [ -n "${MEDIA_ROOT:-}" ] && [ -d "$MEDIA_ROOT" ]; then
  if ! diff -r "$MEDIA_ROOT" "$work/media" >/dev/null; then
    echo "ÉCHEC : les fichiers media diffèrent après restauration." >&2
    exit 1
  fi
fi
echo "OK : $(wc -l < "$work/before.txt") tables restaurées, mêmes nombres de lignes."
