"""Django's Redis cache, with one `redis.Redis` client per connection pool instead of one per call.

Django's `RedisCacheClient.get_client` builds a new `redis.Redis` for every cache call; redis-py's constructor
fills its table of response callbacks (≈ 170 entries) each time, which cost more than the round trip to Redis on a
loopback (issue 13: eight cache calls on a cached dashboard). A `redis.Redis` on a connection pool is safe to share
between threads (each command takes a connection from the pool) and across a fork (the pool checks its pid).
"""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class SharedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = SharedClientRedisCacheClient
