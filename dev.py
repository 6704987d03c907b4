#!/usr/bin/env python3
"""The two set-up commands, with nothing installed beyond Python 3.11+.

python3 dev.py run    # venv, install, migrate, demo notes + users, web + Celery worker + beat
python3 dev.py test   # venv with the dev extra, then the whole test suite (extra args go to pytest)
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = Path(os.environ.get("STUDYHUB_VENV", ROOT / ".venv"))
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / "python"


def sh(*args: str | Path, **kwargs) -> None:
    subprocess.run([str(a) for a in args], check=True, cwd=ROOT, **kwargs)


def ensure_venv(extra: str = "") -> None:
    """Create the virtualenv and install the project once per change of pyproject.toml."""
    if sys.version_info < (3, 11):  # noqa: UP036 - dev.py runs under whatever python3 the user has
        sys.exit("studyhub needs Python 3.11 or newer")
    if not PY.exists():
        print(f"creating virtualenv in {VENV}")
        venv.EnvBuilder(with_pip=True).create(VENV)
    spec = f".[{extra}]" if extra else "."
    stamp = VENV / f".studyhub-installed-{extra or 'base'}"
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if not stamp.exists() or stamp.read_text() != digest:
        print(f"installing studyhub{spec[1:]} into {VENV}")
        sh(PY, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-e", spec)
        stamp.write_text(digest)


def site_url(host: str, port: str) -> str:
    """The base URL of email links for a server on ``host:port``; a wildcard address becomes loopback."""
    host = {"0.0.0.0": "127.0.0.1", "::": "::1", "": "127.0.0.1"}.get(host, host)
    if ":" in host and not host.startswith("["):  # an IPv6 literal
        host = f"[{host}]"
    return f"http://{host}:{port}"


def run() -> int:
    ensure_venv()
    host = os.environ.get("HOST", "127.0.0.1")
    port = os.environ.get("PORT", "8000")
    # Email links (sent by the worker) point at this server unless SITE_URL says otherwise.
    env = {
        **os.environ,
        "PYTHONUNBUFFERED": "1",
        "SITE_URL": os.environ.get("SITE_URL") or site_url(host, port),
    }
    sh(PY, "manage.py", "migrate", "--noinput", env=env)
    sh(PY, "manage.py", "load_demo", env=env)
    procs = [
        subprocess.Popen(
            [str(PY), "manage.py", "runserver", "--noreload", f"{host}:{port}"], cwd=ROOT, env=env
        ),
        subprocess.Popen(
            [str(BIN / "celery"), "-A", "studyhub", "worker", "--loglevel", "INFO", "--concurrency", "2"],
            cwd=ROOT,
            env=env,
        ),
        subprocess.Popen(
            [str(BIN / "celery"), "-A", "studyhub", "beat", "--loglevel", "INFO"], cwd=ROOT, env=env
        ),
    ]
    time.sleep(2)
    print(
        f"\n  studyhub is running at http://{host}:{port}/  (web, Celery worker and beat; Ctrl-C stops all)\n"
    )

    def stop(*_args) -> None:
        for proc in procs:
            if proc.poll() is None:
                proc.terminate()

    signal.signal(signal.SIGTERM, stop)
    try:
        while all(proc.poll() is None for proc in procs):
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        stop()
        for proc in procs:
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
    return 0


def test(args: list[str]) -> int:
    ensure_venv("dev")
    return subprocess.run([str(PY), "-m", "pytest", *args], cwd=ROOT).returncode


def main() -> int:
    if len(sys.argv) < 2 or sys.argv[1] not in {"run", "test"}:
        print(__doc__)
        return 2
    return run() if sys.argv[1] == "run" else test(sys.argv[2:])


if __name__ == "__main__":
    sys.exit(main())
