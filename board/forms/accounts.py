from django import forms

from board.models import User


class SignupForm(forms.Form):
    """Extra fields on allauth's signup form (ACCOUNT_SIGNUP_FORM_CLASS)."""

    role = forms.ChoiceField(
        label="I want to…",
        choices=[(User.Role.SEEKER, "find a job"), (User.Role.EMPLOYER, "hire")],
        widget=forms.RadioSelect,
        initial=User.Role.SEEKER,
    )

    def signup(self, request, user):
        user.role = self.cleaned_data["role"]
        user.save(update_fields=["role"])
