"""Small helpers every view module needs: who is asking, and putting a
service's refusal onto the form the user sent.

    @require_http_methods(["GET", "POST"])
    def gateway_external(request):
        user = actor(request)
        form = F.ExternalReferralForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            gateway = submit(form, services.gateway_log_external_referral, actor=user, **form.cleaned_data)
            if gateway is not None:
                messages.success(request, f"Referral {gateway.reference} has been added")
                return redirect("channel:gateway-assess", pk=gateway.pk)
        return render(request, "channel/form.html", {"form": form})   # with the errors, as typed

`submit` replaces the repeated try/except ValidationError/add_errors
blocks. For a service that returns nothing, test `form.is_valid()` after
the call (a refusal adds errors to the form)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import BaseForm
from django.http import HttpRequest

if TYPE_CHECKING:
    from prevent.accounts.models import User


def actor(request: HttpRequest) -> User:
    """The signed-in user making the request. LoginRequiredMiddleware lets
    no anonymous request reach a view that needs one; if one gets here all
    the same it is refused (403), never an AssertionError or a 500."""
    from prevent.accounts.models import User

    user = getattr(request, "user", None)
    if not isinstance(user, User) or not user.is_authenticated or not user.is_active:
        raise PermissionDenied
    return user


def add_errors(form: BaseForm, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: each message on its
    field when the form has that field, otherwise at the top of the form."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


def submit[T](form: BaseForm, service: Callable[..., T], /, **kwargs: Any) -> T | None:
    """Call `service(**kwargs)` for a valid form and return its result; when
    the service refuses with a ValidationError, put its messages on the form
    (see `add_errors`) and return None. An invalid form is not submitted.
    PermissionDenied and Http404 pass through."""
    if not form.is_valid():
        return None
    try:
        return service(**kwargs)
    except ValidationError as error:
        add_errors(form, error)
        return None
