"""`{% once_token %}`: the hidden one-time token of a create form (see prevent/core/once.py)."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from prevent.core.once import hidden_input

register = template.Library()


@register.simple_tag
def once_token() -> SafeString:
    return hidden_input()
