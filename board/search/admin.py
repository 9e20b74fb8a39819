from django import forms
from django.contrib import admin

from board.search import synonyms
from board.search.engine import search_terms
from board.search.models import Synonym


class SynonymForm(forms.ModelForm):
    class Meta:
        model = Synonym
        fields = ["term", "expansion"]

    def clean(self):
        # Searched as a query is: a synonym of only common words or symbols
        # ("the", "++") would never match anything.
        cleaned = super().clean()
        for field in ("term", "expansion"):
            words = search_terms(cleaned.get(field, ""))
            if field in cleaned and not words:
                self.add_error(field, "This has no word that can be searched.")
            elif len(words) > synonyms.MAX_PHRASE_WORDS:
                self.add_error(field, f"At most {synonyms.MAX_PHRASE_WORDS} words.")
        return cleaned


@admin.register(Synonym)
class SynonymAdmin(admin.ModelAdmin):
    form = SynonymForm
    list_display = ["term", "expansion", "updated"]
    search_fields = ["term", "expansion"]

    # Searches read a cached copy of the table: drop it on every change.
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        synonyms.forget()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        synonyms.forget()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        synonyms.forget()
