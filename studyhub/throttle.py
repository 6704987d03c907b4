"""Who is asking, and how often: the client's address behind our proxies, and a per-key throttle.

``client_address`` is the one answer to "which address sent this request", used by django-axes (as
``AXES_CLIENT_IP_CALLABLE``) and by the throttles. ``TRUSTED_PROXIES`` (settings, from the environment)
is the number of proxies in front of gunicorn, each appending the address it received the request
from to ``X-Forwarded-For``; the client is then the N-th entry from the right. Entries further left
were written by the client and are never believed. With 0 (the default) the header is ignored and
the address is ``REMOTE_ADDR``.

The header is read by django-ipware (it parses and validates the entries: ports, brackets, junk),
told to look at ``X-Forwarded-For`` only (ipware also believes ``X-Real-IP``, ``CF-Connecting-IP``
and others by default, which a client can simply send) and in its non-strict mode, where
``proxy_count`` counts the proxies *between* the client and the last one (the last proxy's own
address is ``REMOTE_ADDR``, not an entry): so ``proxy_count = TRUSTED_PROXIES - 1``. In strict mode
ipware returns nothing as soon as a client prepends an entry of its own, and every such request
would fall back to the proxy's address, which is how one attacker locked out every user behind the
load balancer (issue 15). When ipware finds no address we vouch for, ``REMOTE_ADDR`` is the answer.

``throttle_allow`` counts hits per (scope, key) in fixed windows in the shared cache. It degrades
open: while Redis is down (studyhub/cache.py) every hit is allowed, so a cache outage never locks
anyone out of signing up or resetting a password.
"""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from ipware import get_client_ip


def client_address(request: HttpRequest) -> str:
    """The address of the client that sent ``request``, as far as our own proxies vouch for it."""
    remote = request.META.get("REMOTE_ADDR", "") or ""
    proxies = int(getattr(settings, "TRUSTED_PROXIES", 0))
    if proxies <= 0 or not request.META.get("HTTP_X_FORWARDED_FOR"):
        return remote
    address, _routable = get_client_ip(
        request,
        proxy_order="left-most",
        proxy_count=proxies - 1,
        request_header_order=["HTTP_X_FORWARDED_FOR"],
        strict=False,
    )
    return address or remote


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
