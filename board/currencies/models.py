import logging
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone

from board.currencies.rates import BASE, currency_choices, validate_currency

logger = logging.getLogger(__name__)


class ExchangeRate(models.Model):
    """How many units of a currency one euro buys (the ECB's convention).

    The euro itself has no row: it is the base, always 1. A currency without a
    row has no rate: its jobs are shown in their own currency only and left out
    of salary sorting and filtering (board/currencies/rates.py).
    """

    class Source(models.TextChoices):
        REFERENCE = "reference", "Shipped reference rates"
        ECB = "ecb", "Periodic refresh (ECB format)"
        ADMIN = "admin", "Entered by staff"

    currency = models.CharField(
        max_length=3, unique=True, choices=currency_choices, validators=[validate_currency]
    )
    rate = models.DecimalField(
        max_digits=18,
        decimal_places=6,
        validators=[MinValueValidator(Decimal("0.000001"))],
        help_text="Units of this currency for one euro, e.g. 1.15 for USD.",
    )
    date = models.DateField(default=timezone.localdate, help_text="The day the rate is for.")
    source = models.CharField(max_length=10, choices=Source, default=Source.ADMIN)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["currency"]

    def __str__(self):
        return f"{self.currency} {self.rate} ({self.date})"

    def clean(self):
        if self.currency == BASE:
            raise ValidationError({"currency": "The euro is the base currency: its rate is 1."})

    def differs_from_stored(self):
        """True for a new rate, or one whose value is not the stored one."""
        if self._state.adding:
            return True
        stored = ExchangeRate.objects.filter(pk=self.pk).values_list("rate", flat=True).first()
        return stored is None or stored != Decimal(self.rate)
