"""Lists whose optional columns each user chooses ("Spalten"), remembered in the user's session.

A view declares its columns once (`ColumnChoice`): the mandatory ones are always shown, the
optional ones as the user last chose them, or the defaults, which keep the list within 1,280 px
next to the staff sidebar. `ColumnChoiceMixin.post` stores a choice and returns to the list; a
column name the list does not know is refused with a message, and the stored choice stays.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.utils.translation import gettext as _

FIELD = "columns"
MARKER = "choose_columns"


@dataclass(frozen=True)
class ColumnChoice:
    key: str
    optional: dict  # name -> label (lazy), in the list's order
    defaults: frozenset

    @property
    def session_key(self):
        return f"columns:{self.key}"

    def shown(self, request):
        stored = request.session.get(self.session_key)
        if not isinstance(stored, list):
            return set(self.defaults)
        return {name for name in stored if name in self.optional}

    def store(self, request, names):
        """Stores the chosen names; returns the names it does not know (then stores nothing)."""
        unknown = [name for name in names if name not in self.optional]
        if not unknown:
            request.session[self.session_key] = [n for n in self.optional if n in names]
        return unknown


class ColumnChoiceMixin:
    column_choice = None

    def post(self, request, *args, **kwargs):
        if MARKER not in request.POST:
            return self.http_method_not_allowed(request, *args, **kwargs)
        unknown = self.column_choice.store(request, request.POST.getlist(FIELD))
        if unknown:
            messages.error(request, _("Unknown column: %(names)s") % {"names": ", ".join(unknown)})
        else:
            messages.success(request, _("Your choice of columns is saved."))
        return HttpResponseRedirect(request.get_full_path())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        shown = self.column_choice.shown(self.request)
        context["columns"] = shown
        context["column_options"] = [
            (name, label, name in shown) for name, label in self.column_choice.optional.items()
        ]
        return context
