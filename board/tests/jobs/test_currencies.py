"""Pay compared across currencies (board/currencies/rates.py): "highest salary" and "at least"
in one currency, converted amounts on cards, currencies without a rate, and the rates
themselves (shipped set, admin, refresh from a document in the ECB's format)."""

import threading
from datetime import date
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from board.currencies import rates as currencies
from board.currencies.models import ExchangeRate
from board.jobs import salaries
from board.jobs.forms import JobForm
from board.jobs.models import Job
from board.listings import cards
from board.tests.factories import CategoryFactory, JobFactory, StaffFactory

pytestmark = pytest.mark.django_db

URL = reverse("job_list")


def _job(title, currency, low, high, period="year"):
    return JobFactory(
        title=title, salary_currency=currency, salary_min=low, salary_max=high,
        salary_period=period,
    )  # fmt: skip


@pytest.fixture
def pay():
    """The issue's case: Nordic and Polish pay in big numbers, less than the US job's."""
    return {
        "usd": _job("Staff Engineer USD", "USD", 195_000, 259_000),
        "sek": _job("Backend Developer SEK", "SEK", 480_000, 576_000),
        "nok": _job("Backend Developer NOK", "NOK", 700_000, 900_000),
        "pln": _job("Backend Developer PLN", "PLN", 20_000, 25_000, "month"),
        "eur": _job("Backend Developer EUR", "EUR", 70_000, 90_000),
        "none": _job("Backend Developer unpaid", "USD", None, None),
    }


def _titles(client, params):
    response = client.get(URL, params)
    assert response.status_code == 200
    return [job.title for job in response.context["page"]]


class TestHighestSalary:
    def test_compares_pay_in_one_currency(self, client, pay):
        titles = _titles(client, {"sort": "salary"})
        # USD 259k ≈ EUR 225k; NOK 900k ≈ 78k; EUR 90k; PLN 300k/yr ≈ 70k; SEK 576k ≈ 52k.
        assert titles == [
            "Staff Engineer USD", "Backend Developer EUR", "Backend Developer NOK",
            "Backend Developer PLN", "Backend Developer SEK", "Backend Developer unpaid",
        ]  # fmt: skip

    def test_a_currency_without_a_rate_comes_last_and_is_marked(self, client, pay):
        _job("Backend Developer KES", "KES", 3_000_000, 4_000_000)  # no KES rate
        response = client.get(URL, {"sort": "salary"})
        titles = [job.title for job in response.context["page"]]
        assert set(titles[-2:]) == {"Backend Developer unpaid", "Backend Developer KES"}
        html = response.text
        assert "KES\u00a03,000,000–KES\u00a04,000,000 per year" in html
        assert "(not converted: no exchange rate)" in html

    def test_the_same_order_in_the_api_and_graphql(self, client, pay):
        api = client.get("/api/v1/jobs/", {"sort": "salary"}).json()["results"]
        assert [job["title"] for job in api][:2] == ["Staff Engineer USD", "Backend Developer EUR"]
        answer = client.post(
            "/graphql/",
            {"query": "{ jobs(sort: SALARY) { edges { node { title } } } }"},
            content_type="application/json",
        ).json()
        titles = [edge["node"]["title"] for edge in answer["data"]["jobs"]["edges"]]
        assert titles[:2] == ["Staff Engineer USD", "Backend Developer EUR"]


class TestMinimumSalary:
    def test_at_least_100000_usd_leaves_out_sek_576000(self, client, pay):
        titles = _titles(client, {"salary_min": "100000"})  # USD by default
        assert "Backend Developer SEK" not in titles  # ≈ USD 60,000
        # EUR 90,000 is USD 103,608 at the shipped rate; NOK 900,000 only USD 89,898.
        assert set(titles) == {"Staff Engineer USD", "Backend Developer EUR"}

    def test_threshold_in_the_chosen_currency(self, client, pay):
        titles = _titles(client, {"salary_min": "100000", "currency": "EUR"})
        assert set(titles) == {"Staff Engineer USD"}
        titles = _titles(client, {"salary_min": "90000", "currency": "EUR"})
        assert set(titles) == {"Staff Engineer USD", "Backend Developer EUR"}
        titles = _titles(client, {"salary_min": "576000", "currency": "SEK"})
        assert "Backend Developer SEK" in titles  # exactly the top of its range
        assert "Backend Developer PLN" in titles  # PLN 300k a year ≈ SEK 774k

    def test_exactly_the_threshold_in_its_own_currency_passes(self, client):
        for top in (99_999, 100_000, 100_001, 123_457):
            _job(f"USD {top}", "USD", None, top)
        titles = _titles(client, {"salary_min": "100000", "currency": "USD"})
        assert set(titles) == {"USD 100000", "USD 100001", "USD 123457"}

    def test_a_currency_without_a_rate_is_left_out(self, client, pay):
        _job("Backend Developer KES", "KES", 3_000_000, 40_000_000)
        assert "Backend Developer KES" not in _titles(client, {"salary_min": "1"})

    def test_a_currency_without_a_rate_cannot_be_chosen(self, client, pay):
        response = client.get(URL, {"salary_min": "1000", "currency": "KES"})
        assert response.status_code == 200
        assert "Select a valid choice" in response.text
        assert response.context["filter"].display_currency() == "USD"

    def test_the_chip_says_the_currency(self, client, pay):
        response = client.get(URL, {"salary_min": "100000", "currency": "EUR"})
        chips = dict(response.context["filter"].active_filters())
        assert "At least €100,000 a year" in chips

    def test_the_api_and_graphql_filter_alike(self, client, pay):
        api = client.get("/api/v1/jobs/", {"salary_min": "576000", "currency": "SEK"}).json()
        assert "Backend Developer SEK" in [job["title"] for job in api["results"]]
        api = client.get("/api/v1/jobs/", {"salary_min": "100000"}).json()
        assert {job["title"] for job in api["results"]} == {
            "Staff Engineer USD", "Backend Developer EUR"
        }  # fmt: skip
        query = (
            '{ jobs(filters: {salaryMin: 100000, currency: "EUR"}) { edges { node { title } } } }'
        )
        answer = client.post("/graphql/", {"query": query}, content_type="application/json")
        titles = [edge["node"]["title"] for edge in answer.json()["data"]["jobs"]["edges"]]
        assert titles == ["Staff Engineer USD"]


class TestCards:
    def test_converted_pay_when_another_currency(self, client, pay):
        html = client.get(URL).text
        # SEK 480,000–576,000 at 11.0275 SEK and 1.1512 USD a euro: $50,108–$60,129.
        assert "SEK\u00a0480,000–SEK\u00a0576,000 per year" in html
        assert "(≈ $50,000–$60,000)" in html
        assert "$195,000–$259,000 per year</span> <span" not in html  # USD: no conversion
        assert html.count("(≈ $") == 4  # SEK, NOK, PLN, EUR

    def test_converted_to_the_chosen_currency(self, client, pay):
        html = client.get(URL, {"currency": "SEK"}).text
        # USD 195,000 and 259,000 / 1.1512 * 11.0275 = SEK 1,867,932 and 2,481,020.
        assert "(≈ SEK\u00a01,868,000–SEK\u00a02,481,000)" in html
        assert html.count("(≈ SEK") == 4  # USD, NOK, PLN, EUR; not the SEK job itself

    def test_the_key_holds_the_display_currency_and_both_rates(self, pay):
        job = cards.for_cards(Job.objects.all(), AnonymousUser()).get(pk=pay["sek"].pk)
        known = currencies.rates()
        request = RequestFactory().get(URL)

        def key(display, rates):
            return cards.cache_key(job, cards.card_settings(request, display, rates))

        usd = key("USD", known)
        assert key("GBP", known) != usd
        assert key("USD", {**known, "SEK": Decimal(10)}) != usd
        assert key("USD", {**known, "USD": Decimal(1)}) != usd

    def test_a_rate_change_shows_on_cached_cards(
        self, client, pay, django_capture_on_commit_callbacks
    ):
        assert "(≈ $50,000–$60,000)" in client.get(URL).text
        with django_capture_on_commit_callbacks(execute=True):
            rate = ExchangeRate.objects.get(currency="SEK")
            rate.rate = Decimal("5.5")  # the krona doubles
            salaries.save_rate(rate)
        assert "(≈ $100,000–$121,000)" in client.get(URL).text
        assert "Backend Developer SEK" in _titles(client, {"salary_min": "100000"})


class TestRatesChange:
    def test_a_new_rate_converts_that_currencys_jobs(self, django_capture_on_commit_callbacks):
        kes = _job("Kenya job", "KES", 2_000_000, 3_000_000)
        assert kes.salary_yearly_eur is None
        with django_capture_on_commit_callbacks(execute=True):
            salaries.save_rate(ExchangeRate(currency="KES", rate=Decimal("150")))
        kes.refresh_from_db()
        assert kes.salary_yearly_eur == 20_000

    def test_deleting_a_rate_unconverts(self, pay, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            salaries.delete_rate(ExchangeRate.objects.get(currency="SEK"))
        pay["sek"].refresh_from_db()
        assert pay["sek"].salary_yearly_eur is None

    def test_batches_cover_every_job(self):
        jobs = [_job(f"NOK {n}", "NOK", None, 100_000 + n) for n in range(5)]
        Job.objects.update(salary_yearly_eur=None)
        assert salaries.convert_salaries("NOK", batch_size=2) == 5
        rate = ExchangeRate.objects.get(currency="NOK").rate
        for job in jobs:
            job.refresh_from_db()
            assert job.salary_yearly_eur == currencies.to_base(job.salary_max, rate)

    def test_saving_a_job_converts_it(self):
        job = _job("Hourly", "GBP", 30, 40, "hour")
        expected = round(40 * 2080 / Decimal("0.85175"))
        assert job.salary_yearly_eur == expected
        job.salary_currency = "USD"
        job.save(update_fields=["salary_currency"])
        job.refresh_from_db()
        assert job.salary_yearly_eur == round(40 * 2080 / Decimal("1.1512"))


class TestAdmin:
    def test_staff_enter_a_rate_for_a_currency_the_ecb_lacks(
        self, client, django_capture_on_commit_callbacks
    ):
        ngn = _job("Lagos job", "NGN", 9_000_000, 12_000_000)
        client.force_login(StaffFactory())
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("admin:board_exchangerate_add"),
                {"currency": "NGN", "rate": "1750", "date": "2026-01-05"},
            )
        assert response.status_code == 302
        assert ExchangeRate.objects.get(currency="NGN").source == "admin"
        ngn.refresh_from_db()
        assert ngn.salary_yearly_eur == 6857

    def test_the_euro_has_no_rate_to_enter(self, client):
        client.force_login(StaffFactory())
        response = client.post(
            reverse("admin:board_exchangerate_add"),
            {"currency": "EUR", "rate": "2", "date": "2026-01-05"},
        )
        assert response.status_code == 200
        assert "The euro is the base currency" in response.text
        assert not ExchangeRate.objects.filter(currency="EUR").exists()


class TestPostingCurrencies:
    @pytest.mark.parametrize("code", ["KES", "NGN", "EGP", "XOF", "INR", "VND", "ZAR", "USD"])
    def test_any_currency_in_use(self, code):
        form = JobForm(data=_job_form_data(code))
        assert form.is_valid(), form.errors

    @pytest.mark.parametrize("code", ["XXX", "DEM", "usd", "ABC"])
    def test_not_a_currency(self, code):
        form = JobForm(data=_job_form_data(code))
        assert not form.is_valid()
        assert "salary_currency" in form.errors

    def test_approximate_amounts(self):
        assert [currencies.approximate(n) for n in (54_876, 195_449, 4_630, 463, 38.4)] == [
            55_000, 195_000, 4_600, 460, 38,
        ]  # fmt: skip

    def test_formatted_as_babel_does(self):
        assert currencies.format_money(55_000, "USD") == "$55,000"
        assert currencies.format_money(55_000, "EUR") == "€55,000"
        assert currencies.format_money(576_000, "SEK") == "SEK\u00a0576,000"
        assert currencies.format_money(150_000, "KES") == "KES\u00a0150,000"
        assert currencies.format_money(500_000, "NGN") == "NGN\u00a0500,000"
        assert currencies.format_money(1_000, "JPY") == "¥1,000"

    def test_remembered_text_is_per_language_and_per_currency(self):
        # The text of an amount is remembered (rates._formatted): the same amount
        # must still print in each page's language and each currency.
        assert currencies.format_money(Decimal("55000.00"), "USD") == "$55,000"
        with translation.override("fr"):
            assert currencies.format_money(55_000, "USD") == "55\u202f000\u00a0$US"
        assert currencies.format_money(55_000, "USD") == "$55,000"
        assert currencies.format_money(55_000, "CAD") == "CA$55,000"


def _job_form_data(code):
    return {
        "title": "Engineer", "category": CategoryFactory().pk, "employment_type": "full_time",
        "experience_level": "mid", "workplace": "remote", "salary_min": "100",
        "salary_max": "200", "salary_currency": code, "salary_period": "year",
        "description": "x" * 200,
    }  # fmt: skip


ECB_DOCUMENT = b"""<?xml version="1.0" encoding="UTF-8"?>
<gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01"
    xmlns="http://www.ecb.int/vocabulary/2002-08-01/eurofxref">
  <gesmes:subject>Reference rates</gesmes:subject>
  <Cube><Cube time="2099-01-02">
    <Cube currency="USD" rate="2.0000"/>
    <Cube currency="SEK" rate="11.0275"/>
    <Cube currency="XYZ" rate="3"/>
  </Cube></Cube>
</gesmes:Envelope>"""


@pytest.fixture
def rates_server():
    """A local HTTP server (loopback) serving documents by path."""
    documents = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            body = documents.get(self.path)
            self.send_response(200 if body is not None else 404)
            self.end_headers()
            self.wfile.write(body or b"")

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield documents, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


class TestRefresh:
    def test_reads_the_ecb_format_and_converts(
        self, rates_server, pay, settings, django_capture_on_commit_callbacks
    ):
        documents, base = rates_server
        documents["/daily.xml"] = ECB_DOCUMENT
        settings.EXCHANGE_RATES_URL = f"{base}/daily.xml"
        with django_capture_on_commit_callbacks(execute=True):
            from board.jobs.tasks import refresh_exchange_rates

            changed = refresh_exchange_rates.apply().get()
        assert changed == ["USD"]  # SEK is unchanged; XYZ is no currency
        usd = ExchangeRate.objects.get(currency="USD")
        assert (usd.rate, usd.date, usd.source) == (Decimal(2), date(2099, 1, 2), "ecb")
        assert ExchangeRate.objects.get(currency="SEK").date == date(2099, 1, 2)
        pay["usd"].refresh_from_db()
        assert pay["usd"].salary_yearly_eur == 129_500

    @pytest.mark.parametrize(
        "document",
        [
            b"<html>Service unavailable</html>",
            b"not xml at all",
            ECB_DOCUMENT.replace(b'"2.0000"', b'"-1"'),
            b"",
        ],
    )
    def test_a_bad_document_keeps_the_old_rates(self, rates_server, document, caplog):
        documents, base = rates_server
        documents["/daily.xml"] = document
        before = list(ExchangeRate.objects.values_list("currency", "rate", "date"))
        assert salaries.refresh_rates(f"{base}/daily.xml") == []
        assert list(ExchangeRate.objects.values_list("currency", "rate", "date")) == before
        assert "exchange rates not refreshed, old rates kept" in caplog.text

    def test_an_unreachable_source_keeps_the_old_rates(self, rates_server, caplog):
        _documents, base = rates_server
        before = list(ExchangeRate.objects.values_list("currency", "rate", "date"))
        assert salaries.refresh_rates(f"{base}/missing.xml") == []  # 404
        assert salaries.refresh_rates("http://127.0.0.1:9/daily.xml") == []  # refused
        assert salaries.refresh_rates("ftp://127.0.0.1/daily.xml") == []
        assert list(ExchangeRate.objects.values_list("currency", "rate", "date")) == before
        assert caplog.text.count("old rates kept") == 3

    def test_an_older_document_never_undoes_a_newer_rate(self):
        currencies.store_rates(date(2099, 1, 2), {"USD": Decimal(2)}, "ecb")
        assert currencies.store_rates(date(2099, 1, 1), {"USD": Decimal(3)}, "ecb") == []
        assert ExchangeRate.objects.get(currency="USD").rate == 2

    def test_runs_daily_on_beat(self, settings):
        schedule = settings.CELERY_BEAT_SCHEDULE["exchange-rates"]
        assert schedule["task"] == "board.jobs.tasks.refresh_exchange_rates"


class TestReferenceRates:
    def test_shipped_and_loaded_by_the_migration(self):
        day, shipped = currencies.reference_rates()
        assert day == date(2025, 6, 13)
        assert len(shipped) == 30 and {"USD", "GBP", "JPY", "INR", "ZAR"} <= set(shipped)
        stored = dict(ExchangeRate.objects.values_list("currency", "rate"))
        assert stored == shipped

    def test_the_command_loads_them_again(self):
        ExchangeRate.objects.all().delete()
        call_command("exchange_rates", "--reference")
        assert ExchangeRate.objects.count() == 30
        assert set(ExchangeRate.objects.values_list("source", flat=True)) == {"reference"}

    def test_the_command_reads_a_url(self, rates_server):
        documents, base = rates_server
        documents["/d.xml"] = ECB_DOCUMENT
        call_command("exchange_rates", "--url", f"{base}/d.xml")
        assert ExchangeRate.objects.get(currency="USD").rate == 2


class TestDemoAndSeedData:
    def test_the_demo_shows_a_converted_and_an_unconverted_currency(self, client):
        call_command("demo", "--no-serve", verbosity=0)
        kes = Job.objects.visible().filter(salary_currency="KES").exclude(salary_max=None)
        ngn = Job.objects.visible().filter(salary_currency="NGN").exclude(salary_max=None)
        assert kes.exists() and ngn.exists()
        assert None not in kes.values_list("salary_yearly_eur", flat=True)
        assert set(ngn.values_list("salary_yearly_eur", flat=True)) == {None}
        html = client.get(URL, {"location": "Kenya"}).text + client.get(URL, {"q": "Lagos"}).text
        assert "KES\u00a0" in html and "(≈ $" in html
        assert "(not converted: no exchange rate)" in html

    def test_seeded_jobs_are_converted(self):
        call_command("seed_jobs", "--count", "40", verbosity=0)
        jobs = Job.objects.exclude(salary_max=None)
        assert jobs.count() > 20
        assert not jobs.filter(salary_yearly_eur=None).exists()
