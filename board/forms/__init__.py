from .accounts import SignupForm

__all__ = ["SignupForm"]
