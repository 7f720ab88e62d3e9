"""Benchmark people search on many people (issue 10): NOT a test.

    manage.py bench_search --settings=config.settings.bench [--people 100000]

Refuses to run unless the database is a throwaway one: its name must
contain "bench" (SQLite file or PostgreSQL database), or --yes-this-is-a-throwaway
is given. It migrates, bulk-creates the people with their search keys and a
submitted concern each (in one organisation whose SPOC sees them all, the
widest scope a searcher has), then times each query of QUERIES through
`search_people` (the view's whole read: candidates, ranking, summaries)
and prints the median and worst of REPEATS runs, in milliseconds, as a
Markdown table for docs/performance.md."""

from __future__ import annotations

import random
import statistics
import time
from datetime import date, timedelta
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction

QUERIES = [
    "John Smith",
    "Jonh Smtih",
    "Smith John",
    "Mohamed Ali",
    "Muhammad Ahmed 2010",
    "Sarah Smith-Jones",
    "Zoe Bronte",
    "Siobhan ONeill",
    "04/05/2010",
    "2009",
    "OX16 1AE",
    "Quillfeather Okonkwo",
    "PH-2026-00042",
]
REPEATS = 7

FIRST = [
    "John",
    "Jon",
    "Joan",
    "Jonathan",
    "Sarah",
    "Sara",
    "Zoë",
    "Siobhán",
    "Seán",
    "José",
    "Aisha",
    "Ayesha",
    "Yusuf",
    "Youssef",
    "Fatima",
    "Chloé",
    "Björn",
    "Łukasz",
    "Aoife",
    "Eva",
    "Kwame",
    "Kwabena",
    "Priya",
    "Priyanka",
    "Thomas",
    "Tom",
    "Emily",
    "Emilie",
    "Oliver",
    "Olivia",
    "Muhammad",
    "Mohammed",
    "Mohamed",
    "Ahmed",
    "Ahmad",
    "Mehmet",
    "Niamh",
    "Liam",
    "Noah",
    "Amelia",
    "Isla",
    "Ava",
    "Mia",
    "Leo",
    "Harry",
    "Oscar",
    "Arthur",
]
LAST = [
    "Smith",
    "Smyth",
    "Jones",
    "Smith-Jones",
    "Brontë",
    "O'Neill",
    "O'Neil",
    "García",
    "Garcia-Lopez",
    "Begum",
    "Patel",
    "Khan",
    "Khanum",
    "Dubois",
    "Andersson",
    "Nowak",
    "Novak",
    "Murphy",
    "Mensah",
    "Sharma",
    "Wright",
    "Clarke",
    "Clark",
    "Twist",
    "Rahman",
    "Yilmaz",
    "Ali",
    "Ahmed",
    "Hussein",
    "Taylor",
    "Brown",
    "Wilson",
    "Evans",
    "Thomas",
    "Roberts",
    "Walker",
    "Robinson",
    "Wood",
    "Thompson",
    "White",
    "Hughes",
    "Edwards",
    "Green",
    "Hall",
    "Lewis",
    "Harris",
    "Martin",
    "Jackson",
    "Okonkwo",
    "Quillfeather",
]


class Command(BaseCommand):
    help = "Time people search on a throwaway database filled with many people."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--people", type=int, default=100_000)
        parser.add_argument("--yes-this-is-a-throwaway", action="store_true", dest="throwaway")
        parser.add_argument("--keep", action="store_true", help="reuse people already there")

    def handle(self, *args: Any, **options: Any) -> None:
        name = str(connection.settings_dict["NAME"])
        if "bench" not in name and not options["throwaway"]:
            raise CommandError(f"Refusing to fill {name!r}: use a database whose name contains 'bench'")
        call_command("migrate", verbosity=0)
        from prevent.people.models import Person

        count = options["people"]
        if not (options["keep"] and Person.objects.count() >= count):
            self._fill(count)
        self._time()

    def _fill(self, count: int) -> None:
        from prevent.accounts.models import User
        from prevent.accounts.roles import Role
        from prevent.concerns.models import Concern, ConcernStatus
        from prevent.core.models import Organisation
        from prevent.people.models import Person, PersonKey
        from tests.factories import UserFactory

        rng = random.Random(10)  # noqa: S311  (made-up names, not secrets)
        started = time.perf_counter()
        with transaction.atomic():
            Concern.objects.all().delete()
            PersonKey.objects.all().delete()
            Person.objects.filter(merged_into__isnull=False).update(merged_into=None)
            Person.objects.all().delete()
            org, _ = Organisation.objects.get_or_create(name="Bench School")
            practitioner: Any = User.objects.filter(email="bench-p@example.org").first() or UserFactory(
                roles=[Role.PRACTITIONER], organisation=org, email="bench-p@example.org"
            )
            if not User.objects.filter(email="bench-s@example.org").exists():
                UserFactory(roles=[Role.SPOC], organisation=org, email="bench-s@example.org")
            batch: list[Person] = []
            for i in range(count):
                person = Person(
                    full_name=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                    other_names=rng.choice(["", "", "", f"{rng.choice(FIRST)} {rng.choice(LAST)}"]),
                    date_of_birth=date(1990, 1, 1) + timedelta(days=rng.randrange(365 * 30)),
                    postcode=f"OX{rng.randrange(1, 30)} {rng.randrange(1, 9)}{rng.choice('ABD')}E",
                    created_by=practitioner,
                )
                person.set_keys()
                batch.append(person)
                if len(batch) == 5000 or i == count - 1:
                    made = Person.objects.bulk_create(batch)
                    PersonKey.objects.bulk_create(
                        PersonKey(person=p, key=k) for p in made for k in p.phonetic_keys.split()
                    )
                    Concern.objects.bulk_create(
                        Concern(
                            organisation=org,
                            raised_by=practitioner,
                            status=ConcernStatus.SUBMITTED,
                            reference=f"PH-2026-{p.pk:05d}",
                            person=p,
                        )
                        for p in made
                    )
                    batch = []
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.stdout.write(f"Filled {count} people in {time.perf_counter() - started:.1f} s")

    def _time(self) -> None:
        from prevent.accounts.models import User
        from prevent.people.search import search_people

        spoc = User.objects.get(email="bench-s@example.org")
        vendor = connection.vendor
        self.stdout.write(f"\n| query | {vendor} median ms | worst ms | results |")
        self.stdout.write("| --- | ---: | ---: | ---: |")
        medians = []
        for text in QUERIES:
            timings = []
            found = None
            for _ in range(REPEATS):
                started = time.perf_counter()
                found = search_people(user=spoc, text=text)
                timings.append((time.perf_counter() - started) * 1000)
            median = statistics.median(timings)
            medians.append(median)
            shown = "redirect" if found and found.redirect_to else str(len(found.results) if found else 0)
            self.stdout.write(f"| `{text}` | {median:.0f} | {max(timings):.0f} | {shown} |")
        self.stdout.write(f"\nWorst median: {max(medians):.0f} ms")
