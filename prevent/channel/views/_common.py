"""What the Channel pages share: the one question page template."""

from __future__ import annotations

from typing import Any

from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def form_page(
    request: HttpRequest,
    form: BaseForm,
    *,
    title: str,
    caption: str,
    back: str,
    button: str = "Continue",
    intro: str = "",
    extra: dict[str, Any] | None = None,
    template: str = "channel/form.html",
) -> HttpResponse:
    """A question page: the form with its errors and what was typed."""
    context = {
        "form": form,
        "title": title,
        "caption": caption,
        "back": back,
        "button": button,
        "intro": intro,
    }
    return render(request, template, {**context, **(extra or {})})
