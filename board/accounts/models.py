import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from board.core.validators import WebURLField
from board.resumes.storage import resume_path
from board.scanning.uploads import quarantine_index, scan_status_field

SESSION_HASH_SALT = "board.User.get_session_auth_hash"


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **extra_fields):
        if not email:
            raise ValueError("Users need an e-mail address")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person who signs in with their e-mail address.

    The role says which side of the board they are on; staff are admins
    whatever their role.
    """

    class Role(models.TextChoices):
        SEEKER = "seeker", _("Job seeker")
        EMPLOYER = "employer", _("Employer")

    username = None
    email = models.EmailField("e-mail address", unique=True)
    role = models.CharField(max_length=10, choices=Role, default=Role.SEEKER)
    # Changes whenever every sign-in must end: a new password, or "sign out
    # everywhere". It is part of the session hash and a claim of every API token
    # (board/api/authentication.py), so changing it ends all sessions and tokens.
    # Empty until the first change: sessions and tokens issued before the field
    # existed stay valid until then.
    security_stamp = models.CharField(max_length=32, blank=True, default="", editable=False)
    # When the "your inactive account will be deleted" notice went out
    # (board/privacy/retention.py); cleared by the next sign-in.
    inactivity_notice_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The language of this person's pages and e-mails (docs/i18n.md); empty until they
    # choose one: then their browser decides the pages, and e-mails go out in English.
    language = models.CharField(max_length=8, choices=settings.LANGUAGES, blank=True, default="")

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_ci_unique"),
            models.CheckConstraint(
                condition=models.Q(role__in=["seeker", "employer"]), name="user_role_valid"
            ),
        ]

    def __str__(self):
        return self.email

    def set_password(self, raw_password):
        # Every way to set a password (the site's change and reset forms, the
        # admin, changepassword, create_user) comes through here.
        super().set_password(raw_password)
        self.rotate_security_stamp()

    def set_unusable_password(self):
        super().set_unusable_password()
        self.rotate_security_stamp()

    def rotate_security_stamp(self):
        self.security_stamp = secrets.token_hex(16)

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "password" in update_fields:
            # A password saved alone (Django's hash upgrade on sign-in) keeps its
            # stamp with it: the session hash is computed from both.
            kwargs["update_fields"] = {*update_fields, "security_stamp"}
        super().save(*args, **kwargs)

    def sign_out_everywhere(self):
        """End every session and API token of this user (the caller keeps its own
        session with update_session_auth_hash)."""
        self.rotate_security_stamp()
        self.save(update_fields=["security_stamp"])

    def get_session_auth_hash(self):
        # Django stores this in the session at sign-in and signs the session out
        # when it no longer matches; adding the stamp lets us end sessions at will.
        if not self.security_stamp:
            return super().get_session_auth_hash()
        return self._stamped_session_hash(secret=None)

    def get_session_auth_fallback_hash(self):
        if not self.security_stamp:
            yield from super().get_session_auth_fallback_hash()
            return
        for secret in settings.SECRET_KEY_FALLBACKS:
            yield self._stamped_session_hash(secret=secret)

    def _stamped_session_hash(self, secret):
        value = f"{self.password}:{self.security_stamp}"
        return salted_hmac(SESSION_HASH_SALT, value, secret=secret, algorithm="sha256").hexdigest()

    def choose_language(self, code):
        """Pages and e-mails in `code` from now on (one of settings.LANGUAGES)."""
        if self.language != code:
            self.language = code
            self.save(update_fields=["language"])

    def e_mail_language(self):
        """The language to write to this person in: theirs, else the site's."""
        return self.language or settings.LANGUAGE_CODE

    @property
    def is_seeker(self):
        return self.role == self.Role.SEEKER

    @property
    def is_employer(self):
        return self.role == self.Role.EMPLOYER

    @property
    def display_name(self):
        return self.get_full_name() or self.email.split("@")[0]


class SeekerProfile(models.Model):
    """What a job seeker keeps ready for applying: a default résumé and links."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="seeker_profile"
    )
    headline = models.CharField(max_length=120, blank=True)
    location = models.CharField(max_length=120, blank=True)
    # Private like applications' résumés: served only by the owner's download view.
    resume = models.FileField("default résumé", upload_to=resume_path, max_length=200, blank=True)
    resume_scan = scan_status_field("résumé virus scan")
    website = WebURLField(blank=True)
    linkedin_url = WebURLField("LinkedIn", blank=True)
    github_url = WebURLField("GitHub", blank=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [quarantine_index("resume_scan", "profile_quarantine_idx")]

    def __str__(self):
        return f"Profile of {self.user}"
