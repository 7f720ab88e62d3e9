"""The referral pathway of Appendix 2 ("How to report concerns about a child
or adult at risk of radicalisation"): which local contacts to use, from the
local-area settings, for a child or an adult, in or out of office hours.

Pure functions over a LocalAreaSettings row, so the pathway page and its
tests share one answer."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from prevent.core.models import LocalAreaSettings

NOT_SET = "Not set: ask your administrator"

CHILD = "child"
ADULT = "adult"
OFFICE_HOURS = "office-hours"
OUT_OF_HOURS = "out-of-hours"


@dataclass(frozen=True)
class ContactDetail:
    label: str  # "Phone", "Email"
    value: str  # empty when the setting is missing
    kind: str = "phone"  # "phone" or "email": how the value is linked

    @property
    def is_set(self) -> bool:
        return bool(self.value)

    @property
    def href(self) -> str:
        if not self.value:
            return ""
        if self.kind == "email":
            return f"mailto:{self.value}"
        return "tel:" + "".join(ch for ch in self.value if ch.isdigit() or ch == "+")


@dataclass(frozen=True)
class Contact:
    key: str
    title: str
    when: str
    details: list[ContactDetail] = field(default_factory=list)


def _phone(value: str) -> ContactDetail:
    return ContactDetail("Phone", value.strip(), "phone")


def _email(value: str) -> ContactDetail:
    return ContactDetail("Email", value.strip(), "email")


def social_care_contacts(settings: LocalAreaSettings, *, person: str, hours: str) -> list[Contact]:
    """The social care front door for the person, in or out of hours."""
    if person == CHILD:
        front_door = Contact(
            key="childrens-front-door",
            title="Children's social care front door",
            when="Make a referral to children's social care, after talking to your SPOC.",
            details=[
                _phone(settings.childrens_front_door_phone),
                _email(settings.childrens_front_door_email),
            ],
        )
        crc = Contact(
            key="customer-resolution-centre",
            title="Customer Resolution Centre",
            when="The Customer Resolution Centre takes referrals for early help and social care.",
            details=[
                _phone(settings.customer_resolution_centre_phone),
                _email(settings.customer_resolution_centre_email),
            ],
        )
        if hours == OUT_OF_HOURS:
            out_of_hours = Contact(
                key="childrens-out-of-hours",
                title="Children's social care out of hours",
                when="Out of hours, phone the children's out-of-hours team if the child needs help "
                "before the next working day.",
                details=[_phone(settings.childrens_out_of_hours_phone)],
            )
            return [out_of_hours, _next_working_day(front_door)]
        if [d.value for d in crc.details] == [d.value for d in front_door.details]:
            # One front door under two names: show it once.
            return [
                Contact(
                    key=front_door.key,
                    title="Children's social care front door (Customer Resolution Centre)",
                    when=front_door.when,
                    details=front_door.details,
                )
            ]
        return [front_door, crc]
    if hours == OUT_OF_HOURS:
        return [
            Contact(
                key="adults-out-of-hours",
                title="Adults' social care out of hours",
                when="Out of hours, phone the adults' out-of-hours team if the person needs help "
                "before the next working day.",
                details=[_phone(settings.adults_out_of_hours_phone)],
            ),
            _next_working_day(_adults_front_door(settings)),
        ]
    return [_adults_front_door(settings)]


def _adults_front_door(settings: LocalAreaSettings) -> Contact:
    return Contact(
        key="adults-front-door",
        title="Adults' social care front door",
        when="Make a referral to adults' social care, after talking to your SPOC.",
        details=[_phone(settings.adults_front_door_phone), _email(settings.adults_front_door_email)],
    )


def _next_working_day(contact: Contact) -> Contact:
    return Contact(
        key=contact.key,
        title=contact.title,
        when="On the next working day (Monday to Friday, 9am to 5pm), make the referral here.",
        details=contact.details,
    )


def police_prevent_contact(settings: LocalAreaSettings) -> Contact:
    return Contact(
        key="police-prevent",
        title="Police Prevent team",
        when="Where there is a concern about radicalisation (the person may be moving towards "
        "extremism), your SPOC refers it to the police Prevent team for assessment.",
        details=[_phone(settings.police_prevent_phone), _email(settings.police_prevent_email)],
    )


def police_non_emergency_contact(settings: LocalAreaSettings) -> Contact:
    return Contact(
        key="police-non-emergency",
        title="Police non-emergency number",
        when="To report a crime or give the police information when it is not an emergency.",
        details=[_phone(settings.police_non_emergency_phone)],
    )
