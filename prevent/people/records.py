"""The records about a person that search and the people list summarise:
for each kind, the model (by label: the people app imports no domain), the
action that scopes who may see one, the page that opens one, and which of
its fields give the activity date, the status, the organisation and
whether it is still open.

Search routes a typed reference (PH-..., CH-..., GW-...) through the same
table: to the record's page when the user may see the record, otherwise to
no result at all.

The entries below describe the concerns and Channel models as they are
today; a domain adding a kind of record about a person adds a line here
(or calls `person_record(...)` from its AppConfig.ready())."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.db.models import Exists, Model, OuterRef, Q, QuerySet
from django.urls import reverse

from prevent.policy import Action, scoped

if TYPE_CHECKING:
    from prevent.accounts.models import User


@dataclass(frozen=True)
class PersonRecord:
    model_label: str
    noun: str
    view: Action
    url_name: str
    when: str  # the datetime field of its last activity
    closed_statuses: tuple[str, ...]
    organisation: str = ""  # the FK to its organisation, if it has one
    person_field: str = "person"
    reference_field: str = "reference"

    @property
    def model(self) -> type[Model] | None:
        try:
            return apps.get_model(self.model_label)
        except LookupError:
            return None

    def visible(self, user: User) -> QuerySet[Any] | None:
        model = self.model
        if model is None:
            return None
        return scoped(user, self.view, model._default_manager.all())

    def href(self, record: Model) -> str:
        return reverse(self.url_name, kwargs={"pk": record.pk})


_RECORDS: list[PersonRecord] = []


def person_record(record: PersonRecord) -> None:
    if all(r.model_label != record.model_label for r in _RECORDS):
        _RECORDS.append(record)


def person_records() -> list[PersonRecord]:
    return [r for r in _RECORDS if r.model is not None]


person_record(
    PersonRecord(
        model_label="concerns.Concern",
        noun="Concern",
        view=Action.VIEW_CONCERN,
        url_name="concerns:detail",
        when="updated_at",
        closed_statuses=("decided_no_referral", "closed_no_further_action"),
        organisation="organisation",
    )
)
person_record(
    PersonRecord(
        model_label="channel.GatewayReferral",
        noun="Gateway referral",
        view=Action.VIEW_GATEWAY_REFERRAL,
        url_name="channel:gateway-assess",
        when="created_at",
        closed_statuses=("assessed",),
    )
)
person_record(
    PersonRecord(
        model_label="channel.ChannelCase",
        noun="Channel case",
        view=Action.VIEW_CHANNEL_CASE,
        url_name="channel:case-detail",
        when="updated_at",
        closed_statuses=("not_adopted", "exited"),
    )
)


@dataclass
class PersonSummary:
    """What the viewer may see of one person's records."""

    open_records: int = 0
    last_activity: datetime | None = None
    latest_status: str = ""
    latest_noun: str = ""
    organisation: str = ""


def summaries(user: User, person_ids: Iterable[int]) -> dict[int, PersonSummary]:
    """One query per kind of record, whatever the number of people."""
    ids = list(person_ids)
    found: dict[int, PersonSummary] = {pk: PersonSummary() for pk in ids}
    if not ids:
        return found
    for kind in person_records():
        visible = kind.visible(user)
        if visible is None:
            continue
        rows = visible.filter(**{f"{kind.person_field}_id__in": ids})
        if kind.organisation:
            rows = rows.select_related(kind.organisation)
        for record in rows.order_by(kind.when, "pk"):
            summary = found[getattr(record, f"{kind.person_field}_id")]
            when = getattr(record, kind.when)
            status = getattr(record, "status", "")
            if status not in kind.closed_statuses:
                summary.open_records += 1
            if summary.last_activity is None or (when and when >= summary.last_activity):
                summary.last_activity = when
                display = getattr(record, "get_status_display", None)
                summary.latest_status = display() if display else ""
                summary.latest_noun = kind.noun
                if kind.organisation:
                    summary.organisation = str(getattr(record, kind.organisation))
            if kind.organisation and not summary.organisation:
                summary.organisation = str(getattr(record, kind.organisation))
    return found


def with_open_records(user: User) -> Q:
    """People with at least one open record the user may see."""
    q = Q(pk__in=[])
    for kind in person_records():
        visible = kind.visible(user)
        if visible is None:
            continue
        open_rows = visible.filter(**{kind.person_field: OuterRef("pk")}).exclude(
            status__in=kind.closed_statuses
        )
        q |= Q(Exists(open_rows))
    return q


def find_reference(user: User, reference: str) -> str | None:
    """The page of the record with this reference, if the user may see it;
    None when there is none or it is out of the user's scope (the same
    answer, so nothing leaks)."""
    for kind in person_records():
        visible = kind.visible(user)
        if visible is None:
            continue
        record = visible.filter(**{f"{kind.reference_field}__iexact": reference}).first()
        if record is not None:
            return kind.href(record)
    return None
