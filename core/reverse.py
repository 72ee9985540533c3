"""reverse(), kept per process: a page reverses the same few dozen URLs on every request.

Django's reverse() walks the URL configuration each time (a fifth of a millisecond
here; the page layout alone asks for a dozen). What it answers depends only on
the name, the arguments, the namespace being served (`current_app`), the URL
configuration and the script prefix, and those are the key. A URL with one id,
as every row has, is reversed once per name with a marker in the id's place and
then only has its id put in. Our URL patterns have no translated parts
(no i18n_patterns), so the language is not part of the key.
"""

from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse

# A number no object has, to find where an id goes in a reversed URL.
_MARKER = 987654321987
# A bound on what is kept (names × namespaces × the arguments that are not ids); past it, start over.
_MOST = 4096
_kept = {}


def _keep(key, value):
    if len(_kept) >= _MOST:
        _kept.clear()
    _kept[key] = value
    return value


def kept_reverse(name, args=(), kwargs=None, current_app=None):
    """reverse(name, args=args, kwargs=kwargs, current_app=current_app), from what this process kept."""
    where = (name, current_app, get_urlconf(), get_script_prefix())
    if not kwargs and len(args) == 1 and type(args[0]) is int and args[0] >= 0:
        parts = _kept.get(where)
        if parts is None:
            try:
                parts = tuple(reverse(name, args=[_MARKER], current_app=current_app).split(str(_MARKER)))
            except NoReverseMatch:  # a pattern that takes no such number: reverse each id itself
                parts = ()
            _keep(where, parts)
        if len(parts) == 2:  # the marker came out once: the id goes there
            return f"{parts[0]}{args[0]}{parts[1]}"
    elif all(type(value) in (int, str) for value in [*args, *(kwargs or {}).values()]):
        key = (*where, tuple(args), tuple(sorted((kwargs or {}).items())))
        url = _kept.get(key)
        if url is None:
            url = _keep(key, reverse(name, args=args, kwargs=kwargs, current_app=current_app))
        return url
    return reverse(name, args=args, kwargs=kwargs, current_app=current_app)
