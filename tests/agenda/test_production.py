"""Production settings and the gunicorn configuration, each read in a fresh interpreter."""

import json
import os
import subprocess
import sys

from django.conf import settings

PRODUCTION = {
    "DJANGO_SECRET_KEY": "x" * 20 + "-production-like-secret-key-0123456789",
    "DJANGO_ALLOWED_HOSTS": "agenda.example.de",
}

SETTINGS = """
import json, django
django.setup()
from django.conf import settings
print(json.dumps({
    "static": settings.STORAGES["staticfiles"]["BACKEND"],
    "log": settings.LOGGING["handlers"]["console"]["formatter"],
    "middleware": settings.MIDDLEWARE[:2],
}))
"""

ACCESS_LOG = """
import datetime, runpy
from gunicorn.config import Config
conf = runpy.run_path("gunicorn.conf.py")
cfg = Config()
for name, value in conf.items():
    if name in cfg.settings:
        cfg.set(name, value)
class Response:
    status, sent, headers = "200 OK", 512, []
class Request:
    headers = []
environ = {"REQUEST_METHOD": "GET", "PATH_INFO": "/ideen/status/AbCdEfGhIjKlMnOpQrStUv/",
           "QUERY_STRING": "", "REMOTE_ADDR": "127.0.0.1", "HTTP_X_REQUEST_ID": "r-1",
           "RAW_URI": "/", "SERVER_PROTOCOL": "HTTP/1.1"}
logger = cfg.logger_class(cfg)
logger.access(Response(), Request(), environ, datetime.timedelta(milliseconds=12))
logger.access(Response(), Request(), {**environ, "PATH_INFO": "/healthz"}, datetime.timedelta(0))
print("workers", cfg.workers, "timeout", cfg.timeout, "max_requests", cfg.max_requests)
"""


def run(code, **env):
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    base["DJANGO_SETTINGS_MODULE"] = "agenda.settings"
    return subprocess.run(  # noqa: S603 - our own interpreter and a fixed snippet
        [sys.executable, "-c", code],
        env={**base, **env},
        capture_output=True,
        text=True,
        check=True,
        cwd=settings.BASE_DIR,
    )


def test_production_serves_hashed_static_files_through_whitenoise_and_logs_json():
    result = json.loads(run(SETTINGS, **PRODUCTION).stdout.splitlines()[-1])
    assert result["static"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert result["log"] == "json"
    assert result["middleware"] == [
        "django.middleware.security.SecurityMiddleware",
        "whitenoise.middleware.WhiteNoiseMiddleware",
    ]


def test_development_keeps_plain_static_files_and_text_logs():
    result = json.loads(run(SETTINGS, DJANGO_DEBUG="1").stdout.splitlines()[-1])
    assert result["static"] == "django.contrib.staticfiles.storage.StaticFilesStorage"
    assert result["log"] == "text"


def test_gunicorn_logs_each_request_as_one_json_line_without_private_tokens():
    result = run(ACCESS_LOG, GUNICORN_WORKERS="3", DJANGO_LOG_FORMAT="json")
    lines = result.stdout.splitlines()
    entry = json.loads(lines[0])
    assert entry["logger"] == "gunicorn.access"
    assert entry["status"] == 200 and entry["method"] == "GET"
    assert entry["path"] == "/ideen/status/…/"
    assert entry["request_id"] == "r-1" and entry["duration_ms"] == 12.0
    assert "AbCdEf" not in result.stdout
    # Successful health probes are not logged; the settings come from the environment.
    assert lines[1:] == ["workers 3 timeout 120 max_requests 1000"]
