from django import forms


class StyledFormMixin:
    """Bootstrap classes on every widget, so templates stay plain loops."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            css = "form-check-input" if isinstance(widget, forms.CheckboxInput) else "form-select" if isinstance(
                widget, forms.Select) else "form-control"
            widget.attrs.setdefault("class", css)


class LabelOrValueChoiceField(forms.TypedChoiceField):
    """Accepts a choice's value or its (Chinese) label, as people type labels into sheets."""

    def to_python(self, value):
        value = super().to_python(value)
        for key, label in self.choices:
            if value == str(label):
                return key
        return value
