"""{% memo %}: markup rendered once per process and language, then reused (issue 19).

A page's fixed words (a footer's links, a form's labels, a switch's buttons) cost each
request a translation look-up per string (about 40,000 instructions in English) and the
template engine's work around it, though they are the same for every visitor who reads the
page in that language (docs/i18n.md, "What it costs"). Inside

    {% memo %}…{% endmemo %}              (the same for everyone in one language)
    {% memo theme %}…{% endmemo %}        (…and for each value of `theme`)

the markup is rendered the first time a process needs it in a language (and for those
values), then served from memory. It sees nothing else of the page's context: a
variable that is not named renders empty, so markup that depends on the visitor or the
request cannot be kept and shown to someone else. Name only variables with a few values
(a theme, not a search's words): each value keeps its own copy for the process's life.
URLs reversed inside are in the page's language, which is part of the key.
"""

from django import template
from django.utils.translation import get_language

register = template.Library()

# Copies one block keeps, at most. A block that names a variable with more values than it
# should (a search's words, a value a visitor sends) is then rendered each time instead of
# filling the process's memory.
MAX_COPIES = 100


@register.tag
def memo(parser, token):
    names = token.split_contents()[1:]
    nodelist = parser.parse(("endmemo",))
    parser.delete_first_token()
    return MemoNode(nodelist, names)


class MemoNode(template.Node):
    def __init__(self, nodelist, names):
        self.nodelist = nodelist
        self.names = names
        self.rendered = {}  # (language, values) → SafeString; lives as long as the template

    def render(self, context):
        values = tuple(context.get(name) for name in self.names)
        key = (get_language(), values)
        html = self.rendered.get(key)
        if html is None:
            html = self.nodelist.render(context.new(dict(zip(self.names, values, strict=True))))
            if len(self.rendered) < MAX_COPIES:
                self.rendered[key] = html
        return html  # a SafeString: rendered, and escaped, by the template engine
