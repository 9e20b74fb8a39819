import logging
from decimal import Decimal
from functools import partial

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models, transaction
from django.utils import timezone

from board.currencies import BASE, currency_choices, validate_currency

logger = logging.getLogger(__name__)


class ExchangeRate(models.Model):
    """How many units of a currency one euro buys (the ECB's convention).

    The euro itself has no row: it is the base, always 1. A currency without a
    row has no rate: its jobs are shown in their own currency only and left out
    of salary sorting and filtering (board/currencies.py).
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

    def save(self, *args, **kwargs):
        changed = self._state.adding or self._rate_changed()
        super().save(*args, **kwargs)
        if changed:
            transaction.on_commit(partial(_queue_conversion, self.currency), robust=True)

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        transaction.on_commit(partial(_queue_conversion, self.currency), robust=True)
        return result

    def clean(self):
        if self.currency == BASE:
            raise ValidationError({"currency": "The euro is the base currency: its rate is 1."})

    def _rate_changed(self):
        stored = ExchangeRate.objects.filter(pk=self.pk).values_list("rate", flat=True).first()
        return stored is None or stored != Decimal(self.rate)


def _queue_conversion(currency):
    from board.tasks import convert_salaries

    try:
        convert_salaries.delay(currency)
    except Exception:
        # The rate is saved; only its jobs' euro figures wait. Logged loudly, as
        # nothing retries this: `manage.py exchange_rates --convert` does it by hand.
        logger.exception("salaries in %s not queued for conversion", currency)
