"""Fixed-window request counting in Django's cache (shared between processes with Redis or Memcached)."""

import time

from django.core.cache import cache


def client_id(request):
    """The client's IP address as the server saw it. Behind a proxy, configure the proxy or a middleware to
    set REMOTE_ADDR: X-Forwarded-For is not trusted here, since any client can write it."""
    return request.META.get("REMOTE_ADDR", "unknown")


def allow(scope, client, limit, window_seconds):
    """Count one request of ``client`` in ``scope``; False once more than ``limit`` were made in the current
    window. ``limit`` 0 means unlimited."""
    if not limit:
        return True
    window = int(time.time() // window_seconds)
    key = f"socialshop:rl:{scope}:{client}:{window}"
    cache.add(key, 0, timeout=window_seconds + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.add(key, 1, timeout=window_seconds + 1)
        count = 1
    return count <= limit
