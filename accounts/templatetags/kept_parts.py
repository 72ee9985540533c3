"""{% kept_part "header" %}…{% endkept_part %}: a part of the layout rendered once per signed-in user.

The page header (menu, name, organisations, unread count) and the footer are the
same on every page a user opens, but rendering them through the template engine
cost about a twentieth of a list page. A kept part is rendered once and kept in
the user's sign-in entry (accounts/signed_in.py: read on every request anyway, so
a kept part costs no extra round trip), per

- the user's sign-in version: replaced by every save of the user (name, staff
  flag) and by whatever changes their unread count (`sign_in_changed`);
- the partnership version: replaced by every change to a membership,
  organisation or team (the organisation names, the Overview and Privacy items);
- the language, the menu item of the page (`nav_section`, for aria-current), and
  the text of the template the part is in (a release that changes it renders anew).

Inside a part, `nav_section` is the page's menu item and `kept_full_path` the
request's path with its query; the CSRF token and that path differ per request,
so the part is kept with placeholders that each request fills in. A part may
only use what those keys cover: no `{% include %}` (its text is not in the key),
no case content (the kept entry holds none). Anonymous pages render the part as
it stands.
"""

import hashlib
from pathlib import Path

from django import template
from django.middleware.csrf import get_token
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from partners.viewer import viewer_of

from ..signed_in import kept_for

register = template.Library()

# What a kept part holds where each request puts its own: never valid HTML text, so never a user's.
CSRF_PLACEHOLDER = "kept-part:csrf-token:\u2063"
PATH_PLACEHOLDER = "kept-part:full-path:\u2063"
KEPT_NAME = "layout_parts"

# The menu items and the pages that mark them as the current one (aria-current="page").
SECTION_BY_VIEW = {
    "cases:index": "cases",
    "cases:detail": "cases",
    "cases:signal_list": "signals",
    "cases:signal_new": "signal_new",
    "interventions:mine": "actions",
    "interventions:organisation": "actions",
}
SECTION_NAMESPACES = ("notifications", "dashboards", "privacy", "accounts")


def nav_section(request):
    """The menu item the page belongs to ("" for none)."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        return ""
    if match.url_name == "home":
        return "home"
    if match.view_name in SECTION_BY_VIEW:
        return SECTION_BY_VIEW[match.view_name]
    return match.namespace if match.namespace in SECTION_NAMESPACES else ""


def _source_version(origin):
    """A short hash of the template file's text (empty for a template without a file)."""
    try:
        return hashlib.sha256(Path(origin.name).read_bytes()).hexdigest()[:16]
    except (AttributeError, OSError, TypeError):
        return ""


class KeptPartNode(template.Node):
    def __init__(self, name, nodelist, source_version):
        self.name, self.nodelist, self.source_version = name, nodelist, source_version

    def render(self, context):
        request = context.get("request")
        user = getattr(request, "user", None)
        section = nav_section(request)
        if not (user and user.is_authenticated):
            with context.push(nav_section=section, kept_full_path=request.get_full_path() if request else ""):
                return self.nodelist.render(context)
        partnership = viewer_of(user).partnership_version
        vary = (self.name, partnership, get_language(), section, self.source_version)
        entry = kept_for(user)
        parts = entry.get(KEPT_NAME, {})
        html = parts.get(vary)
        if html is None:
            with context.push(nav_section=section, kept_full_path=PATH_PLACEHOLDER, csrf_token=CSRF_PLACEHOLDER):
                html = str(self.nodelist.render(context))
            # Parts of an older partnership version are of no use any more: the entry keeps only current ones.
            parts = {key: part for key, part in parts.items() if key[1] == partnership}
            entry.keep(KEPT_NAME, {**parts, vary: html})
        html = html.replace(PATH_PLACEHOLDER, escape(request.get_full_path()))
        if CSRF_PLACEHOLDER in html:
            html = html.replace(CSRF_PLACEHOLDER, escape(get_token(request)))
        return mark_safe(html)


@register.tag
def kept_part(parser, token):
    bits = token.split_contents()
    if len(bits) != 2 or bits[1][0] not in "\"'" or bits[1][-1] != bits[1][0]:
        raise template.TemplateSyntaxError('Usage: {% kept_part "name" %}…{% endkept_part %}')
    nodelist = parser.parse(("endkept_part",))
    parser.delete_first_token()
    return KeptPartNode(bits[1][1:-1], nodelist, _source_version(parser.origin))
