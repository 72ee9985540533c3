"""Redis as a cache, and only a cache."""

import logging

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError)


class ForgivingClient(RedisCacheClient):
    """When Redis cannot be reached, reads miss and writes are dropped (and logged).

    Sessions are written through to the database and everything else kept in
    the cache can be computed again, so pages stay up without Redis, only slower.

    It also keeps one redis client per connection pool: Django builds a new
    `redis.Redis` for every cache call, and each copies redis-py's table of about
    170 response callbacks (a fifth of a millisecond, several calls a page). A
    redis client is safe to share between threads: every command takes a
    connection from the pool.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._clients[index] = super().get_client(key, write=write)
        return client

    def _forgiving(self, name, fallback, *args, call=None):
        """Django's `name` (or `call`) with these arguments; `fallback` when Redis cannot be reached."""
        try:
            return (call or getattr(super(), name))(*args)
        except UNREACHABLE as error:
            logger.warning("cache %s skipped, Redis unreachable: %s", name, error)
            return fallback

    def get(self, key, default):
        return self._forgiving("get", default, key, default)

    def get_many(self, keys):
        return self._forgiving("get_many", {}, keys)

    def has_key(self, key):
        return self._forgiving("has_key", False, key)

    def add(self, key, value, timeout):
        return self._forgiving("add", False, key, value, timeout)

    def set(self, key, value, timeout):
        return self._forgiving("set", None, key, value, timeout)

    def set_many(self, data, timeout):
        if timeout is not None:
            return self._forgiving("set_many", [], data, timeout)
        # Nothing to expire (table versions are kept for good): one MSET, not Django's transaction around it.
        return self._forgiving("set_many", [], data, call=self._set_many_for_good)

    def _set_many_for_good(self, data):
        self.get_client(None, write=True).mset({key: self._serializer.dumps(value) for key, value in data.items()})
        return []

    def touch(self, key, timeout):
        return self._forgiving("touch", False, key, timeout)

    def delete(self, key):
        return self._forgiving("delete", False, key)

    def delete_many(self, keys):
        return self._forgiving("delete_many", None, keys)


class ForgivingRedisCache(RedisCache):
    """Django's Redis cache with ForgivingClient, making each key once.

    Django makes and validates every key on every call (the validation walks each character, for
    memcached's sake). A process uses few keys again and again: a kept page asks for some sixty
    table versions on every visit, a fifth of a millisecond of key making. The first MADE_KEYS are
    remembered (per cache object, which Django makes per thread); later ones are made each time.
    """

    MADE_KEYS = 4096

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ForgivingClient
        self._made_keys = {}

    def make_and_validate_key(self, key, version=None):
        made = self._made_keys.get((key, version))
        if made is None:
            made = super().make_and_validate_key(key, version=version)
            if len(self._made_keys) < self.MADE_KEYS:
                self._made_keys[key, version] = made
        return made
