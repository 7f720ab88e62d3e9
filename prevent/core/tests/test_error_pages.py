from __future__ import annotations

import pytest
from django.test import RequestFactory

from prevent.core import views


@pytest.mark.django_db
def test_unknown_pages_answer_a_govuk_404(client_for, make_user) -> None:
    response = client_for(make_user("practitioner")).get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert "govuk-template" in response.content.decode()


def test_500_page_renders_without_touching_the_database() -> None:
    request = RequestFactory().get("/")
    # No database access is allowed in this test: the page must not need it.
    response = views.server_error(request)
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in response.content.decode()


@pytest.mark.django_db
def test_400_and_403_pages_use_the_service_layout(rf) -> None:
    from django.contrib.auth.models import AnonymousUser

    request = rf.get("/")
    request.user = AnonymousUser()
    assert "Sorry, there is a problem with your request" in views.bad_request(request).content.decode()
    assert "You do not have permission" in views.permission_denied(request).content.decode()
