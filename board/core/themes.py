"""The colour themes a visitor may choose (issue 19), and how a request says which.

Read by the switch's view (board/web/theme.py) and by base.html's template tags
(templatetags/look_tags.py): here, below both, so that neither imports the other.
"""

COOKIE = "theme"
CHOICES = ("light", "dark", "system")
DEFAULT = "system"  # follow the system's setting (prefers-color-scheme)


def choice_of(request):
    """The visitor's theme: the cookie's value if it is one we know, else the default."""
    value = request.COOKIES.get(COOKIE)
    return value if value in CHOICES else DEFAULT
