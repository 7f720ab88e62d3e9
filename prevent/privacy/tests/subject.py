"""A person with a record of every type, for the disposal and subject access
tests: the whole Channel path (prevent/home/tests/chronology_path.py) plus a
second concern closed with no referral (a duplicate person record, merged),
a referral from outside closed at the gateway with no further action
(another duplicate, merged), a draft that names them with its answers as
typed, attachments and an agency's answer as files on disk, a search for
their name, and the notifications all of these sent. And another person,
whose records must stay as they are."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from prevent.channel import services as C
from prevent.channel.models import (
    ChannelCase,
    GatewayReferral,
    InformationRequest,
    ResponseFile,
    response_file_path,
)
from prevent.concerns import services as concern_services
from prevent.concerns import steps as S
from prevent.concerns.models import Concern, ConcernAttachment
from prevent.concerns.tests.conftest import make_draft, make_submitted
from prevent.home.tests.chronology_path import NAME, whole_path
from prevent.people import services as people_services
from prevent.people.models import Person

BORN = dt.date(2009, 11, 23)
ADDRESS = "17 Quarrendon Mews, Aylesbury"
POSTCODE = "HP19 9ZX"
# Free text only the subject's records hold.
FREE_TEXT = [
    "Parents separated last month (0)",
    "Also at the youth club (0)",
    "Happy to meet a mentor",
    "Went every week",
    "Swims at the lido on Tuesdays",
    "Clinic letter about the lido",
    "Typed into the draft about the lido",
]
ATTACHMENT_TEXT = b"Attachment: Tamsin Quarrendon-Blyth swims at the lido.\n"
RESPONSE_TEXT = b"Clinic letter: Tamsin Quarrendon-Blyth was seen twice.\n"

OTHER_NAME = "Bartholomew Ingleby-Frost"
OTHER = {
    "person_name": OTHER_NAME,
    "person_other_names": "Barty",
    "person_date_of_birth": dt.date(2011, 2, 14),
    "person_address": "9 Witney Road, Witney",
    "person_postcode": "OX28 4AB",
}


@dataclass
class Subject:
    person: Person
    concern: Concern
    case: ChannelCase
    second_concern: Concern
    external: GatewayReferral
    draft: Concern
    other: Concern
    files: list[str]


def _merge(actor: Any, keep: Person, merge: Person) -> None:
    people_services.person_merge(actor=actor, keep=keep, merge=merge, reason="The same person")


def build_subject(people: dict[str, Any], framework: Any) -> Subject:
    p = people
    path = whole_path(p, framework)
    person = path.person
    # Their details, as a SPOC corrected them.
    person = people_services.person_update(
        actor=p["spoc"],
        person=person,
        full_name=NAME,
        other_names="Tam Quarrendon",
        date_of_birth=BORN,
        address=ADDRESS,
        postcode=POSTCODE,
    )
    # A file the practitioner attached to the first concern is on disk
    # (attached to a draft, as the form does).
    draft = make_draft(p["practitioner"], person={"person_name": NAME, "person_date_of_birth": BORN})
    draft = concern_services.concern_save_step(
        actor=p["practitioner"],
        concern=draft,
        step=S.CONCERN,
        answers={"what_happened": ["Typed into the draft about the lido"]},
        cleaned=None,
    )
    attached = make_draft(p["practitioner"], person={"person_name": NAME, "person_date_of_birth": BORN})
    concern_services.concern_add_attachment(
        actor=p["practitioner"],
        concern=attached,
        upload=SimpleUploadedFile("notes.txt", ATTACHMENT_TEXT, content_type="text/plain"),
    )
    second = concern_services.concern_submit(actor=p["practitioner"], concern=attached)
    concern_services.concern_add_addendum(
        actor=p["practitioner"],
        concern=second,
        section="concern",
        text="Swims at the lido on Tuesdays",
        reason="Remembered",
    )
    second.refresh_from_db()
    concern_services.triage_close_no_further_action(
        actor=p["spoc"], concern=second, reason="Not a Prevent matter"
    )
    second.refresh_from_db()
    assert second.person is not None
    _merge(p["spoc"], person, second.person)
    # A referral from outside, closed at the gateway: another duplicate.
    external = C.gateway_log_external_referral(
        actor=p["police"],
        person=C.ExternalPerson(NAME, BORN, ADDRESS, POSTCODE),
        external_source="family",
        external_detail="An aunt",
        summary="Worried about posts",
        received_on=timezone.localdate(),
    )
    C.gateway_record_assessment(
        actor=p["police"],
        gateway_referral=external,
        checks=["police_systems"],
        checks_notes="",
        outcome="no_further_action",
        signposted_to="",
        rationale="Nothing of concern",
        case_officer=None,
    )
    # No one user sees both records to merge them: as a merge leaves them.
    duplicate = external.person_id
    GatewayReferral.objects.filter(pk=external.pk).update(person=person)
    Person.objects.filter(pk=duplicate).update(merged_into=person)
    external.refresh_from_db()
    # The agency's answer came with a file (stored as the answer's upload stores it).
    case = path.case
    request = case.information_requests.get()
    name = default_storage.save(response_file_path(None, "letter.txt"), ContentFile(RESPONSE_TEXT))  # type: ignore[arg-type]
    ResponseFile.objects.create(
        request=request,
        file=name,
        original_name="letter.txt",
        content_type="text/plain",
        size=len(RESPONSE_TEXT),
        sha256="0" * 64,
        uploaded_by=p["member"],
    )
    InformationRequest.objects.filter(pk=request.pk).update(response_text="Clinic letter about the lido")
    # Someone searched for them by name.
    people_services.people_searched(actor=p["coordinator"], text=NAME, result_ids=[person.pk])
    # And another person, who stays.
    other = make_submitted(p["practitioner"], person=OTHER)
    files: list[str] = [str(a.file.name) for a in ConcernAttachment.objects.filter(concern__person=person)]
    files += [str(f.file.name) for f in ResponseFile.objects.filter(request__case=case)]
    person.refresh_from_db()
    return Subject(
        person=person,
        concern=path.concern,
        case=case,
        second_concern=second,
        external=external,
        draft=draft,
        other=other,
        files=files,
    )
