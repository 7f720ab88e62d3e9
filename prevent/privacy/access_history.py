"""Who looked (issue 14, part 5), from the audit log.

A read is an audit event whose action says so (`..._viewed`, `..._exported`,
`..._downloaded`, `..._searched`): `READ_ACTIONS`, from the registry. Who
looked at a person is every read whose object is the person or one of their
records (concerns, gateway referrals, Channel cases): one query for the
records, one for the events, whatever they hold. Lists and searches record
the people they showed by number in the event's changes; they are not
counted here (a list is not a look at one record)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from prevent.audit import actions
from prevent.audit.models import AuditEvent
from prevent.channel.models import ChannelCase, GatewayReferral
from prevent.concerns.models import Concern
from prevent.people.models import Person

READ = re.compile(r"_(viewed|exported|downloaded|searched|read)(_|$)")

OBJECT_LABELS = {
    "people.person": "Person record",
    "concerns.concern": "Concern",
    "concerns.referral": "Referral",
    "channel.gatewayreferral": "Gateway referral",
    "channel.channelcase": "Channel case",
}


def read_actions() -> list[str]:
    return sorted(name for name in actions.registered() if READ.search(name))


def record_keys(person: Person) -> Q:
    """The audit events about the person or one of their records."""
    concerns = [str(pk) for pk in Concern.objects.filter(person=person).values_list("pk", flat=True)]
    gateway = [str(pk) for pk in GatewayReferral.objects.filter(person=person).values_list("pk", flat=True)]
    cases = [str(pk) for pk in ChannelCase.objects.filter(person=person).values_list("pk", flat=True)]
    return (
        Q(object_type="people.person", object_id=str(person.pk))
        | Q(object_type="concerns.concern", object_id__in=concerns)
        | Q(object_type="channel.gatewayreferral", object_id__in=gateway)
        | Q(object_type="channel.channelcase", object_id__in=cases)
    )


def who_looked(person: Person) -> QuerySet[AuditEvent]:
    """Every read of the person's records, newest first (slice or paginate it)."""
    return AuditEvent.objects.filter(record_keys(person), action__in=read_actions()).order_by("-id")


def own_access_history(user_id: int) -> QuerySet[AuditEvent]:
    """Every read the user made, newest first."""
    return AuditEvent.objects.filter(actor_id=user_id, action__in=read_actions()).order_by("-id")


@dataclass(frozen=True)
class Look:
    event: AuditEvent

    @property
    def what(self) -> str:
        label = OBJECT_LABELS.get(self.event.object_type, "")
        return f"{label} {self.event.object_id}".strip() if label else "-"
