"""axe-core finds no violation on the role pages of two-person approval
(ADR 0007): an administrator's own roles page, a roles page with a request
waiting, the Role requests list and every decision page, errors included."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from prevent.accounts.models import RoleGrantRequest
from prevent.accounts.roles import Role
from tests.factories import OrganisationFactory

from .conftest import AxeChecker, new_user
from .test_accessibility import heading, visit

pytestmark = pytest.mark.browser


def test_role_request_pages(signed_in_page: Any, axe: AxeChecker) -> None:
    organisation = OrganisationFactory(name="Cherwell Academy")
    admin = new_user(Role.ADMINISTRATOR, organisation=organisation, full_name="Ada Admin")
    coordinator = new_user(Role.PREVENT_COORDINATOR, full_name="Cora Coordinator")
    first = new_user(Role.PRACTITIONER, organisation=organisation, full_name="Pat Practitioner")
    second = new_user(Role.PRACTITIONER, organisation=organisation, full_name="Sam Second")

    page: Page = signed_in_page(admin)
    visit(page, f"/manage/users/{admin.pk}/roles/", axe, "roles: your own")
    expect(heading(page)).to_have_text("You cannot change your own roles")
    visit(page, f"/manage/users/{first.pk}/roles/", axe, "roles: someone else")
    page.get_by_label("Single Point of Contact (SPOC)").check()
    page.get_by_role("button", name="Save roles").click()
    expect(page.get_by_text("needs approval from a Prevent Coordinator")).to_be_visible()
    axe.check(page, "user details: a role waiting for approval")
    visit(page, f"/manage/users/{first.pk}/roles/", axe, "roles: with a request waiting")
    page.get_by_label("Channel Panel Member").check()
    page.get_by_role("button", name="Save roles").click()
    visit(page, f"/manage/users/{second.pk}/roles/", axe, "roles: second user")
    page.get_by_label("Police Prevent Officer").check()
    page.get_by_role("button", name="Save roles").click()
    visit(page, "/manage/role-requests/", axe, "role requests: the requester's list")
    spoc = RoleGrantRequest.objects.get(user=first, role=Role.SPOC)
    visit(page, f"/manage/role-requests/{spoc.pk}/", axe, "role request: the requester's view")
    visit(page, f"/manage/role-requests/{spoc.pk}/withdraw/", axe, "role request: withdraw")

    page = signed_in_page(coordinator)
    visit(page, "/manage/role-requests/", axe, "role requests: to decide")
    page.get_by_role("link", name="Decide the request to give Pat Practitioner the role Single Point").click()
    axe.check(page, "role request: to decide")
    page.get_by_role("button", name="Approve").click()
    expect(heading(page)).to_contain_text("Are you sure you want to give Pat Practitioner")
    axe.check(page, "role request: approve")
    page.get_by_role("button", name="Approve and give the role").click()
    expect(page.get_by_text("Pat Practitioner now has the role")).to_be_visible()
    axe.check(page, "role requests: after approving")

    member = RoleGrantRequest.objects.get(user=first, role=Role.CHANNEL_MEMBER)
    visit(page, f"/manage/role-requests/{member.pk}/refuse/", axe, "role request: refuse")
    page.get_by_role("button", name="Refuse the request").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter why you are refusing the request")
    axe.check(page, "role request: refuse with error")
    page.get_by_label("Why are you refusing the request?").fill("Not on the panel")
    page.get_by_role("button", name="Refuse the request").click()
    visit(page, f"/manage/role-requests/{member.pk}/", axe, "role request: refused")
    visit(page, f"/manage/role-requests/{spoc.pk}/approve/", axe, "role request: already decided")

    axe.assert_clean()
