"""``make serve``: the production web server. ``python -m factcheck.serve [gunicorn options]``.

Refuses to start without ``SECRET_KEY`` (saying what to set), turns ``DEBUG`` off, collects the
static files (hashed and compressed, for WhiteNoise's far-future caching), then replaces itself
with gunicorn configured by ``factcheck/gunicorn.conf.py``: the same process id, so a supervisor
(systemd, a container runtime) signals gunicorn's master directly (HUP reloads, TERM stops).
"""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "factcheck" / "gunicorn.conf.py"
MISSING_SECRET_KEY = (
    "make serve needs SECRET_KEY: it runs with DEBUG off, and sessions, CSRF tokens and password "
    "resets are signed with it. Set SECRET_KEY to a long random value kept secret, e.g.\n"
    "    export SECRET_KEY=\"$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))')\"\n"
    "and ALLOWED_HOSTS to the site's host names. (For development use make run instead.)"
)


def main(argv: list[str]) -> int:
    if not os.environ.get("SECRET_KEY", "").strip():
        print(MISSING_SECRET_KEY, file=sys.stderr)
        return 2
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "collectstatic", "--noinput", "--verbosity=0"],
        check=True,
        cwd=ROOT,
    )
    os.chdir(ROOT)
    command = [sys.executable, "-m", "gunicorn", "--config", str(CONFIG), *argv]
    os.execv(sys.executable, command)
    return 0  # not reached: execv replaced this process


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
