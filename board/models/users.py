from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models.functions import Lower


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
        SEEKER = "seeker", "Job seeker"
        EMPLOYER = "employer", "Employer"

    username = None
    email = models.EmailField("e-mail address", unique=True)
    role = models.CharField(max_length=10, choices=Role, default=Role.SEEKER)

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

    @property
    def is_seeker(self):
        return self.role == self.Role.SEEKER

    @property
    def is_employer(self):
        return self.role == self.Role.EMPLOYER

    @property
    def display_name(self):
        return self.get_full_name() or self.email.split("@")[0]
