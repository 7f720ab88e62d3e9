"""A create view that counts its writes, for the one-time token tests."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template import engines
from django.urls import path

from prevent.core.models import Organisation, Sector
from prevent.core.once import once_per_submission

FORM = engines["django"].from_string('{% load once %}<form method="post">{% once_token %}</form>')


@once_per_submission
def create(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        name = request.POST.get("name", "")
        if not name:
            return HttpResponse("Enter a name", status=200)
        if name == "explode":
            raise RuntimeError("the service failed")
        organisation = Organisation.objects.create(name=name, sector=Sector.OTHER, district="county_wide")
        return redirect(f"/made/{organisation.pk}/")
    return HttpResponse(FORM.render({}))


def made(request: HttpRequest, pk: int) -> HttpResponse:
    return HttpResponse(" | ".join(str(m) for m in messages.get_messages(request)))


urlpatterns = [path("create/", create), path("made/<int:pk>/", made)]
