"""The practice guidance as data: what the concern form asks and what the
guidance pages show. A coordinator can reword or retire an entry without a
code change; entries that records use are retired, never deleted."""

from __future__ import annotations

from django.db import models

from prevent.core.versioning import version_field


class GuidanceEntryQuerySet(models.QuerySet):  # type: ignore[type-arg]
    def current(self) -> GuidanceEntryQuerySet:
        return self.filter(retired_at__isnull=True)


class GuidanceEntry(models.Model):
    order = models.PositiveIntegerField(default=0)
    retired_at = models.DateTimeField(null=True, blank=True)
    # No lost update (prevent/core/versioning.py): raised on every change of
    # the wording, so two coordinators cannot overwrite each other.
    version = version_field()

    objects = GuidanceEntryQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["order", "pk"]


class VulnerabilityArea(GuidanceEntry):
    """Personal, family, religion, environmental, social, criminal (section 8)."""

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=100)

    class Meta(GuidanceEntry.Meta):
        pass

    def __str__(self) -> str:
        return self.name


class VulnerabilityFactor(GuidanceEntry):
    area = models.ForeignKey(VulnerabilityArea, on_delete=models.PROTECT, related_name="factors")
    text = models.CharField(max_length=500)

    class Meta(GuidanceEntry.Meta):
        pass

    def __str__(self) -> str:
        return self.text


class KeyQuestion(GuidanceEntry):
    area = models.ForeignKey(VulnerabilityArea, on_delete=models.PROTECT, related_name="key_questions")
    text = models.TextField()

    class Meta(GuidanceEntry.Meta):
        pass

    def __str__(self) -> str:
        return self.text


class Influence(GuidanceEntry):
    """Ways a person may be drawn in (sections 8 and 9)."""

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=100)
    description = models.TextField(blank=True)

    class Meta(GuidanceEntry.Meta):
        pass

    def __str__(self) -> str:
        return self.name


class ConcernType(GuidanceEntry):
    """Type of concern, in the categories of the official Prevent statistics."""

    code = models.SlugField(max_length=60, unique=True)
    label = models.CharField(max_length=200)

    class Meta(GuidanceEntry.Meta):
        pass

    def __str__(self) -> str:
        return self.label


class PyramidLevel(models.Model):
    """The Prevent pyramid (section 10): level 1 universal to 4 breaking the law."""

    level = models.PositiveSmallIntegerField(unique=True)
    title = models.CharField(max_length=120)
    description = models.TextField()
    response = models.TextField(blank=True)

    class Meta:
        ordering = ["level"]

    def __str__(self) -> str:
        return f"Level {self.level}: {self.title}"


class GuidancePage(GuidanceEntry):
    """A readable, searchable page of the guidance (definitions, Channel in
    brief, training resources...). Body is plain text, paragraphs split by a
    blank line; rendered inert."""

    slug = models.SlugField(max_length=80, unique=True)
    title = models.CharField(max_length=200)
    summary = models.CharField(max_length=300, blank=True)
    body = models.TextField()

    class Meta(GuidanceEntry.Meta):
        pass

    def __str__(self) -> str:
        return self.title
