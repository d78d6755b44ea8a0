"""gunicorn for production: `gunicorn -c gunicorn.conf.py` (see docs/deploy.md).

Everything a site changes comes from the environment, like the Django settings.
"""

import os

from gunicorn.glogging import Logger

from participation.log_masking import MaskTokensFilter, mask_tokens


def _int(name, default):
    return int(os.environ.get(name) or default)


wsgi_app = "agenda.wsgi:application"
bind = [address.strip() for address in os.environ.get("GUNICORN_BIND", "127.0.0.1:8000").split(",")]
# The usual 2 x cores + 1, capped: each worker holds the app (~100 MB) and the report
# layout runs in a separate process anyway.
workers = _int("GUNICORN_WORKERS", min(2 * (os.cpu_count() or 1) + 1, 8))
threads = _int("GUNICORN_THREADS", 2)
# An import of 2,000 rows or an export of the whole agenda runs in the request.
timeout = _int("GUNICORN_TIMEOUT", 120)
graceful_timeout = 30
# bench/load.py, 50 clients, 30 s each: keep-alive 5 s gave 97 req/s (p50 87 ms, p95 2.1 s),
# 0 gave 96 req/s (p50 286 ms, p95 1.7 s). Kept at 5; tune per site with GUNICORN_KEEPALIVE.
keepalive = _int("GUNICORN_KEEPALIVE", 5)
# Memory hygiene: each worker is replaced after about this many requests, not all at once.
max_requests = _int("GUNICORN_MAX_REQUESTS", 1000)
max_requests_jitter = max_requests // 10
# The reverse proxy's address: only it may say the request came over HTTPS.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
proc_name = "digitale-agenda"
# systemd's signals run the process (HUP reloads); no control socket in the home directory.
control_socket_disable = True

accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")

DEBUG = os.environ.get("DJANGO_DEBUG", "").strip().lower() in {"1", "true", "yes", "on"}
JSON_LOGS = os.environ.get("DJANGO_LOG_FORMAT", "text" if DEBUG else "json") == "json"


class MaskingLogger(Logger):
    """Private links carry a token in the path: masked in access and error lines alike,
    by the same rule as the Django log (participation/log_masking.py)."""

    def setup(self, cfg):
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            if not any(isinstance(f, MaskTokensFilter) for f in log.filters):
                log.addFilter(MaskTokensFilter())


class JsonLogger(MaskingLogger):
    """Each request as one JSON object on stdout, with fields rather than a formatted line."""

    def access(self, resp, req, environ, request_time):
        status = resp.status.split(None, 1)[0] if isinstance(resp.status, str) else resp.status
        method, path = environ.get("REQUEST_METHOD"), environ.get("PATH_INFO", "")
        # A load balancer probes every few seconds: only a failed probe is worth a line.
        if not self.access_log_enabled or (path == "/healthz" and str(status) == "200"):
            return
        path = mask_tokens(path)
        self.access_log.info(
            "%s %s %s",
            method,
            path,
            status,
            extra={
                "method": method,
                "path": path,
                "query": environ.get("QUERY_STRING", ""),
                "status": int(status),
                "bytes": getattr(resp, "sent", None),
                "duration_ms": round(request_time.total_seconds() * 1000, 1),
                "remote_addr": environ.get("REMOTE_ADDR"),
                "request_id": environ.get("HTTP_X_REQUEST_ID"),
                "user_agent": environ.get("HTTP_USER_AGENT"),
            },
        )


logger_class = MaskingLogger
if JSON_LOGS:
    logger_class = JsonLogger
    STDOUT, STDERR = "ext://sys.stdout", "ext://sys.stderr"
    _json = {
        "()": "pythonjsonlogger.json.JsonFormatter",
        "fmt": "%(levelname)s %(name)s %(message)s",
        "rename_fields": {"levelname": "level", "name": "logger"},
        "timestamp": True,
    }
    logconfig_dict = {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": _json},
        "handlers": {
            "access": {"class": "logging.StreamHandler", "formatter": "json", "stream": STDOUT},
            "error": {"class": "logging.StreamHandler", "formatter": "json", "stream": STDERR},
        },
        "root": {"level": "INFO", "handlers": []},
        "loggers": {
            "gunicorn.error": {
                "level": loglevel.upper(),
                "handlers": ["error"],
                "propagate": False,
            },
            "gunicorn.access": {"level": "INFO", "handlers": ["access"], "propagate": False},
        },
    }
