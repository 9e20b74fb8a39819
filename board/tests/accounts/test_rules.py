"""The account rules of board/accounts/rules.py, and that nobody else asks the question."""

import re
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import AnonymousUser

from board.accounts import rules
from board.tests.factories import EmployerFactory, SeekerFactory, StaffFactory

pytestmark = pytest.mark.django_db

BOARD = Path(__file__).resolve().parents[2]


class TestHasVerifiedEmail:
    def test_a_verified_account(self):
        assert rules.has_verified_email(SeekerFactory())

    def test_an_unverified_account(self):
        assert not rules.has_verified_email(SeekerFactory(verified=False))

    def test_anonymous(self, django_assert_num_queries):
        with django_assert_num_queries(0):
            assert not rules.has_verified_email(AnonymousUser())

    def test_an_address_in_any_case(self):
        user = EmployerFactory(email="ada@example.com")
        assert rules.has_verified_email(user, "Ada@Example.COM")

    def test_another_verified_address_does_not_prove_this_one(self):
        user = EmployerFactory(email="ada@example.com", verified=False)
        EmailAddress.objects.create(user=user, email="old@example.com", verified=True)
        assert rules.has_verified_email(user)
        assert not rules.has_verified_email(user, "ada@example.com")

    def test_someone_elses_verified_address_does_not_count(self):
        SeekerFactory(email="ada@example.com")
        impostor = EmployerFactory(email="eve@example.com", verified=False)
        assert not rules.has_verified_email(impostor, "ada@example.com")


class TestEmployerRefusal:
    @pytest.mark.parametrize(
        ("make_user", "expected"),
        [
            (AnonymousUser, rules.NOT_EMPLOYER),
            (SeekerFactory, rules.NOT_EMPLOYER),
            (StaffFactory, rules.NOT_EMPLOYER),  # staff are admins, not employers
            (lambda: EmployerFactory(verified=False), rules.UNVERIFIED),
            (EmployerFactory, None),
        ],
        ids=["anonymous", "seeker", "staff", "unverified employer", "employer"],
    )
    def test_who_may_act_for_a_company(self, make_user, expected):
        user = make_user()
        assert rules.employer_refusal(user) == expected
        assert rules.is_verified_employer(user) is (expected is None)


def _code_files():
    for path in BOARD.rglob("*.py"):
        relative = path.relative_to(BOARD).as_posix()
        if relative.startswith(("tests/", "migrations/", "devtools/")):
            continue
        yield relative, path.read_text()


def test_no_other_module_asks_whether_an_address_is_verified():
    askers = {name for name, text in _code_files() if "EmailAddress.objects" in text}
    assert askers == {"accounts/rules.py"}


def test_no_other_module_defines_the_employer_role():
    # User.is_employer is the definition; the sign-up form offers the role.
    pattern = re.compile(r"Role\.EMPLOYER\b|[=!]=\s*[\"']employer[\"']|[\"']employer[\"']\s*[=!]=")
    definers = {name for name, text in _code_files() if pattern.search(text)}
    assert definers <= {"accounts/models.py", "accounts/forms.py"}, definers
