"""One-time tokens for create forms: a repeated POST shows what the first made.

A create form's template puts `{% once_token %}` beside `{% csrf_token %}`;
its view is decorated with `@once_per_submission`. The first POST that
carries a token claims it (a unique row) before the view runs:

- the view succeeds with a redirect: the row keeps the redirect's target, and
  any later POST of the same token is sent there with a message, without the
  view running again;
- the view re-renders the form (invalid input) or fails: the claim is
  released, so the user can correct and send the same page again;
- a second POST arrives while the first is still being handled (a double
  click): it waits briefly for the first to finish and then follows it.

A POST without a token runs the view as before (scripts and API clients that
do not use the forms). A token belongs to the user who first sent it; someone
else's token is refused."""

from __future__ import annotations

import re
import secrets
import time
from collections.abc import Callable
from datetime import timedelta
from functools import wraps
from typing import Any

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect
from django.utils.html import format_html
from django.utils.safestring import SafeString

from prevent.core import clock

from .models import SubmissionToken

FIELD_NAME = "once_token"
_VALID = re.compile(r"^[A-Za-z0-9_-]{20,64}$")
# How long a second POST waits for the first one to finish, and when a claim
# with no result is taken to belong to a request that died.
WAIT_SECONDS = 5.0
STALE_AFTER = timedelta(seconds=60)
KEEP_FOR = timedelta(days=2)
EXPIRED = "This form has expired. Go back, reload the page and send it again."
ALREADY_SENT = "You already sent this form. It was saved once; this is what it saved."

View = Callable[..., HttpResponse]


def new_token() -> str:
    return secrets.token_urlsafe(32)


def hidden_input() -> SafeString:
    return format_html('<input type="hidden" name="{}" value="{}">', FIELD_NAME, new_token())


def _claim(token: str, request: HttpRequest) -> SubmissionToken | None:
    """The new claim, or None when the token was claimed before."""
    user_id = int(request.user.pk or 0)
    try:
        with transaction.atomic():
            return SubmissionToken.objects.create(
                token=token, user_id=user_id, path=request.path[:500], created_at=clock.now()
            )
    except IntegrityError:
        return None


def _earlier(token: str) -> SubmissionToken | None:
    """The earlier claim once it has a result (waiting briefly for it)."""
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        claim = SubmissionToken.objects.filter(token=token).first()
        if claim is None or claim.result_url:
            return claim
        if claim.created_at < clock.now() - STALE_AFTER or time.monotonic() > deadline:
            return claim
        time.sleep(0.1)


def once_per_submission(view: View) -> View:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        token = request.POST.get(FIELD_NAME, "") if request.method == "POST" else ""
        if not token or not request.user.is_authenticated:
            return view(request, *args, **kwargs)
        if not _VALID.match(token):
            return HttpResponseBadRequest(
                "This form has expired. Go back, reload the page and send it again."
            )
        claim = _claim(token, request)
        if claim is None:
            earlier = _earlier(token)
            if earlier is not None and earlier.user_id != request.user.pk:
                return HttpResponseBadRequest("This form is not yours. Reload the page and send it again.")
            if earlier is not None and earlier.result_url:
                messages.info(request, ALREADY_SENT)
                return redirect(earlier.result_url)
            if earlier is not None:
                # The first request died, or still runs after the wait: a
                # stale claim is released so the form can be sent again.
                if earlier.created_at < clock.now() - STALE_AFTER:
                    earlier.delete()
                    return wrapper(request, *args, **kwargs)
                messages.info(request, "Your form is still being saved. Check below before sending it again.")
                return redirect(request.path)
            claim = _claim(token, request)
            if claim is None:
                return redirect(request.path)
        try:
            response = view(request, *args, **kwargs)
        except BaseException:
            SubmissionToken.objects.filter(pk=claim.pk).delete()
            raise
        location = response.get("Location") if 300 <= response.status_code < 400 else None
        if location:
            SubmissionToken.objects.filter(pk=claim.pk).update(result_url=location[:500])
        else:
            SubmissionToken.objects.filter(pk=claim.pk).delete()
        SubmissionToken.objects.filter(created_at__lt=clock.now() - KEEP_FOR).delete()
        return response

    return wrapper
