"""The cache is only a cache: without Redis, pages stay up and sessions survive."""

import os

import pytest
from django.core.cache import caches
from django.core.cache.backends.base import CacheKeyWarning
from django.urls import reverse

UNREACHABLE_REDIS = {
    "default": {
        "BACKEND": "core.cache.ForgivingRedisCache",
        "LOCATION": "redis://127.0.0.1:1/1",  # nothing listens on port 1
        "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
    }
}


@pytest.fixture
def no_redis(settings):
    settings.CACHES = UNREACHABLE_REDIS  # Django's test signals rebuild the cache handler
    return caches["default"]


def test_reads_miss_and_writes_are_dropped(no_redis):
    no_redis.set("key", "value")
    assert no_redis.get("key") is None
    assert no_redis.get("key", "fallback") == "fallback"
    assert no_redis.get_many(["key"]) == {}
    assert no_redis.add("key", "value") is False
    no_redis.set_many({"key": "value"}, None)  # kept for good: one MSET, forgiven too
    no_redis.set_many({"key": "value"}, 5)
    no_redis.delete("key")


@pytest.mark.django_db
def test_pages_and_sessions_work_without_redis(client, cast, no_redis):
    client.force_login(cast.manager)
    assert client.get(reverse("cases:home")).status_code == 200
    assert client.get(reverse("dashboards:neighbourhoods")).status_code == 200
    assert client.get(reverse("cases:signal_list")).status_code == 200


def test_one_redis_client_serves_every_call(settings):
    """Django builds a redis client per cache call; ours keeps one per connection pool (core/cache.py)."""
    settings.CACHES = {"default": {"BACKEND": "core.cache.ForgivingRedisCache", "LOCATION": os.environ["REDIS_URL"]}}
    redis = caches["default"]
    redis.set("one-client", "value", 5)
    assert redis.get("one-client") == "value"
    assert redis._cache.get_client() is redis._cache.get_client(write=True)
    redis.delete("one-client")


def test_values_kept_for_good_are_set_and_read_as_django_sets_them(settings):
    settings.CACHES = {"default": {"BACKEND": "core.cache.ForgivingRedisCache", "LOCATION": os.environ["REDIS_URL"]}}
    redis = caches["default"]
    redis.set_many({"for-good": {"a": 1}, "for-good-too": "b"}, None)
    assert redis.get_many(["for-good", "for-good-too"]) == {"for-good": {"a": 1}, "for-good-too": "b"}
    assert redis._cache.get_client().ttl(redis.make_and_validate_key("for-good")) == -1  # no expiry
    redis.delete_many(["for-good", "for-good-too"])


def test_each_key_is_made_once_as_django_makes_it(settings):
    settings.CACHES = {
        "default": {"BACKEND": "core.cache.ForgivingRedisCache", "LOCATION": os.environ["REDIS_URL"], "KEY_PREFIX": "p"}
    }
    redis = caches["default"]
    redis.set_many({"made-once": 1, "made-too": 2}, 5)
    assert redis.get_many(["made-once", "made-too"]) == {"made-once": 1, "made-too": 2}
    assert redis.get("made-once", version=2) is None  # another version is another key
    assert redis._made_keys == {
        ("made-once", None): "p:1:made-once",
        ("made-too", None): "p:1:made-too",
        ("made-once", 2): "p:2:made-once",
    }
    with pytest.warns(CacheKeyWarning):  # Django's validation still speaks, the first time
        redis.get("with space")
    redis.delete_many(["made-once", "made-too"])


def test_keys_past_the_bound_are_made_each_time(settings, monkeypatch):
    settings.CACHES = {"default": {"BACKEND": "core.cache.ForgivingRedisCache", "LOCATION": os.environ["REDIS_URL"]}}
    redis = caches["default"]
    monkeypatch.setattr(redis, "MADE_KEYS", 1)
    redis.get("first")
    redis.get("second")
    assert redis.get("second", "still answered") == "still answered"
    assert list(redis._made_keys) == [("first", None)]


def test_replies_are_parsed_by_hiredis():
    """redis-py parses replies in C when hiredis is installed (requirements.txt): a kept page's sixty table
    versions come in one reply, which the pure-Python parser took two and a half times as long to read."""
    from redis.utils import HIREDIS_AVAILABLE

    assert HIREDIS_AVAILABLE
