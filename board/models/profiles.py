from django.conf import settings
from django.db import models

from board.validators import WebURLField

from .applications import resume_path


class SeekerProfile(models.Model):
    """What a job seeker keeps ready for applying: a default résumé and links."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="seeker_profile"
    )
    headline = models.CharField(max_length=120, blank=True)
    location = models.CharField(max_length=120, blank=True)
    # Private like applications' résumés: served only by the owner's download view.
    resume = models.FileField("default résumé", upload_to=resume_path, max_length=200, blank=True)
    website = WebURLField(blank=True)
    linkedin_url = WebURLField("LinkedIn", blank=True)
    github_url = WebURLField("GitHub", blank=True)
    updated = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"Profile of {self.user}"
