"""The Content-Security-Policy header (django-csp), with one exception made by hash, not by 'unsafe-inline'.

Our own pages have no inline script or style. drf-spectacular's Swagger UI and
Redoc pages (/api/docs/) do: an init script (with the request's CSRF token in
it, so it changes per request) and a small <style>. For those pages only, the
exact blocks the view rendered are allowed by their SHA-256 hashes; anything
else inline, e.g. injected, stays blocked.
"""

import base64
import hashlib
import re

from csp.middleware import CSPMiddleware

from .api_docs import has_own_inline_blocks

# An inline block: a <script> without src, or a <style>, and the text inside it.
_INLINE = re.compile(r"<(script|style)(?![^>]*\bsrc=)[^>]*>(.*?)</\1>", re.DOTALL | re.IGNORECASE)


def _source_hash(text):
    digest = hashlib.sha256(text.encode()).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        match = getattr(request, "resolver_match", None)
        if (
            match is None
            or not has_own_inline_blocks(match.func)
            or response.streaming
            or "text/html" not in response.get("Content-Type", "")
        ):
            return parts
        allowed = {"script": [], "style": []}
        for tag, text in _INLINE.findall(response.content.decode(response.charset or "utf-8")):
            allowed[tag.lower()].append(_source_hash(text))
        update = dict(parts.update or {})
        for tag, hashes in allowed.items():
            if hashes:
                update[f"{tag}-src"] = [*update.get(f"{tag}-src", []), *hashes]
        parts.update = update
        return parts
