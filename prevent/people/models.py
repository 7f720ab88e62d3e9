"""A person the service holds records about: identity for a chronology.

The people app sits below the domains that record things about people
(concerns, Channel): they point at a Person and create, update and link one
only through prevent/people/services.py. Each domain tells the people app
which of its records make a person visible to a user (see rules.py)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from prevent.core import clock

from .matching import keys_column, search_text, split_names


def normalise_name(value: str) -> str:
    return " ".join(value.lower().replace("-", " ").replace("'", "").split())


def normalise_postcode(value: str) -> str:
    return "".join(value.upper().split())


def normalise_address(value: str) -> str:
    return " ".join(value.lower().replace(",", " ").split())


class Person(models.Model):
    """Who a record is about. The details come from the record that created
    it (a submitted concern, an external referral); the `*_key` columns hold
    them normalised for matching."""

    full_name = models.CharField(max_length=200)
    other_names = models.CharField(max_length=300, blank=True)
    date_of_birth = models.DateField(null=True, blank=True, db_index=True)
    address = models.TextField(blank=True)
    postcode = models.CharField(max_length=12, blank=True)
    # Kept for matching (indexed, compared by the matching selector).
    name_key = models.CharField(max_length=200, db_index=True)
    postcode_key = models.CharField(max_length=12, blank=True, db_index=True)
    address_key = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=clock.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    # For search (prevent/people/matching.py): the canonical names (name and
    # other names, " | "-joined; trigram-indexed on PostgreSQL) and their
    # phonetic keys (" m:JN s:J500 ... ").
    search_text = models.TextField(blank=True, default="")
    phonetic_keys = models.TextField(blank=True, default="")
    # Set when this record was merged into another (person_merge): its
    # records now point at that person; cleared by person_merge_undo.
    merged_into = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        # The table the concerns app created: the model moved, the data did not.
        db_table = "concerns_person"
        ordering = ["full_name", "pk"]

    def __str__(self) -> str:
        return self.full_name

    def set_keys(self) -> None:
        self.name_key = normalise_name(self.full_name)
        self.postcode_key = normalise_postcode(self.postcode)
        self.address_key = normalise_address(self.address)[:300]
        names = split_names(self.full_name, self.other_names)
        self.search_text = search_text(names)
        self.phonetic_keys = keys_column(names)

    def save_keys(self) -> None:
        """After save: one PersonKey row per phonetic key, for the indexed
        candidate lookup of search."""
        PersonKey.objects.filter(person=self).delete()
        PersonKey.objects.bulk_create(PersonKey(person=self, key=k) for k in self.phonetic_keys.split())


class PersonKey(models.Model):
    """One phonetic key of a person's names (the words of
    Person.phonetic_keys), indexed: search finds candidates by key without
    scanning every person. Derived from the person's own names, so a merge
    leaves them where they are."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=40)

    class Meta:
        indexes = [models.Index(fields=["key", "person"])]

    def __str__(self) -> str:
        return self.key


class PersonMerge(models.Model):
    """Two person records found to be one person (person_merge): every
    record that pointed at `merged` was re-pointed at `kept`. `moved` says
    exactly which ({"concerns.concern": {"person": [pk, ...]}}), so
    person_merge_undo puts back those and only those."""

    kept = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    merged = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField()
    moved = models.JSONField(default=dict)
    merged_at = models.DateTimeField(default=clock.now)
    merged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    undo_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-merged_at", "-pk"]

    def __str__(self) -> str:
        return f"Merge {self.pk}"

    @property
    def moved_count(self) -> int:
        return sum(len(pks) for fields in self.moved.values() for pks in fields.values())


class PersonRestriction(models.Model):
    """A restricted record (for example a member of staff, or a relative of
    one): only `allowed_users` see the person and every record about them;
    anyone else is answered as if it did not exist, unless they hold an
    active BreakGlassAccess (prevent/people/rules.py)."""

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="restriction")
    reason = models.TextField()
    allowed_users: models.ManyToManyField[Any, Any] = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="+", blank=True
    )
    restricted_at = models.DateTimeField(default=clock.now)
    restricted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    def __str__(self) -> str:
        return f"Restriction {self.pk}"


class BreakGlassAccess(models.Model):
    """Emergency access to a restricted record, with a reason, for a set
    time (PREVENT_BREAK_GLASS_HOURS); coordinators are told at once and
    every one is listed in their report."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField()
    granted_at = models.DateTimeField(default=clock.now)
    expires_at = models.DateTimeField()

    class Meta:
        ordering = ["-granted_at", "-pk"]
        indexes = [models.Index(fields=["user", "expires_at"])]

    def __str__(self) -> str:
        return f"Break-glass {self.pk}"
