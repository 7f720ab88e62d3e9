"""The notification centre, email preferences, and the administrators'
page of emails that could not be sent. Thin views: a selector reads, a
service writes, then a redirect with a banner."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from prevent.core.pagination import page_number, paginate
from prevent.core.view_helpers import actor, submit
from prevent.policy import Action, require

from . import selectors, services
from .forms import PreferenceForm
from .rules import access_notification

PAGE_SIZE = 25


@require_http_methods(["GET"])
def notification_list(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    page = paginate(selectors.notifications_for(actor=user), PAGE_SIZE, page_number(request))
    return render(request, "notifications/list.html", {"page": page})


@require_http_methods(["POST"])
def notification_read(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    notification = access_notification(user, pk)
    services.notification_mark_read(actor=user, notification=notification)
    messages.success(request, "Notification marked as read")
    return redirect("notifications:list")


@require_http_methods(["POST"])
def notification_read_all(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    count = services.notifications_mark_all_read(actor=user)
    messages.success(request, f"{count} notification{'s' if count != 1 else ''} marked as read")
    return redirect("notifications:list")


@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    require(user, Action.CHANGE_NOTIFICATION_PREFERENCES)
    initial = {"email_frequency": selectors.email_frequency_of(actor=user)}
    form = PreferenceForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        done = submit(form, services.notification_preference_set, actor=user, **form.cleaned_data)
        if done is not None:
            messages.success(request, "Your email preference has been saved")
            return redirect("accounts:account")
    return render(request, "notifications/preferences.html", {"form": form})


@require_http_methods(["GET"])
def failed_list(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    page = paginate(selectors.failed_notifications(actor=user), PAGE_SIZE, page_number(request))
    return render(request, "notifications/failed_list.html", {"page": page})


@require_http_methods(["POST"])
def failed_retry(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    failed = selectors.access_failed_notification(user, pk)
    recipient = failed.recipient
    services.failed_notification_retry(actor=user, failed=failed)
    messages.success(request, f"The email to {recipient} has been sent again")
    return redirect("notifications:failed-list")
