"""``{% load links %}``: stored URLs become links only when they are http(s).

A URL stored through the ORM, an import or the API may be ``javascript:``, ``data:`` or anything
else that a form's validation would have refused; rendered into ``href`` it would run in the page
(only the CSP stands in the way). Every template rendering a stored URL as a link goes through
``|http_url`` or ``{% external_link %}``.

- ``{{ url|http_url }}``: the URL if it is an absolute http or https URL, else ``""``.
- ``{% external_link url text %}``: ``<a href="url" rel="noopener noreferrer">text</a>`` for such a
  URL, the text alone (escaped) for any other.
"""

from urllib.parse import urlsplit

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

register = template.Library()

LINKABLE_SCHEMES = frozenset({"http", "https"})


@register.filter
def http_url(value: object) -> str:
    """``value`` if it is an absolute http(s) URL, else ``""``.

    Browsers drop leading and trailing spaces and control characters and ignore tabs and newlines
    inside a URL (``" java\\tscript:"`` is ``javascript:`` to them): the ends are stripped here, and
    a URL with a control character left anywhere is refused, so what is checked is what runs.
    """
    if not isinstance(value, str):
        return ""
    url = value.strip("".join(map(chr, range(0x21))))
    if any(ord(char) < 0x20 or ord(char) == 0x7F for char in url):
        return ""
    try:
        parts = urlsplit(url)
    except ValueError:  # an unbalanced IPv6 bracket
        return ""
    if parts.scheme.lower() not in LINKABLE_SCHEMES or not parts.netloc:
        return ""
    return url


@register.simple_tag
def external_link(url: object, text: object) -> SafeString:
    """A link to ``url`` showing ``text`` when ``url`` is http(s); ``text`` alone otherwise."""
    href = http_url(url)
    if not href:
        return format_html("{}", text)
    return format_html('<a href="{}" rel="noopener noreferrer">{}</a>', href, text)
