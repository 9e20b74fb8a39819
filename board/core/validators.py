from django import forms
from django.core.validators import URLValidator
from django.db import models

WEB_URL_MESSAGE = "Enter a web address starting with http:// or https://."

# Websites and apply links are shown to people as links: only web URLs, so no
# javascript:, data: or ftp: link ever reaches a page.
web_url_validator = URLValidator(schemes=["http", "https"], message=WEB_URL_MESSAGE)


class WebURLFormField(forms.URLField):
    default_validators = [web_url_validator]
    default_error_messages = {"invalid": WEB_URL_MESSAGE}


class WebURLField(models.URLField):
    """A URLField that accepts http and https only, in the database model and in every form."""

    default_validators = [web_url_validator]

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": WebURLFormField, **kwargs})
