"""Role x URL matrix, generated from the URL map.

Every named route (walked from `django.urls.get_resolver()`, as
tests/test_url_access.py and tests/test_person_reads_audited.py walk it) is
opened by each role, and by a user of another organisation, with real ids
from tests/builders.py (World) filled in: GET, or POST (empty form) where the
route answers GET with 405. The status each should get is written down ONCE
per route in EXPECTED (route name -> {user: status}, "*" the default), like
the permission tests of uktrade data-hub-api. A route without an entry fails
("add <name> to EXPECTED"), as does an entry for a route that is gone.

Records about people that a user may not see answer 404, never 403; a 500
is always wrong. Every request is made inside its own savepoint, rolled
back, so a POST does not change what the next user sees.

The ids (FILL): Scenario.fill() of tests/test_person_reads_audited.py for the
routes about the person (its first choice), and below for the rest."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client
from django.urls import reverse

from prevent.accounts.models import RoleGrantRequest, User
from prevent.accounts.roles import Role
from tests.builders import ROLE_KEYS, World, kept_for_the_module, sign_in
from tests.test_person_reads_audited import NOT_ABOUT_A_PERSON, ROUTES, _named

# The users of the matrix: one per role, then a user of another organisation
# (a practitioner, SPOC and Channel member of the Probation Service: on no
# meeting, sent no request, raised nothing).
OTHER_ORG = "other_org"
USERS: tuple[str, ...] = (*ROLE_KEYS.values(), OTHER_ORG)
WORLD_KEY = {**{key: key for key in ROLE_KEYS.values()}, OTHER_ORG: "outsider"}
ANY = "*"
PRACTITIONER, SPOC, COORDINATOR, POLICE = "practitioner", "spoc", "coordinator", "police"
CHAIR, MEMBER, ANALYST, ADMIN = "chair", "member", "analyst", "admin"

# GET would end the session: opened with POST instead (in its savepoint).
POST_ONLY = {"accounts:sign-out", "accounts:sign-out-everywhere"}

# route name -> the status each user gets (ANY: everyone not named). POST-only
# routes (405 to GET) are sent an empty form: 302 where it acts at once, 200
# where it shows its errors or a confirmation page.
EXPECTED: dict[str, dict[str, int]] = {
    "accounts:account": {ANY: 200},
    # Passkeys (prevent/accounts/passkeys.py): the page, and the JSON ceremony
    # endpoints (a ceremony not begun in the session is refused with 400).
    "accounts:passkeys": {ANY: 200},
    "otp_webauthn:credential-registration-begin": {ANY: 200},
    "otp_webauthn:credential-registration-complete": {ANY: 400},
    "otp_webauthn:credential-authentication-begin": {ANY: 200},
    "otp_webauthn:credential-authentication-complete": {ANY: 400},
    "otp_webauthn:js-i18n-catalog": {ANY: 200},
    # The API (prevent/api): JSON, each list within the caller's scope (an
    # empty list where the scope is empty), 403 where the pages have a
    # list-level rule, 404 for records outside the scope; admin pages.
    "api:schema": {ANY: 200},
    "api:docs": {ANY: 200},
    "api:concern-list": {ANY: 200},
    "api:concern-detail": {ANY: 404, PRACTITIONER: 200, SPOC: 200, COORDINATOR: 200, POLICE: 200},
    "api:gateway-referral-list": {ANY: 403, COORDINATOR: 200, POLICE: 200},
    "api:gateway-referral-detail": {ANY: 404, COORDINATOR: 200, POLICE: 200},
    "api:channel-case-list": {ANY: 200, PRACTITIONER: 403, SPOC: 403, ANALYST: 403, ADMIN: 403},
    "api:channel-case-detail": {ANY: 404, COORDINATOR: 200, POLICE: 200, CHAIR: 200, MEMBER: 200},
    "api:self-assessment-list": {ANY: 403, SPOC: 200, COORDINATOR: 200, OTHER_ORG: 200},
    "api:self-assessment-detail": {ANY: 404, SPOC: 200, COORDINATOR: 200},
    "api:training-completion-list": {ANY: 200},
    "api:training-completion-detail": {ANY: 404, PRACTITIONER: 200, SPOC: 200, COORDINATOR: 200},
    "api:statistics": {ANY: 403, COORDINATOR: 200, ANALYST: 200},
    "api:token-list": {ANY: 403, ADMIN: 200},
    "api:token-new": {ANY: 403, ADMIN: 200},
    "api:token-detail": {ANY: 404, ADMIN: 200},
    "api:token-revoke": {ANY: 404, ADMIN: 200},
    "api:webhook-list": {ANY: 403, ADMIN: 200},
    "api:webhook-new": {ANY: 403, ADMIN: 200},
    "api:webhook-detail": {ANY: 404, ADMIN: 200},
    "api:webhook-disable": {ANY: 404, ADMIN: 200},
    "accounts:password-reset": {ANY: 200},
    "accounts:password-reset-complete": {ANY: 200},
    "accounts:password-reset-confirm": {ANY: 200},
    "accounts:password-reset-done": {ANY: 200},
    "accounts:recovery-codes": {ANY: 302},
    "accounts:role-request-approve": {
        ANY: 404,
        SPOC: 200,
        COORDINATOR: 200,
        ANALYST: 403,
        ADMIN: 403,
        OTHER_ORG: 200,
    },
    "accounts:role-request-detail": {
        ANY: 404,
        SPOC: 200,
        COORDINATOR: 200,
        ANALYST: 403,
        ADMIN: 200,
        OTHER_ORG: 200,
    },
    "accounts:role-request-list": {ANY: 200, ANALYST: 403},
    "accounts:role-request-refuse": {
        ANY: 404,
        SPOC: 200,
        COORDINATOR: 200,
        ANALYST: 403,
        ADMIN: 403,
        OTHER_ORG: 200,
    },
    "accounts:role-request-withdraw": {
        ANY: 404,
        SPOC: 403,
        COORDINATOR: 403,
        ANALYST: 403,
        ADMIN: 200,
        OTHER_ORG: 403,
    },
    "accounts:sign-in": {ANY: 302},
    "accounts:sign-out": {ANY: 302},
    "accounts:sign-out-everywhere": {ANY: 302},
    "accounts:signed-out": {ANY: 200},
    "accounts:two-factor-setup": {ANY: 200},
    "accounts:two-factor-verify": {ANY: 302},
    "audit:event-detail": {ANY: 403, COORDINATOR: 200},
    "audit:event-list": {ANY: 403, COORDINATOR: 200},
    "channel:action-add": {ANY: 404, COORDINATOR: 200, POLICE: 403, CHAIR: 200, MEMBER: 403},
    "channel:action-done": {ANY: 404, COORDINATOR: 302, POLICE: 403, CHAIR: 302, MEMBER: 302},
    "channel:agenda-add": {ANY: 404, COORDINATOR: 200, POLICE: 403, CHAIR: 200, MEMBER: 403},
    "channel:agenda-notes": {ANY: 404, COORDINATOR: 200, POLICE: 403, CHAIR: 200, MEMBER: 403},
    "channel:agenda-remove": {ANY: 404, COORDINATOR: 302, POLICE: 403, CHAIR: 302, MEMBER: 403},
    "channel:attendance": {ANY: 404, COORDINATOR: 200, POLICE: 403, CHAIR: 200, MEMBER: 403},
    "channel:case-detail": {ANY: 404, COORDINATOR: 200, POLICE: 200, CHAIR: 200, MEMBER: 200},
    "channel:case-exit": {ANY: 404, COORDINATOR: 200, CHAIR: 200},
    "channel:case-information-request": {ANY: 404, COORDINATOR: 200},
    "channel:case-list": {ANY: 200, PRACTITIONER: 403, SPOC: 403, ANALYST: 403, ADMIN: 403},
    "channel:case-safeguarding-link": {ANY: 404, COORDINATOR: 200},
    "channel:closing-report": {ANY: 404, CHAIR: 200},
    "channel:consent": {ANY: 404, COORDINATOR: 200},
    "channel:decision": {ANY: 404, COORDINATOR: 200, POLICE: 403, CHAIR: 200, MEMBER: 403},
    "channel:decision-confirm": {ANY: 404, COORDINATOR: 403, POLICE: 403, CHAIR: 200, MEMBER: 403},
    "channel:decision-supersede": {ANY: 404, COORDINATOR: 200, POLICE: 403, CHAIR: 200, MEMBER: 403},
    "channel:gateway-assess": {ANY: 404, COORDINATOR: 200, POLICE: 200},
    "channel:gateway-assess-concern": {ANY: 404, POLICE: 200},
    "channel:gateway-external": {ANY: 403, POLICE: 200},
    "channel:gateway-queue": {ANY: 403, COORDINATOR: 200, POLICE: 200},
    "channel:gateway-history": {ANY: 403, COORDINATOR: 200, POLICE: 200},
    "channel:information-request": {ANY: 404, COORDINATOR: 200, MEMBER: 200},
    "channel:information-requests": {ANY: 200, PRACTITIONER: 403, CHAIR: 403, ANALYST: 403, ADMIN: 403},
    "channel:intervention-add": {ANY: 404, COORDINATOR: 200},
    "channel:intervention-end": {ANY: 404, COORDINATOR: 200},
    "channel:intervention-change": {ANY: 404, COORDINATOR: 200},
    "channel:intervention-progress": {ANY: 404, COORDINATOR: 200},
    "channel:minutes": {ANY: 404, COORDINATOR: 200, POLICE: 403, CHAIR: 200, MEMBER: 403},
    "channel:minutes-pdf": {ANY: 404, COORDINATOR: 200, POLICE: 200, CHAIR: 200, MEMBER: 200},
    "channel:panel-build-agenda": {ANY: 404, COORDINATOR: 302, POLICE: 403, CHAIR: 302, MEMBER: 403},
    "channel:panel-detail": {ANY: 404, COORDINATOR: 200, POLICE: 200, CHAIR: 200, MEMBER: 200},
    "channel:panel-details": {ANY: 404, COORDINATOR: 200, POLICE: 403, CHAIR: 200, MEMBER: 403},
    "channel:panel-invitation": {ANY: 404, COORDINATOR: 200, POLICE: 200, CHAIR: 200, MEMBER: 200},
    "channel:panel-list": {ANY: 200, PRACTITIONER: 403, SPOC: 403, ANALYST: 403, ADMIN: 403},
    "channel:panel-members": {ANY: 404, COORDINATOR: 200, POLICE: 403, CHAIR: 200, MEMBER: 403},
    "channel:panel-schedule": {ANY: 403, COORDINATOR: 200, CHAIR: 200},
    "channel:provider-archive": {ANY: 403, COORDINATOR: 302},
    "channel:providers": {ANY: 403, COORDINATOR: 200, CHAIR: 200},
    "channel:response-file": {ANY: 404, COORDINATOR: 200, MEMBER: 200},
    "channel:review-record": {ANY: 404, COORDINATOR: 200},
    "channel:vaf-detail": {ANY: 404, COORDINATOR: 200, POLICE: 200, CHAIR: 200, MEMBER: 200},
    "channel:vaf-new": {ANY: 404, COORDINATOR: 200},
    "concerns:addendum": {ANY: 404, PRACTITIONER: 200, SPOC: 200},
    "concerns:answer": {ANY: 404, PRACTITIONER: 200},
    "concerns:attachment": {ANY: 404, PRACTITIONER: 200},
    "concerns:attachment-remove": {ANY: 404, PRACTITIONER: 302},
    "concerns:check": {ANY: 404, PRACTITIONER: 200},
    "concerns:close": {ANY: 404, SPOC: 200},
    "concerns:decision": {ANY: 404, SPOC: 200},
    "concerns:detail": {ANY: 404, PRACTITIONER: 200, SPOC: 200, COORDINATOR: 200, POLICE: 200},
    "concerns:draft": {ANY: 404, PRACTITIONER: 200},
    "concerns:index": {ANY: 403, PRACTITIONER: 200, SPOC: 200, OTHER_ORG: 200},
    "concerns:link-person": {ANY: 404, SPOC: 200},
    "concerns:new": {ANY: 403, PRACTITIONER: 200, SPOC: 200, OTHER_ORG: 200},
    "concerns:person": {
        ANY: 404,
        PRACTITIONER: 200,
        SPOC: 200,
        COORDINATOR: 200,
        POLICE: 200,
        CHAIR: 200,
        MEMBER: 200,
    },
    "concerns:referral-update": {ANY: 404, SPOC: 200},
    "concerns:referral-information": {ANY: 404, SPOC: 200},
    "concerns:organisation": {ANY: 403, SPOC: 200, OTHER_ORG: 200},
    "concerns:request-information": {ANY: 404, SPOC: 200},
    "concerns:step": {ANY: 404, PRACTITIONER: 200},
    "concerns:submitted": {ANY: 404, PRACTITIONER: 200},
    "concerns:triage-queue": {ANY: 403, SPOC: 200, OTHER_ORG: 200},
    "core:accessibility": {ANY: 200},
    "core:healthz": {ANY: 200},
    # What was typed before a session ran out: only in the browser holding its cookie.
    "core:kept-input": {ANY: 404},
    "core:home": {ANY: 200},
    "core:privacy": {ANY: 200},
    "home:home": {ANY: 200},
    "notifications:list": {ANY: 200},
    "notifications:read": {ANY: 404, SPOC: 302},
    "notifications:read-all": {ANY: 302},
    "notifications:preferences": {ANY: 200},
    "notifications:failed-list": {ANY: 403, ADMIN: 200},
    "notifications:failed-retry": {ANY: 403, ADMIN: 404},
    "people:list": {ANY: 200, ANALYST: 403, ADMIN: 403},
    "people:search": {ANY: 200, ANALYST: 403, ADMIN: 403},
    "people:duplicates": {ANY: 403, SPOC: 200, COORDINATOR: 200, OTHER_ORG: 200},
    "people:merge": {ANY: 404, SPOC: 200},
    "people:merge-detail": {ANY: 404, SPOC: 200},
    # Restricted records (issue 14): Rhea Restricted, named to the SPOC and
    # the coordinator; the police officer holds a break-glass access.
    "people:restrict": {ANY: 404, COORDINATOR: 200},
    "people:unrestrict": {ANY: 404, COORDINATOR: 200},
    "people:break-glass": {ANY: 404, PRACTITIONER: 200, CHAIR: 200},
    "people:break-glass-report": {ANY: 403, COORDINATOR: 200},
    "home:person-chronology": {ANY: 200, ANALYST: 404, ADMIN: 404, OTHER_ORG: 404},
    "home:person-chronology-pdf": {ANY: 200, ANALYST: 404, ADMIN: 404, OTHER_ORG: 404},
    "guidance:concern-type-add": {ANY: 403, COORDINATOR: 200},
    "guidance:concern-type-delete": {ANY: 403, COORDINATOR: 200},
    "guidance:how-to-report": {ANY: 200},
    "guidance:index": {ANY: 200},
    "guidance:influences": {ANY: 200},
    "guidance:manage": {ANY: 403, COORDINATOR: 200},
    "guidance:manage-change": {ANY: 403, COORDINATOR: 200},
    "guidance:manage-list": {ANY: 403, COORDINATOR: 200},
    "guidance:manage-restore": {ANY: 403, COORDINATOR: 302},
    "guidance:manage-retire": {ANY: 403, COORDINATOR: 200},
    "guidance:page": {ANY: 200},
    "guidance:pyramid": {ANY: 200},
    "guidance:vulnerability-factors": {ANY: 200},
    "local-area:change": {ANY: 403, ADMIN: 200},
    "local-area:detail": {ANY: 403, ADMIN: 200},
    "organisations:add": {ANY: 403, ADMIN: 200},
    "organisations:archive": {ANY: 403, ADMIN: 200},
    "organisations:change": {ANY: 403, ADMIN: 200},
    "organisations:detail": {ANY: 403, ADMIN: 200},
    "organisations:list": {ANY: 403, ADMIN: 200},
    "organisations:restore": {ANY: 403, ADMIN: 302},
    "self_assessment:action-add": {ANY: 404, SPOC: 200, COORDINATOR: 403},
    "self_assessment:action-change": {ANY: 404, SPOC: 200, COORDINATOR: 403},
    "self_assessment:action-remove": {ANY: 404, SPOC: 200, COORDINATOR: 403},
    "self_assessment:check": {ANY: 404, SPOC: 200, COORDINATOR: 403},
    "self_assessment:compare": {ANY: 403, SPOC: 200, COORDINATOR: 200, OTHER_ORG: 404},
    "self_assessment:detail": {ANY: 404, SPOC: 200, COORDINATOR: 200},
    "self_assessment:details": {ANY: 404, SPOC: 200, COORDINATOR: 403},
    "self_assessment:export-csv": {ANY: 404, SPOC: 200, COORDINATOR: 200},
    "self_assessment:export-pdf": {ANY: 404, SPOC: 200, COORDINATOR: 200},
    "self_assessment:file": {ANY: 404, SPOC: 200, COORDINATOR: 200},
    "self_assessment:history": {ANY: 403, SPOC: 200, COORDINATOR: 200, OTHER_ORG: 404},
    "self_assessment:list": {ANY: 403, SPOC: 200, COORDINATOR: 200, OTHER_ORG: 200},
    "self_assessment:objective": {ANY: 404, SPOC: 200, COORDINATOR: 403},
    "self_assessment:overview": {ANY: 403, COORDINATOR: 200},
    "self_assessment:overview-csv": {ANY: 403, COORDINATOR: 200},
    "self_assessment:start": {ANY: 403, SPOC: 200, OTHER_ORG: 200},
    "self_assessment:submit": {ANY: 404, SPOC: 200, COORDINATOR: 403},
    "self_assessment:template": {ANY: 403, SPOC: 200, COORDINATOR: 200, OTHER_ORG: 200},
    "self_assessment:template-publish": {ANY: 403, COORDINATOR: 200},
    "training:certificate": {ANY: 404, PRACTITIONER: 200, SPOC: 200, COORDINATOR: 200},
    "training:completion-detail": {ANY: 404, PRACTITIONER: 200, SPOC: 200, COORDINATOR: 200},
    "training:compliance": {ANY: 404, SPOC: 200, COORDINATOR: 200},
    "training:compliance-csv": {ANY: 404, SPOC: 200, COORDINATOR: 200},
    "training:course-add": {ANY: 403, COORDINATOR: 200},
    "training:course-change": {ANY: 403, COORDINATOR: 200},
    "training:course-list": {ANY: 200},
    "training:course-restore": {ANY: 403, COORDINATOR: 302},
    "training:course-retire": {ANY: 403, COORDINATOR: 200},
    "training:declare": {ANY: 200},
    "training:import": {ANY: 403, SPOC: 200, OTHER_ORG: 200, ADMIN: 200},
    "training:import-confirm": {ANY: 404, SPOC: 302},
    "training:import-progress": {ANY: 404, SPOC: 200},
    "training:index": {ANY: 200},
    "training:partnership": {ANY: 403, COORDINATOR: 200},
    "training:partnership-csv": {ANY: 403, COORDINATOR: 200},
    "training:plan": {ANY: 404, SPOC: 200},
    # The police officer is the world's accredited trainer (of the session).
    "training:session-add": {ANY: 403, COORDINATOR: 200, POLICE: 200},
    "training:session-attendance": {ANY: 403, COORDINATOR: 200, POLICE: 200},
    "training:session-book": {ANY: 302},
    "training:session-calendar": {ANY: 200},
    "training:session-cancel": {ANY: 302, PRACTITIONER: 200},
    "training:session-cascade": {ANY: 403, SPOC: 200, OTHER_ORG: 200},
    "training:session-detail": {ANY: 200},
    "training:session-list": {ANY: 200},
    "training:to-confirm": {ANY: 403, SPOC: 200, COORDINATOR: 200, OTHER_ORG: 200},
    "training:trainer-retire": {ANY: 403, COORDINATOR: 200},
    "training:trainers": {ANY: 403, COORDINATOR: 200},
    "reporting:statistics": {ANY: 403, COORDINATOR: 200, ANALYST: 200},
    "reporting:trends": {ANY: 403, COORDINATOR: 200, ANALYST: 200},
    "reporting:refresh": {ANY: 403, COORDINATOR: 302, ANALYST: 302},
    "reporting:csv": {ANY: 403, COORDINATOR: 200, ANALYST: 200},
    "reporting:board-report": {ANY: 403, COORDINATOR: 200, ANALYST: 200},
    "reporting:national-return": {ANY: 403, COORDINATOR: 200, ANALYST: 200},
    "reporting:national-return-csv": {ANY: 403, COORDINATOR: 200, ANALYST: 200},
    "reporting:data-quality": {ANY: 403, COORDINATOR: 200},
    # Data protection (prevent/privacy): coordinators. No review item exists
    # in the World, so its pages answer a coordinator 404.
    "privacy:schedule": {ANY: 403, COORDINATOR: 200},
    "privacy:rule-change": {ANY: 403, COORDINATOR: 200},
    "privacy:queue": {ANY: 403, COORDINATOR: 200},
    "privacy:review": {ANY: 403, COORDINATOR: 404},
    "privacy:review-dispose": {ANY: 403, COORDINATOR: 404},
    "privacy:review-keep": {ANY: 403, COORDINATOR: 404},
    "privacy:subject-access": {ANY: 404, COORDINATOR: 200},
    "privacy:subject-access-download": {ANY: 404, COORDINATOR: 200},
    "privacy:who-looked": {ANY: 404, COORDINATOR: 200},
    "privacy:my-access": {ANY: 200},
    "users:add": {ANY: 403, ADMIN: 200},
    "users:change": {ANY: 403, ADMIN: 200},
    "users:deactivate": {ANY: 403, ADMIN: 200},
    "users:detail": {ANY: 403, ADMIN: 200},
    "users:list": {ANY: 403, ADMIN: 200},
    "users:reactivate": {ANY: 403, ADMIN: 200},
    "users:resend-invitation": {ANY: 403, ADMIN: 200},
    "users:reset-second-factor": {ANY: 403, ADMIN: 200},
    "users:unlock": {ANY: 403, ADMIN: 200},
    "users:roles": {ANY: 403, ADMIN: 200},
}

# Routes whose expected status is right but the code answers otherwise: a
# bug for the owning engineer (strict: fixing it fails here until removed).
KNOWN_BUGS: dict[str, str] = {}

ROUTE_NAMES = [name for name, _ in ROUTES]
PATTERNS = dict(ROUTES)


def _fill(world: World) -> dict[str, dict[str, Any]]:
    from prevent.guidance.models import ConcernType, GuidancePage, Influence

    fill = {name: choices[0] for name, choices in world.fill().items() if choices}
    draft = world.assessment_draft
    number = world.objective.number
    influence = Influence.objects.order_by("pk").first()
    page = GuidancePage.objects.order_by("pk").first()
    concern_type = ConcernType.objects.order_by("pk").first()
    other_user = world.people["other_practitioner"].pk
    spoc_notification = world.people["spoc"].notifications.values_list("pk", flat=True).first()
    fill.update(
        {
            "accounts:password-reset-confirm": {"uidb64": "x", "token": "x"},
            # Triage pages: a concern still awaiting triage.
            "concerns:close": {"pk": world.awaiting.pk},
            "concerns:decision": {"pk": world.awaiting.pk},
            "concerns:request-information": {"pk": world.awaiting.pk},
            # The person of the school's concern that went to Channel.
            "concerns:person": {"pk": world.to_channel.concern.person_id},
            "home:person-chronology": {"pk": world.to_channel.concern.person_id},
            "home:person-chronology-pdf": {"pk": world.to_channel.concern.person_id},
            # Two people of the school's concerns; the merge the SPOC made.
            "people:merge": {
                "keep_pk": world.awaiting.person_id,
                "merge_pk": world.to_channel.concern.person_id,
            },
            "people:merge-detail": {"pk": world.person_merge.pk},
            "people:restrict": {"pk": world.restricted_case.person_id},
            "people:unrestrict": {"pk": world.restricted_case.person_id},
            "people:break-glass": {"pk": world.restricted_case.person_id},
            "core:kept-input": {"token": "not-kept"},
            # One of the SPOC's own notifications (a concern was submitted).
            "notifications:read": {"pk": spoc_notification},
            # No email has failed in the World: administrators get 404.
            "notifications:failed-retry": {"pk": 999999},
            # The API: the school's draft self-assessment, the practitioner's
            # completion; the SPOC's token, the school's webhook endpoint.
            "api:self-assessment-detail": {"pk": world.assessment_draft.pk},
            "api:training-completion-detail": {"pk": world.completion.pk},
            "api:token-detail": {"pk": world.api_token.pk},
            "api:token-revoke": {"pk": world.api_token.pk},
            "api:webhook-detail": {"pk": world.webhook.pk},
            "api:webhook-disable": {"pk": world.webhook.pk},
            # A case recommended for exit, its closing report still to do.
            "privacy:rule-change": {"record_type": "concern", "outcome": "no_referral"},
            "privacy:review": {"pk": 999999},
            "privacy:review-dispose": {"pk": 999999},
            "privacy:review-keep": {"pk": 999999},
            "channel:case-exit": {"pk": world.other_case.pk},
            "channel:closing-report": {"pk": world.other_case.pk},
            "accounts:role-request-approve": {"pk": world.grant_request.pk},
            "accounts:role-request-detail": {"pk": world.grant_request.pk},
            "accounts:role-request-refuse": {"pk": world.grant_request.pk},
            "accounts:role-request-withdraw": {"pk": world.grant_request.pk},
            "concerns:attachment": {"pk": world.draft.pk, "attachment_pk": world.attachment.pk},
            "concerns:attachment-remove": {"pk": world.draft.pk, "attachment_pk": world.attachment.pk},
            "guidance:manage-list": {"kind": "influences"},
            "guidance:manage-change": {"kind": "influences", "pk": influence.pk if influence else 1},
            "guidance:manage-restore": {"kind": "influences", "pk": influence.pk if influence else 1},
            "guidance:manage-retire": {"kind": "influences", "pk": influence.pk if influence else 1},
            "guidance:page": {"slug": page.slug if page else "x"},
            # An official type of concern: the page says why it cannot be deleted.
            "guidance:concern-type-delete": {"pk": concern_type.pk if concern_type else 1},
            "organisations:archive": {"pk": world.other_school.pk},
            "organisations:change": {"pk": world.other_school.pk},
            "organisations:detail": {"pk": world.other_school.pk},
            "organisations:restore": {"pk": world.other_school.pk},
            "users:change": {"pk": other_user},
            "users:deactivate": {"pk": other_user},
            "users:detail": {"pk": other_user},
            "users:reactivate": {"pk": other_user},
            "users:resend-invitation": {"pk": other_user},
            "users:reset-second-factor": {"pk": other_user},
            "users:unlock": {"pk": other_user},
            "users:roles": {"pk": other_user},
            "self_assessment:action-add": {"pk": draft.pk, "number": number},
            "self_assessment:action-change": {
                "pk": draft.pk,
                "number": number,
                "action_pk": world.assessment_action.pk,
            },
            "self_assessment:action-remove": {
                "pk": draft.pk,
                "number": number,
                "action_pk": world.assessment_action.pk,
            },
            "self_assessment:check": {"pk": draft.pk},
            "self_assessment:compare": {"organisation_pk": world.school.pk},
            "self_assessment:detail": {"pk": draft.pk},
            "self_assessment:details": {"pk": draft.pk},
            "self_assessment:export-csv": {"pk": draft.pk},
            "self_assessment:export-pdf": {"pk": draft.pk},
            "self_assessment:file": {"pk": world.evidence.pk},
            "self_assessment:history": {"organisation_pk": world.school.pk},
            "self_assessment:objective": {"pk": draft.pk, "number": number},
            "self_assessment:submit": {"pk": draft.pk},
            # Training: the practitioner's declared completion, the WRAP session
            # open to all (the practitioner booked, the police officer trains).
            "training:certificate": {"pk": world.completion.pk},
            "training:completion-detail": {"pk": world.completion.pk},
            "training:compliance": {"organisation_pk": world.school.pk},
            "training:compliance-csv": {"organisation_pk": world.school.pk},
            "training:plan": {"organisation_pk": world.school.pk},
            "training:course-change": {"pk": world.course.pk},
            "training:course-restore": {"pk": world.course.pk},
            "training:course-retire": {"pk": world.course.pk},
            "training:trainer-retire": {"pk": world.training_session.trainer.trainer.pk},
            "training:import-confirm": {"pk": world.staff_import.pk},
            "training:import-progress": {"pk": world.staff_import.pk},
            **{
                f"training:session-{name}": {"pk": world.training_session.pk}
                for name in ("attendance", "book", "calendar", "cancel", "cascade", "detail")
            },
        }
    )
    return fill


@dataclass
class Matrix:
    world: World
    clients: dict[str, Client]
    sessions: dict[str, str]
    fill: dict[str, dict[str, Any]]

    def url(self, name: str) -> str:
        converters = PATTERNS[name].pattern.converters  # type: ignore[attr-defined]
        if not converters:
            return reverse(name)
        if name not in self.fill:
            pytest.fail(f"{name} has ids: say how to fill them in _fill() of tests/test_role_matrix.py")
        return reverse(name, kwargs=_named(self.fill[name], converters))

    def request(self, key: str, name: str) -> Any:
        """One request, in a savepoint rolled back afterwards."""
        client = self.clients[key]
        client.cookies[settings.SESSION_COOKIE_NAME] = self.sessions[key]
        url = self.url(name)
        with transaction.atomic():
            response = client.post(url) if name in POST_ONLY else client.get(url)
            if response.status_code == 405:
                response = client.post(url)
            transaction.set_rollback(True)
        return response

    def observe(self, name: str) -> dict[str, int]:
        return {key: self.request(key, name).status_code for key in USERS}


@pytest.fixture(scope="module")
def matrix(django_db_setup: Any, django_db_blocker: Any) -> Iterator[Matrix]:
    with kept_for_the_module(django_db_blocker):
        with django_db_blocker.unblock():
            world = World()
            users = world.users()
            clients = {key: sign_in(users[WORLD_KEY[key]], raise_request_exception=False) for key in USERS}
            sessions = {key: c.cookies[settings.SESSION_COOKIE_NAME].value for key, c in clients.items()}
            fill = _fill(world)
        yield Matrix(world, clients, sessions, fill)


def expected_row(name: str) -> dict[str, int]:
    row = EXPECTED[name]
    return {key: row.get(key, row.get(ANY, 0)) for key in USERS}


def as_table_entry(observed: dict[str, int]) -> str:
    """The observed row as an EXPECTED entry (to check by hand, then paste)."""
    default, _ = Counter(observed.values()).most_common(1)[0]
    parts = [f'"{ANY}": {default}'] + [f'"{k}": {v}' for k, v in observed.items() if v != default]
    return "{" + ", ".join(parts) + "}"


def _route_param(name: str) -> Any:
    if name in KNOWN_BUGS:
        return pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=KNOWN_BUGS[name]))
    return name


@pytest.mark.django_db
@pytest.mark.parametrize("name", [_route_param(n) for n in ROUTE_NAMES], ids=ROUTE_NAMES)
def test_route_answers_each_user_as_expected(matrix: Matrix, name: str) -> None:
    if name not in EXPECTED:
        observed = matrix.observe(name)
        pytest.fail(
            f"add {name} to EXPECTED in tests/test_role_matrix.py (observed: {as_table_entry(observed)})"
        )
    expected = expected_row(name)
    wrong = []
    for key in USERS:
        response = matrix.request(key, name)
        if response.status_code != expected[key]:
            detail = (
                f" ({response.exc_info[1]!r})" if response.status_code == 500 and response.exc_info else ""
            )
            wrong.append(f"{key}: expected {expected[key]}, got {response.status_code}{detail}")
    assert not wrong, f"{name} {matrix.url(name)}:\n" + "\n".join(wrong)


def test_every_entry_is_a_route() -> None:
    assert not set(EXPECTED) - set(ROUTE_NAMES), "EXPECTED names routes that are gone"
    assert not set(KNOWN_BUGS) - set(ROUTE_NAMES)
    assert all(ANY in row or set(row) >= set(USERS) for row in EXPECTED.values())
    assert all(set(row) <= {ANY, *USERS} for row in EXPECTED.values())


# Routes with ids that are not records about a person but are refused by
# role alone (the id is never looked up for those refused, so nothing leaks).
ROLE_GATED = {
    "audit:event-detail",  # the audit log: Prevent Coordinators only
    "channel:provider-archive",  # approved providers: organisations, not people
}


def test_records_about_people_are_hidden_not_refused() -> None:
    """Someone who may not see a record about a person gets 404 for it: users
    without case roles, and the user of another organisation."""
    about_people = [
        name
        for name in EXPECTED
        if name in PATTERNS
        and PATTERNS[name].pattern.converters  # type: ignore[attr-defined]
        and name not in NOT_ABOUT_A_PERSON | ROLE_GATED
    ]
    assert "concerns:detail" in about_people and "channel:case-detail" in about_people
    leaks = [
        f"{name}: {key} expected {expected_row(name)[key]}"
        for name in about_people
        for key in (ANALYST, ADMIN, OTHER_ORG)
        if expected_row(name)[key] != 404
    ]
    assert not leaks, "Records about people must answer 404 to those who may not see them:\n" + "\n".join(
        leaks
    )


CASE_APPS = {"concerns", "channel", "people"}


def test_administrators_and_analysts_reach_no_case_content() -> None:
    """Administrators and analysts hold no case role: no page of the case
    apps opens for them (the matrix checks the pages answer so)."""
    opened = [
        f"{name}: {key} {expected_row(name)[key]}"
        for name in EXPECTED
        if name.split(":")[0] in CASE_APPS
        for key in (ADMIN, ANALYST)
        if expected_row(name)[key] < 400
    ]
    assert not opened
    assert any(name.split(":")[0] == "channel" for name in EXPECTED)


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(Role), ids=[r.value for r in Role])
def test_home_shows_a_section_for_the_role(make_user, client_for, role: Role) -> None:
    body = client_for(make_user(role)).get(reverse("core:home")).content.decode()
    assert f'id="section-{role.value}"' in body
    others = [r for r in Role if r != role]
    assert not any(f'id="section-{r.value}"' in body for r in others)


@pytest.mark.django_db
def test_navigation_follows_the_policy(make_user, client_for) -> None:
    admin_page = client_for(make_user(Role.ADMINISTRATOR)).get(reverse("core:home")).content.decode()
    assert 'href="/manage/users/"' in admin_page
    assert 'href="/audit/"' not in admin_page
    coordinator_page = (
        client_for(make_user(Role.PREVENT_COORDINATOR)).get(reverse("core:home")).content.decode()
    )
    assert 'href="/audit/"' in coordinator_page
    assert 'href="/manage/users/"' not in coordinator_page
    assert 'href="/manage/role-requests/"' in admin_page
    assert 'href="/manage/role-requests/"' in coordinator_page
    analyst_page = client_for(make_user(Role.PARTNERSHIP_ANALYST)).get(reverse("core:home")).content.decode()
    assert 'href="/manage/role-requests/"' not in analyst_page


# Role management (ADR 0007), for each role acting on themselves and on
# someone else. "self": the actor's own roles page, and a request (made by
# another administrator) to make the actor a Prevent Coordinator, the
# probe of issue 8. "other": a practitioner's roles page, and a request to
# make that practitioner a SPOC. The POSTs add Prevent Coordinator on the
# roles page, approve, refuse (with a reason) and withdraw.
#
# Columns, in Role order: practitioner, SPOC, coordinator, police, chair,
# member, analyst, administrator.
ROLE_MANAGEMENT: dict[tuple[str, str], tuple[int, ...]] = {
    ("roles GET", "self"): (
        403,
        403,
        403,
        403,
        403,
        403,
        403,
        200,
    ),  # 200: "You cannot change your own roles"
    ("roles POST", "self"): (403, 403, 403, 403, 403, 403, 403, 403),
    ("request GET", "self"): (404, 404, 200, 404, 404, 404, 403, 200),
    ("approve GET", "self"): (404, 404, 403, 404, 404, 404, 403, 403),
    ("approve POST", "self"): (404, 404, 403, 404, 404, 404, 403, 403),
    ("refuse POST", "self"): (404, 404, 403, 404, 404, 404, 403, 403),
    ("withdraw POST", "self"): (404, 404, 403, 404, 404, 404, 403, 302),
    ("roles GET", "other"): (403, 403, 403, 403, 403, 403, 403, 200),
    ("roles POST", "other"): (403, 403, 403, 403, 403, 403, 403, 302),  # 302: a request, not the role
    ("request GET", "other"): (404, 200, 200, 404, 404, 404, 403, 200),
    ("approve GET", "other"): (404, 200, 200, 404, 404, 404, 403, 403),
    ("approve POST", "other"): (404, 302, 302, 404, 404, 404, 403, 403),
    ("refuse POST", "other"): (404, 302, 302, 404, 404, 404, 403, 403),
    ("withdraw POST", "other"): (404, 403, 403, 404, 404, 404, 403, 302),
}
assert all(len(row) == len(Role) for row in ROLE_MANAGEMENT.values())

MANAGEMENT_CASES = [
    (role, endpoint, target, ROLE_MANAGEMENT[endpoint, target][i])
    for (endpoint, target) in ROLE_MANAGEMENT
    for i, role in enumerate(Role)
]


def _held(user: User) -> frozenset[str]:
    return User.objects.get(pk=user.pk).roles


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "endpoint", "target", "status"),
    MANAGEMENT_CASES,
    ids=[f"{r.value}-{e.replace(' ', '-')}-{t}" for r, e, t, _ in MANAGEMENT_CASES],
)
def test_role_management_endpoints(
    make_user, client_for, role: Role, endpoint: str, target: str, status: int
) -> None:
    actor = make_user(role)
    requester = make_user(Role.ADMINISTRATOR)
    subject = actor if target == "self" else make_user(Role.PRACTITIONER)
    wanted = Role.PREVENT_COORDINATOR if target == "self" else Role.SPOC
    grant = RoleGrantRequest.objects.create(user=subject, role=wanted, requested_by=requester)
    before = _held(subject)
    client = client_for(actor)
    page, method = endpoint.split()
    url = {
        "roles": reverse("users:roles", args=[subject.pk]),
        "request": reverse("accounts:role-request-detail", args=[grant.pk]),
        "approve": reverse("accounts:role-request-approve", args=[grant.pk]),
        "refuse": reverse("accounts:role-request-refuse", args=[grant.pk]),
        "withdraw": reverse("accounts:role-request-withdraw", args=[grant.pk]),
    }[page]
    if method == "GET":
        response = client.get(url)
    elif page == "roles":
        response = client.post(url, {"roles": [*before, Role.PREVENT_COORDINATOR]})
    else:
        response = client.post(url, {"reason": "Not needed"})
    assert response.status_code == status, (
        f"{role.label}: {endpoint} ({target}) answered {response.status_code}"
    )

    grant.refresh_from_db()
    approved = page == "approve" and method == "POST" and status == 302
    # Only a second person's approval gives a case role; nothing else changes what the subject holds.
    assert _held(subject) == (before | {wanted} if approved else before)
    decided = method == "POST" and status == 302 and page in {"approve", "refuse", "withdraw"}
    assert grant.is_pending is not decided
    if page == "roles" and method == "POST" and status == 302:
        assert RoleGrantRequest.objects.filter(user=subject, role=Role.PREVENT_COORDINATOR).exists()
