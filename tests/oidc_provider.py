"""A real OpenID Connect provider on 127.0.0.1, for the tests and `make demo-sso`: oidc-provider-mock (Authlib and
Flask), served by werkzeug in its own process. It signs ID tokens with its own RSA key, publishes its discovery document
and keys, checks PKCE and the redirect URI, refuses a code used twice and offers RP-initiated logout: what the
application does against it is what it does against ProConnect (ProConnect signs its user info too: see
partners.proconnect.decode_userinfo).

Its authorisation page asks for a `sub`; the claims of each `sub` are set beforehand (`set_user`).

    python -m tests.oidc_provider --port 9400    # the demo's provider, with the demo accounts' identities
"""

import argparse
import subprocess
import sys
import warnings
from contextlib import contextmanager, suppress
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote

import httpx
from werkzeug.serving import make_server

ROOT = Path(__file__).resolve().parent.parent

# The identities of the demo accounts (partners/demo.py: `<username>@demo.cite-emploi.localhost`). The coordinator
# signs in with a multi-factor level (no TOTP code asked); the advisors with one factor.
DEMO_DOMAIN = "demo.cite-emploi.localhost"
DEMO_SIRET_FRANCE_TRAVAIL = "12345678900017"  # made up, as everything in the demo
DEMO_IDENTITIES = [
    ("coordinatrice", {"acr": "eidas2", "amr": ["pwd", "mfa"]}),
    ("conseillere.ft", {"acr": "eidas1", "amr": ["pwd"], "siret": DEMO_SIRET_FRANCE_TRAVAIL}),
    ("conseiller.ml", {"acr": "eidas1", "amr": ["pwd"]}),
    ("inconnue", {"acr": "eidas1", "amr": ["pwd"]}),
]


class Provider:
    def __init__(self, issuer: str):
        self.issuer = issuer

    def set_user(self, sub: str, **claims) -> None:
        """The claims the provider gives for this `sub` (in the ID token and the user info)."""
        response = httpx.put(f"{self.issuer}/users/{quote(sub, safe='')}", json=claims, timeout=5)
        response.raise_for_status()

    def authorize(self, authorization_url: str, sub: str) -> str:
        """Sign in at the provider as `sub` (its form, as a person would); returns where it sends the browser back."""
        response = httpx.post(authorization_url, data={"sub": sub}, timeout=5)
        assert response.status_code == 302, response.text[:500]
        return response.headers["location"]


@contextmanager
def running(*, token_max_age: timedelta = timedelta(minutes=5)):
    """Serve a provider in its own process on a free port of 127.0.0.1 until the block ends.

    `token_max_age` is the lifetime of its access and ID tokens: a negative one makes it issue tokens that have
    already expired. Its own process keeps its warnings (Authlib deprecations inside the provider) away from the
    tests, where warnings are errors."""
    command = [sys.executable, "-m", "tests.oidc_provider", "--port", "0"]
    command += ["--token-max-age", str(int(token_max_age.total_seconds())), "--no-demo-users"]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        line = process.stdout.readline() if process.stdout else ""
        if "http://" not in line:
            raise RuntimeError(f"Le fournisseur OpenID Connect de test n'a pas démarré : {line!r}")
        yield Provider(line.rsplit(" ", 1)[-1].strip())
    finally:
        process.terminate()
        process.wait(timeout=10)
        if process.stdout:
            process.stdout.close()


def serve(*, port: int, token_max_age: timedelta, users=()) -> None:
    with warnings.catch_warnings():
        # The provider still imports Authlib's deprecated `authlib.jose` (its business, not the application's).
        warnings.filterwarnings("ignore", category=DeprecationWarning)
        import oidc_provider_mock

        app = oidc_provider_mock.app(
            require_nonce=True,
            issue_refresh_token=False,
            access_token_max_age=token_max_age,
            user_claims=[oidc_provider_mock.User(sub=sub, claims=claims) for sub, claims in users],
        )
        server = make_server("127.0.0.1", port, app, threaded=True)
        print(f"Fournisseur OpenID Connect : http://127.0.0.1:{server.server_port}", flush=True)
        with suppress(KeyboardInterrupt):
            server.serve_forever()


def demo_users():
    for username, extra in DEMO_IDENTITIES:
        email = f"{username}@{DEMO_DOMAIN}"
        yield email, {"email": email, "given_name": username.split(".")[0].capitalize(), "usual_name": "Démo", **extra}


def main() -> None:
    parser = argparse.ArgumentParser(description="Fournisseur OpenID Connect local (tests et démonstration).")
    parser.add_argument("--port", type=int, default=9400)
    parser.add_argument("--token-max-age", type=int, default=3600, help="durée de vie des jetons, en secondes")
    parser.add_argument("--no-demo-users", action="store_true", help="sans les identités des comptes de démonstration")
    args = parser.parse_args()
    users = [] if args.no_demo_users else list(demo_users())
    serve(port=args.port, token_max_age=timedelta(seconds=args.token_max_age), users=users)


if __name__ == "__main__":
    main()
