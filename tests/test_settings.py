"""Configuration comes from the environment; production refuses to start half-configured."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from cite_emploi.settings.env import email_config, env_bool, env_int, env_list, origin

ROOT = Path(__file__).resolve().parent.parent


def _run_manage(*args, env):
    base_env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "DATABASE_URL", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base_env, "DJANGO_SETTINGS_MODULE": "cite_emploi.settings.prod", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_env_bool_reads_french_and_english_and_refuses_nonsense(monkeypatch):
    monkeypatch.setenv("X_FLAG", "oui")
    assert env_bool("X_FLAG", False) is True
    monkeypatch.setenv("X_FLAG", "false")
    assert env_bool("X_FLAG", True) is False
    monkeypatch.setenv("X_FLAG", "peut-être")
    with pytest.raises(ImproperlyConfigured, match="booléenne"):
        env_bool("X_FLAG", False)


def test_env_int_and_list(monkeypatch):
    monkeypatch.setenv("X_INT", "12")
    monkeypatch.setenv("X_LIST", "a.fr, b.fr,,")
    assert env_int("X_INT", 3) == 12
    assert env_list("X_LIST", []) == ["a.fr", "b.fr"]
    monkeypatch.setenv("X_INT", "douze")
    with pytest.raises(ImproperlyConfigured, match="entier"):
        env_int("X_INT", 3)


def test_email_url_smtp_is_parsed():
    config = email_config("smtp://relais%40aldev.fr:s3cret@smtp.example.org:587?tls=1")
    assert config["EMAIL_HOST"] == "smtp.example.org"
    assert config["EMAIL_PORT"] == 587
    assert config["EMAIL_HOST_USER"] == "relais@aldev.fr"
    assert config["EMAIL_USE_TLS"] is True
    with pytest.raises(ImproperlyConfigured):
        email_config("carrier-pigeon://")


@pytest.mark.parametrize("missing", ["SECRET_KEY", "DATABASE_URL"])
def test_prod_refuses_to_start_without_required_variables(missing):
    env = {"SECRET_KEY": "x" * 60 + "-production-key", "DATABASE_URL": "postgres://u@127.0.0.1:5432/x"}
    del env[missing]
    result = _run_manage("check", env=env)
    assert result.returncode != 0
    assert f"La variable d'environnement {missing} est obligatoire" in result.stderr


def test_prod_check_deploy_prints_no_warning():
    env = {
        "SECRET_KEY": "k8#Qz1!vR9$wLm2@pXn7^bT4&yHc6*eJd3(uGs5)oAf0_iKq-production",
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/cite_emploi",
        "ALLOWED_HOSTS": "cite-emploi.example.org",
    }
    result = _run_manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_the_proconnect_issuer_joins_the_csp_form_action():
    """The logout form ends the ProConnect session too: without the issuer's origin in form-action, Chromium blocks
    the redirection (tests/e2e/test_proconnect.py sets the same policy)."""
    assert origin("https://auth.example.org:8443/api/v2") == "https://auth.example.org:8443"
    assert origin("") == ""
    env = {
        "SECRET_KEY": "k8#Qz1!vR9$wLm2@pXn7^bT4&yHc6*eJd3(uGs5)oAf0_iKq-production",
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/cite_emploi",
        "PROCONNECT_ISSUER": "https://auth.example.org/api/v2/",
    }
    script = "from django.conf import settings; print(settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['form-action'])"
    result = _run_manage("shell", "-c", script, env=env)
    assert result.returncode == 0, result.stderr
    assert "'https://auth.example.org'" in result.stdout
    result = _run_manage("shell", "-c", script, env={**env, "PROCONNECT_ISSUER": ""})
    assert "auth.example.org" not in result.stdout
