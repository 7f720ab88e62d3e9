"""Every list on every role's "Your work", filled in bulk for the query-count
tests: a few records made through the services (a submitted concern, a
police Prevent referral, a Channel case, a panel meeting), then `add(n)`
copies them with bulk_create into n more records for each list, so a page
can be counted with 1 item per list and again with 200."""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from typing import Any

from axes.models import AccessAttempt
from django.db import models
from django.utils import timezone

from prevent.accounts.models import User
from prevent.accounts.roles import Role
from prevent.channel.models import (
    AgendaItem,
    ApprovedProvider,
    CaseStatus,
    ChannelCase,
    GatewayStatus,
    InformationRequest,
    Intervention,
    PanelAction,
    PanelDecision,
    PostExitReview,
    RequestStatus,
)
from prevent.concerns.models import (
    ConcernStatus,
    ReferralInformation,
    ReferralStatus,
)
from prevent.concerns.tests.conftest import make_submitted
from prevent.core.models import FailedNotification
from prevent.notifications.models import Notification
from prevent.training.tests.home_data import add_training_work


def clone[M: models.Model](obj: M, n: int, **vary: Callable[[int], Any]) -> list[M]:
    """n copies of `obj` in one bulk_create, field by field as given in
    `vary` (a function of the copy's number)."""
    copies = []
    for i in range(n):
        made = copy.copy(obj)
        made.pk = None
        made._state = models.base.ModelState()
        for name, value in vary.items():
            setattr(made, name, value(i))
        copies.append(made)
    return type(obj)._default_manager.bulk_create(copies)


def _always(value: Any) -> Callable[[int], Any]:
    return lambda i: value


class HomeData:
    """The people of prevent/channel/tests/conftest.py `people`, each with
    work on every list of their home, and an administrator."""

    def __init__(self, people: dict[str, Any], make_user: Callable[..., Any]) -> None:
        from prevent.channel.tests.conftest import meeting_today, open_case, police_referral

        self.p = people
        self.admin = make_user(Role.ADMINISTRATOR, organisation=people["council"], full_name="Ada Admin")
        self.concern = make_submitted(people["practitioner"])
        self.referral = police_referral(people)
        self.case = open_case(people)
        self.meeting = meeting_today(people, on=timezone.localdate() + dt.timedelta(days=7))
        self.agenda_item = AgendaItem.objects.create(
            meeting=self.meeting, case=self.case, kind="new_case", added_by=people["coordinator"]
        )
        self.provider = ApprovedProvider.objects.create(name="Mentoring (test)")
        self.added = 0

    def add(self, n: int) -> None:
        """n more records on each list."""
        start = self.added
        self.added += n
        p = self.p
        today = timezone.localdate()
        now = timezone.now()

        def ref(prefix: str) -> Callable[[int], str]:
            return lambda i: f"{prefix}-{start + i:05d}"

        # Practitioner: questions to answer (and their concerns); SPOC: triage.
        clone(self.concern, n, reference=ref("Q"), status=lambda i: ConcernStatus.MORE_INFORMATION_REQUESTED)
        clone(self.concern, n, reference=ref("T"))
        # SPOC: referrals overdue and awaiting an outcome; outcomes received.
        # Police: referrals at the gateway, and what the referrer added.
        clone(self.referral, n, expected_response_on=lambda i: today - dt.timedelta(days=1))
        clone(
            self.referral,
            n,
            status=lambda i: ReferralStatus.OUTCOME_RECEIVED,
            outcome=lambda i: "No further action",
            outcome_received_on=lambda i: today,
        )
        clone(
            ReferralInformation(referral=self.referral, text="More", added_by=p["spoc"], added_at=now),
            n,
        )
        gateway = self.case.gateway_referral
        clone(
            gateway, n, reference=ref("GA"), referral=lambda i: None, status=lambda i: GatewayStatus.AWAITING
        )
        # Channel cases in each state the lists show, each with its gateway record.
        cases: dict[str, list[ChannelCase]] = {}
        for code, status in enumerate(
            (
                CaseStatus.PRELIMINARY,
                CaseStatus.AWAITING_CONSENT,
                CaseStatus.SUPPORT,
                CaseStatus.EXIT_RECOMMENDED,
                CaseStatus.EXITED,
            )
        ):
            gateways = clone(gateway, n, reference=ref(f"G{code}"), referral=lambda i: None)
            cases[status] = clone(
                self.case,
                n,
                reference=ref(f"C{code}"),
                gateway_referral=gateways.__getitem__,
                status=_always(status),
            )
        # Coordinator: requests answered and overdue (to the member's agency,
        # who answers them), interventions to review, actions, reviews due.
        request = InformationRequest(
            case=self.case, agency=p["health"], question="Known?", due_on=today, sent_by=p["coordinator"]
        )
        clone(
            request,
            n,
            status=lambda i: RequestStatus.ANSWERED,
            answered_at=lambda i: now,
            answered_by=lambda i: p["member"],
        )
        clone(request, n, due_on=lambda i: today - dt.timedelta(days=1))
        clone(
            Intervention(
                case=self.case,
                type="diversionary",
                provider=self.provider,
                start_on=today,
                review_on=today,
                created_by=p["coordinator"],
            ),
            n,
            case=lambda i: cases[CaseStatus.SUPPORT][i],
        )
        clone(
            PanelAction(
                meeting=self.meeting,
                description="Call",
                owner=p["coordinator"],
                due_on=today,
                created_by=p["coordinator"],
            ),
            n,
        )
        exited = cases[CaseStatus.EXITED]
        clone(PostExitReview(case=exited[0], months=6, due_on=today), n, case=lambda i: exited[i])
        # Coordinator and chair: coming panels; member: the cases on them.
        meetings = clone(self.meeting, n, meeting_on=lambda i: today + dt.timedelta(days=30 + start + i))
        for meeting in meetings:
            meeting.members.add(p["member"], p["chair"])
        preliminary = cases[CaseStatus.PRELIMINARY]
        items = clone(self.agenda_item, n, case=lambda i: preliminary[i])
        # Chair: decisions to confirm.
        clone(
            PanelDecision(
                agenda_item=self.agenda_item,
                case=self.case,
                outcome="adopt",
                rationale="Because",
                recorded_by=p["coordinator"],
            ),
            n,
            agenda_item=lambda i: items[i],
            case=lambda i: preliminary[i],
        )
        # Administrator: accounts awaiting set-up, locked accounts, failed emails.
        invited = User.objects.bulk_create(
            User(
                email=f"invited-{start + i}@example.org",
                full_name=f"Invited {start + i}",
                organisation=p["school"],
                password="!unusable",
            )
            for i in range(n)
        )
        AccessAttempt.objects.bulk_create(
            AccessAttempt(
                username=user.email,
                ip_address="192.0.2.1",
                user_agent="test",
                get_data="",
                post_data="",
                http_accept="*/*",
                path_info="/sign-in/",
                failures_since_start=5,
            )
            for user in invited
        )
        Notification.objects.bulk_create(
            Notification(recipient=user, kind="k", text="Do this", link_path="/", created_at=now)
            for user in self.users().values()
            for _ in range(n)
        )
        FailedNotification.objects.bulk_create(
            FailedNotification(recipient="x@example.org", subject="S", body="B", attempts=3, failed_at=now)
            for _ in range(n)
        )
        add_training_work(p, n)  # practitioner: sessions to book; SPOC: expiring, to confirm

    def users(self) -> dict[str, Any]:
        """The user whose home shows each role's lists."""
        p = self.p
        return {
            Role.PRACTITIONER: p["practitioner"],
            Role.SPOC: p["spoc"],
            Role.POLICE_PREVENT_OFFICER: p["police"],
            Role.PREVENT_COORDINATOR: p["coordinator"],
            Role.CHANNEL_CHAIR: p["chair"],
            Role.CHANNEL_MEMBER: p["member"],
            Role.ADMINISTRATOR: self.admin,
        }
