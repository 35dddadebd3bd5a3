# Production image: gunicorn for the web, the same image runs the Celery worker and beat.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=cite_emploi.settings.prod \
    PIP_NO_CACHE_DIR=1

# WeasyPrint needs Pango; fonts for the PDF packs.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
# The locked, hashed versions (requirements/base.txt, compiled from pyproject.toml): the same build every time.
COPY requirements/base.txt requirements/base.txt
RUN pip install --upgrade pip && pip install --require-hashes --no-deps -r requirements/base.txt
COPY . .
RUN SECRET_KEY=build-only-collectstatic-key-not-used-at-runtime-0123456789 \
    DATABASE_URL=sqlite:////tmp/build.sqlite3 \
    python manage.py collectstatic --noinput

RUN useradd --create-home --uid 1000 cite && mkdir -p /app/media && chown cite /app/media
USER cite

EXPOSE 8000
CMD ["gunicorn", "cite_emploi.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
