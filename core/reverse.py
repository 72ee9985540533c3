"""reverse(), kept per process: a page reverses the same few dozen URLs on every request.

Django's reverse() walks the URL configuration each time (a fifth of a millisecond
here; the page layout alone asks for a dozen). What it answers depends only on
the name, the arguments, the namespace being served (`current_app`), the URL
configuration and the script prefix, and those are the key. A URL whose
arguments are ids or plain codes, as every row's is (a case, a signal, an
address: /adres/1094AB/17/), is reversed once per name with markers in their
places and then only has them put in. Our URL patterns have no translated parts
(no i18n_patterns), so the language is not part of the key.
"""

import re

from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse

# Numbers and codes no object has, to find where each argument goes in a reversed URL.
_MARKER = 987654321987
# A code made of letters and digits only: every converter of ours but `int` takes it as it is, and
# reverse() quotes nothing in it. (The project registers no converters of its own: tests/core/test_reverse.py.)
_PLAIN = re.compile(r"[A-Za-z0-9]+")
# A bound on what is kept (names × namespaces × the arguments that are not ids or codes); past it, start over.
_MOST = 4096
_kept = {}


def _keep(key, value):
    if len(_kept) >= _MOST:
        _kept.clear()
    _kept[key] = value
    return value


def _shape(args):
    """("id", "code", ...) when every argument is an id (an int) or a plain code (letters and digits), else None."""
    shape = []
    for value in args:
        if type(value) is int and value >= 0:
            shape.append("id")
        elif type(value) is str and _PLAIN.fullmatch(value):
            shape.append("code")
        else:
            return None
    return tuple(shape)


def _parts(name, shape, current_app):
    """The URL of `name` cut where its arguments go, or () if it cannot be cut so (then each URL is reversed)."""
    markers = [str(_MARKER + i) if kind == "id" else f"zq{i}zq" for i, kind in enumerate(shape)]
    try:
        url = reverse(name, args=markers if shape else [], current_app=current_app)
    except NoReverseMatch:  # a pattern that takes no such arguments (an int where a code is)
        return ()
    parts = []
    for marker in markers:
        before, found, url = url.partition(marker)
        if not found or marker in url or any(marker in part for part in parts):
            return ()
        parts.append(before)
    return (*parts, url)


def kept_reverse(name, args=(), kwargs=None, current_app=None):
    """reverse(name, args=args, kwargs=kwargs, current_app=current_app), from what this process kept."""
    where = (name, current_app, get_urlconf(), get_script_prefix())
    shape = None if kwargs else _shape(args)
    if shape:
        parts = _kept.get((*where, shape))
        if parts is None:
            parts = _keep((*where, shape), _parts(name, shape, current_app))
        if parts:
            url = [parts[0]]
            for value, part in zip(args, parts[1:], strict=True):
                url += (str(value), part)
            return "".join(url)
    elif all(type(value) in (int, str) for value in [*args, *(kwargs or {}).values()]):
        key = (*where, tuple(args), tuple(sorted((kwargs or {}).items())))
        url = _kept.get(key)
        if url is None:
            url = _keep(key, reverse(name, args=args, kwargs=kwargs, current_app=current_app))
        return url
    return reverse(name, args=args, kwargs=kwargs, current_app=current_app)
