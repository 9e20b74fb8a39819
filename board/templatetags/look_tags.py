"""Our look's small pieces that need a little Python: the theme of the <html> element
and company avatars (a logo, or an initial on a colour of its own). docs/design.md shows them."""

import zlib
from pathlib import PurePosixPath

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from board.core import themes as theme

register = template.Library()

# The avatar's sizes in CSS pixels (site.css has the same three: .avatar-sm/-md/-lg).
AVATAR_SIZES = {"sm": 40, "md": 56, "lg": 64}
# How many initial-avatar colours site.css defines (.avatar-c0 … .avatar-c7).
AVATAR_COLOURS = 8


@register.simple_tag(takes_context=True)
def theme_choice(context):
    """'light', 'dark' or 'system': what the visitor chose (board/core/themes.py)."""
    request = context.get("request")
    return theme.choice_of(request) if request else theme.DEFAULT


@register.simple_tag(takes_context=True)
def theme_attributes(context):
    """The <html> element's theme attributes. An explicit choice sets Bootstrap's
    data-bs-theme; "system" leaves it out and site.css follows prefers-color-scheme."""
    choice = theme_choice(context)
    if choice == "system":
        return mark_safe('data-theme="system"')
    return format_html('data-theme="{}" data-bs-theme="{}"', choice, choice)


def avatar_colour(name):
    """A colour class that is always the same for the same name (crc32, not hash(),
    which differs from one process to the next)."""
    return f"avatar-c{zlib.crc32(name.encode()) % AVATAR_COLOURS}"


def initial(name):
    """The first letter or digit of the name, in capitals; '?' when there is none."""
    return next((char.upper() for char in name if char.isalnum()), "?")


def render_avatar(name, slug, logo_name, size, lazy):
    """The logo (through the company_logo view) or an initial avatar.

    The logo's URL carries its stored file name, which is random and new on every upload:
    the view lets browsers keep a logo for a day, and a new logo is a new URL at once.
    width and height are set so that nothing moves when it loads. Decorative (alt=""):
    the company's name is always written next to it.
    """
    pixels = AVATAR_SIZES[size]
    if logo_name:
        version = PurePosixPath(logo_name).stem
        src = f"{reverse('company_logo', args=[slug])}?v={version}"
        return format_html(
            '<img class="avatar avatar-{}" src="{}" alt="" width="{}" height="{}"{}>',
            size,
            src,
            pixels,
            pixels,
            mark_safe(' loading="lazy" decoding="async"') if lazy else "",
        )
    return format_html(
        '<span class="avatar avatar-{} avatar-initial {}" aria-hidden="true">{}</span>',
        size,
        avatar_colour(name),
        initial(name),
    )


@register.simple_tag
def company_avatar(company, size="md", lazy=False):
    """A Company's avatar: its logo when it has one that may be shown (Company.shows_logo)."""
    logo_name = company.logo.name if company.shows_logo else ""
    return render_avatar(company.name, company.slug, logo_name, size, lazy)


@register.simple_tag
def card_avatar(job):
    """A job card's avatar, from what for_cards() annotated on the job
    (board/listings/cards.py): no query of its own. Lazy: most cards are below the fold."""
    return render_avatar(job.company_name, job.company_slug, job.company_logo, "sm", lazy=True)
