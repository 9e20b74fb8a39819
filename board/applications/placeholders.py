"""Placeholders in message templates: {applicant_name}, {job_title}, {company_name}.

Members type these texts, so they are never given to str.format (which reads
attributes and indexes: "{applicant_name.__class__}", "{0}") nor to Django's
template engine. One regular expression finds each brace: a known name in
braces is replaced, "{{" and "}}" stand for a literal brace, and anything else
is an error the form shows. The values are inserted in the same single pass,
so a name that itself looks like "{job_title}" stays as it is.
"""

import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

PLACEHOLDERS = {
    "applicant_name": gettext_lazy("the applicant's name"),
    "job_title": gettext_lazy("the job's title"),
    "company_name": gettext_lazy("your company's name"),
}

# "{{", "}}", a {name} (anything without braces inside), or a lone brace.
_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")
_LITERAL = {"{{": "{", "}}": "}"}


def placeholder_errors(text):
    """The problems of a text, in words: [] when it can be filled in."""
    unknown, stray = [], False
    for match in _TOKEN.finditer(text):
        token, name = match.group(0), match.group(1)
        if token in _LITERAL:
            continue
        if name is None:
            stray = True
        elif name not in PLACEHOLDERS and name[:40] not in unknown:
            unknown.append(name[:40])
    errors = []
    if unknown:
        known = ", ".join(f"{{{name}}}" for name in PLACEHOLDERS)
        names = ", ".join(f"{{{name}}}" for name in unknown[:5])
        errors.append(
            _("Unknown placeholder %(names)s. You can use %(known)s.")
            % {"names": names, "known": known}
        )
    if stray:
        errors.append(_('A brace is not closed. To write a brace itself, type "{{" or "}}".'))
    return errors


def fill(text, values):
    """The text with each placeholder replaced by values[name]; call
    placeholder_errors first (an unknown one raises KeyError here)."""

    def replace(match):
        token, name = match.group(0), match.group(1)
        if token in _LITERAL:
            return _LITERAL[token]
        if name is None:
            raise KeyError(token)
        return str(values[name])

    return _TOKEN.sub(replace, text)


def values_for(application):
    """The placeholders' values for one application (its job, company and applicant loaded)."""
    return {
        "applicant_name": application.applicant_name,
        "job_title": application.job.title,
        "company_name": application.job.company.name,
    }
