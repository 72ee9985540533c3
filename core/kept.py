"""Answers kept in the cache between requests, valid while their version stands.

Several answers a page needs about its user change rarely: who they are, what
they are a member of, how many notifications they have not read. `Kept` keeps
such answers in one cache entry next to a version key, and reads both in one
round trip. Whatever changes what an answer depends on calls
`replace_version(key)`: when it happens and again when its transaction commits,
so that an answer read from the database before the commit (and kept after the
first replacement) is not valid under the version that follows the commit.

Keys name the database: the benchmark keeps several worlds beside each other on one Redis.
"""

import hashlib
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

# A bound on how long an answer can be kept, whatever happens to its version.
CACHE_SECONDS = 600


def key(name, *parts):
    """The cache key `name:<database>:<parts>`."""
    return ":".join([name, settings.DATABASES["default"]["NAME"], *map(str, parts)])


def digest(text):
    """A short fixed-length stand-in for `text` in a key (a query string, a list of ids): 32 hex digits of its
    SHA-256."""
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def new_versions(*version_keys):
    """A new version at each of these keys, now: what was kept under the old ones is out of date."""
    cache.set_many({version_key: uuid.uuid4().hex for version_key in version_keys}, None)


def replace_version(*version_keys):
    """What was kept under these version keys is out of date: now, and once more when the transaction commits."""
    if version_keys:
        new_versions(*version_keys)
        if transaction.get_connection().in_atomic_block:  # outside one, the write is committed already
            transaction.on_commit(lambda: new_versions(*version_keys))


class Kept:
    """The answers kept in the cache under `entry_key`, valid while the version at `version_key` stands."""

    def __init__(self, version_key, entry_key, found=None):
        self.entry_key = entry_key
        if found is None:
            found = cache.get_many([version_key, entry_key])
        self.version, entry = found.get(version_key), found.get(entry_key)
        if self.version is None:
            self.version = uuid.uuid4().hex
            if not cache.add(version_key, self.version, None):
                self.version = cache.get(version_key)
        self.answers = entry[1] if entry is not None and entry[0] == self.version else {}

    @classmethod
    def together(cls, *key_pairs):
        """A Kept for each (version key, entry key) pair, all read in one round trip."""
        found = cache.get_many([key for pair in key_pairs for key in pair])
        return [cls(*pair, found=found) for pair in key_pairs]

    def get(self, name, default=None):
        return self.answers.get(name, default)

    def keep(self, name, value):
        self.answers[name] = value
        cache.set(self.entry_key, (self.version, self.answers), CACHE_SECONDS)
        return value

    def answer(self, name, read):
        """The kept answer `name`, or `read()` (then kept)."""
        if name in self.answers:
            return self.answers[name]
        return self.keep(name, read())
