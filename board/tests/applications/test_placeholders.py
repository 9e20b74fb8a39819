"""Placeholders in message templates: a fixed set of names, nothing else."""

import pytest

from board.applications.placeholders import PLACEHOLDERS, fill, placeholder_errors

VALUES = {"applicant_name": "Sam Rivera", "job_title": "Data Engineer", "company_name": "Acme"}


def test_known_placeholders_are_filled():
    text = "Dear {applicant_name}, about {job_title} at {company_name}."
    assert placeholder_errors(text) == []
    assert fill(text, VALUES) == "Dear Sam Rivera, about Data Engineer at Acme."


def test_double_braces_are_literal_braces():
    text = "Write {{applicant_name}} or {{ x }} to mean braces."
    assert placeholder_errors(text) == []
    assert fill(text, VALUES) == "Write {applicant_name} or { x } to mean braces."


@pytest.mark.parametrize(
    "hostile",
    [
        "{applicant_name.__class__}",
        "{applicant_name.__class__.__init__.__globals__}",
        "{0}",
        "{}",
        "{applicant_name!r}",
        "{applicant_name:>99999999}",
        "{job_title[0]}",
        "{{% debug %}}{% debug %}{{settings.SECRET_KEY}}",  # "{% debug %}" leaves a lone brace
        "{ applicant_name }",
        "{SECRET_KEY}",
    ],
)
def test_anything_else_in_braces_is_a_clear_error(hostile):
    errors = placeholder_errors(hostile)
    assert errors
    assert any("Unknown placeholder" in e or "brace is not closed" in e for e in errors)
    with pytest.raises(KeyError):
        fill(hostile, VALUES)


@pytest.mark.parametrize("stray", ["{", "}", "a { b", "{applicant_name", "x}"])
def test_a_lone_brace_is_an_error_that_says_how_to_write_one(stray):
    assert placeholder_errors(stray) == [
        'A brace is not closed. To write a brace itself, type "{{" or "}}".'
    ]


def test_the_error_names_the_unknown_placeholder_and_the_known_ones():
    [error] = placeholder_errors("Hello {first_name}")
    assert "{first_name}" in error
    for name in PLACEHOLDERS:
        assert f"{{{name}}}" in error


def test_values_are_never_read_as_placeholders_themselves():
    # An applicant who calls themselves "{job_title}" or "{0.__class__}" stays as typed.
    values = {**VALUES, "applicant_name": "{job_title} {0.__class__} {{"}
    assert fill("Dear {applicant_name}", values) == "Dear {job_title} {0.__class__} {{"


def test_very_long_text_is_checked_and_filled_in_linear_time():
    text = ("{applicant_name} " + "x" * 100 + "{{ ") * 5000  # ~560 kB
    assert placeholder_errors(text) == []
    assert fill(text, VALUES).count("Sam Rivera") == 5000
    # Long runs of braces do not make the pattern backtrack.
    assert placeholder_errors("{" * 100_000) == []  # all pairs: "{{" × 50,000
    assert placeholder_errors("{" * 100_001)


def test_the_error_list_stays_short_with_many_unknown_names():
    [error] = placeholder_errors(" ".join(f"{{n{i}}}" for i in range(1000)))
    assert len(error) < 300
