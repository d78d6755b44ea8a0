"""Choice fields that refuse ids the database cannot hold, for every staff and public form."""

from django import forms

MAX_ID = 2**63 - 1


def is_id(text):
    # "²".isdigit() is true, but int("²") fails: only ASCII digits are ids.
    return text.isascii() and text.isdigit()


def is_valid_id(value):
    text = str(value)
    return is_id(text) and 0 < int(text) <= MAX_ID


class SafeModelChoiceField(forms.ModelChoiceField):
    """Refuses ids the database cannot hold (SQLite raises OverflowError for them)."""

    def to_python(self, value):
        if value not in self.empty_values and not self.to_field_name and not is_valid_id(value):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )
        return super().to_python(value)


class SafeModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Refuses ids the database cannot hold (SQLite raises OverflowError for them)."""

    def _check_values(self, value):
        for pk in value:
            if not is_valid_id(pk):
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)
