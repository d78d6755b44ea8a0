from django.conf import settings
from django.core import checks

LOCAL_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}


@checks.register(checks.Tags.caches, deploy=True)
def rate_limits_need_a_shared_cache(app_configs, **kwargs):
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if backend in LOCAL_CACHES and getattr(settings, "RATELIMIT_ENABLE", True):
        return [
            checks.Warning(
                "Rate limits on the public forms are counted per process.",
                hint="Set REDIS_URL so that all app server processes share one count.",
                id="participation.W001",
            )
        ]
    return []
