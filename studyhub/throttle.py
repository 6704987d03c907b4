"""Who is asking, and how often: the client's address behind our proxies, and a per-key throttle.

``client_address`` is the one answer to "which address sent this request", used by django-axes (as
``AXES_CLIENT_IP_CALLABLE``) and by the throttles. ``TRUSTED_PROXIES`` (settings, from the environment)
is the number of proxies in front of gunicorn, each appending the address it received the request
from to ``X-Forwarded-For``; the client is then the N-th entry from the right. Entries further left
were written by the client and are never believed. With 0 (the default) the header is ignored and
the address is ``REMOTE_ADDR``.

``throttle_allow`` counts hits per (scope, key) in fixed windows in the shared cache. It degrades
open: while Redis is down (studyhub/cache.py) every hit is allowed, so a cache outage never locks
anyone out of signing up or resetting a password.
"""

from __future__ import annotations

import hashlib
import ipaddress
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The address of the client that sent ``request``, as far as our own proxies vouch for it."""
    remote = request.META.get("REMOTE_ADDR", "") or ""
    proxies = int(getattr(settings, "TRUSTED_PROXIES", 0))
    if proxies <= 0:
        return remote
    entries = [e.strip() for e in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if e.strip()]
    if len(entries) < proxies:  # did not come through all our proxies
        return remote
    candidate = entries[-proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


def throttle_allow(*, scope: str, key: str, limit: int, window_seconds: int) -> bool:
    """Count one hit of ``key`` in ``scope``; False once more than ``limit`` hits fell in this window."""
    window = int(time.time() // window_seconds)
    digest = hashlib.sha256(key.strip().lower().encode()).hexdigest()[:32]
    namespace = getattr(settings, "THROTTLE_NAMESPACE", "throttle")
    cache_key = f"{namespace}:{scope}:{window}:{digest}"
    cache.add(cache_key, 0, timeout=window_seconds)
    try:
        hits = cache.incr(cache_key)
    except ValueError:  # expired between add and incr: a new window
        return True
    return hits <= limit
