"""`{% referral_history_panel person gateway=... %}`: the repeat-referral
panel (prevent/channel/panels_history.py) for the signed-in user, so a page
shows it with one line (the Channel case page)."""

from __future__ import annotations

from typing import Any

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from ..panels_history import referral_history

register = template.Library()


@register.simple_tag(takes_context=True)
def referral_history_panel(context: template.Context, person: Any, gateway: Any = None) -> SafeString:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or person is None:
        return SafeString("")
    history = referral_history(user=user, person=person, gateway=gateway)
    html = render_to_string("channel/panels/referral_history.html", {"history": history})
    return SafeString(html)  # nosec B703  # the output of an autoescaped template
