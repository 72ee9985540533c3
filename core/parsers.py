"""The API's JSON parser (REST_FRAMEWORK's DEFAULT_PARSER_CLASSES): a module of its own, because DRF
imports it while it loads its views."""

from django.utils.translation import gettext
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

# No request of this API nests deeper than a few levels; a deeper body is refused, not followed.
JSON_MAX_DEPTH = 20


class BoundedJSONParser(JSONParser):
    """JSON as DRF parses it, except that a body nested deeper than JSON_MAX_DEPTH is a 400 (and one
    too deep for Python to parse at all is a 400 too, not a 500)."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(_too_deep()) from None
        if _depth_exceeds(data, JSON_MAX_DEPTH):
            raise ParseError(_too_deep())
        return data


def _too_deep():
    return gettext("JSON parse error - nested deeper than %(max)s levels.") % {"max": JSON_MAX_DEPTH}


def _depth_exceeds(data, limit):
    """Whether lists and objects nest deeper than `limit` (iteratively: the check itself never recurses)."""
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict | list):
            if depth > limit:
                return True
            children = value.values() if isinstance(value, dict) else value
            stack.extend((child, depth + 1) for child in children)
    return False
