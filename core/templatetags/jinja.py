"""{% jinja "cases/signals/_signal_items.jinja" %}: render a Jinja2 partial with the current context.

See config/jinja.py for why the hot row loops are Jinja2 and everything around them is not.
"""

from django import template
from django.template import engines

register = template.Library()


class JinjaNode(template.Node):
    def __init__(self, name):
        self.name = name
        self.template = None

    def render(self, context):
        if self.template is None:  # per node: the cached Django template keeps it for the process
            self.template = engines["jinja2"].get_template(self.name)
        return self.template.render(context.flatten(), context.get("request"))


@register.tag
def jinja(parser, token):
    bits = token.split_contents()
    if len(bits) != 2 or bits[1][0] not in "\"'" or bits[1][-1] != bits[1][0]:
        raise template.TemplateSyntaxError('Usage: {% jinja "path/to/partial.jinja" %}')
    return JinjaNode(bits[1][1:-1])
