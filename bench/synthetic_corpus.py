"""A deterministic corpus of varied news articles for scale benchmarks.

Articles are built from templates over lists of places, people, organisations and events, so
each has its own title, entities, numbers, dates and quotes (sentence count and vocabulary grow
with the corpus the way real coverage does), plus page furniture that the cleaner must remove.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

PLACES = ["Portmere", "Valdora", "Kestrel Bay", "Northbridge", "San Aurelio", "Lindqvist", "Marrow Hill", "Oskana",
          "Tellurin", "Bramford", "Castel Nuovo", "Eastmarch", "Riverton", "Skarholm", "Almira", "Dunhaven",
          "Pellucid City", "Corvallo", "Westfen", "Iskander", "Greyhaven", "Sorrento Vale", "Hallam", "Ostrava Nova"]
FIRST = ["Lena", "Marco", "Aisha", "Tomas", "Priya", "Jonas", "Elena", "Samir", "Ingrid", "Kofi", "Mei", "Rafael",
         "Nadia", "Oskar", "Yusuf", "Clara", "Dmitri", "Fatima", "Hugo", "Ines", "Kenji", "Leila", "Mateo", "Zofia"]
LAST = ["Ostrova", "Bellini", "Okafor", "Lindgren", "Haddad", "Moreau", "Kowalski", "Tanaka", "Reyes", "Nakamura",
        "Varga", "Quell", "Dubois", "Sato", "Petrov", "Mensah", "Larsen", "Costa", "Nilsson", "Arslan"]
ROLES = ["mayor", "finance minister", "union leader", "police chief", "health commissioner", "port director",
         "central bank governor", "opposition leader", "court spokesperson", "energy regulator"]
ORGS = ["the city council", "the port authority", "the transport union", "the regional parliament", "the supreme court",
        "the central bank", "the health agency", "the energy regulator", "the teachers' federation", "the chamber of commerce"]
EVENTS = [
    ("storm", "a storm flooded {place}", "damaged homes", "flood barriers"),
    ("strike", "a strike halted trains in {place}", "cancelled services", "wage talks"),
    ("budget", "the {place} budget passed a first vote", "new spending", "tax changes"),
    ("election", "voters in {place} went to the polls", "ballots counted", "coalition talks"),
    ("ruling", "a court in {place} struck down a housing law", "affected tenants", "an appeal"),
    ("outbreak", "a measles outbreak spread in {place}", "confirmed cases", "vaccination clinics"),
    ("trade", "trade talks between {place} and {other} resumed", "tariff lines", "a framework deal"),
    ("fire", "a warehouse fire burned for two days in {place}", "firefighters deployed", "an investigation"),
    ("energy", "power prices rose sharply in {place}", "households in arrears", "a price cap"),
    ("transit", "{place} opened a new tram line", "daily riders", "an extension"),
]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

SENTENCES = [
    "On {day}, {event}, according to {org}.",
    "{person}, the {role}, said the number of {measure} had reached {n}.",
    "\u201cWe did not expect {n2} {measure} so soon,\u201d {person} told reporters in {place}.",
    "Officials said {measure} would be reviewed by {org} before the end of {month}.",
    "The figure is {pct} percent higher than the same period last year.",
    "{person2}, who leads {org2}, called the response {adj}.",
    "Critics argued that {remedy} would cost at least {money} million.",
    "Residents of {place} gathered outside the town hall on {day2} evening.",
    "{org} has promised {remedy} by {month} {year}.",
    "In {year}, a similar crisis in {other} lasted {weeks} weeks.",
    "Analysts at {org2} expect {n3} more {measure} before conditions improve.",
    "{person} added that talks with {other} would continue next week.",
    "A spokesperson for {org} declined to comment on the {adj2} estimates.",
    "The {role} of {other}, {person3}, offered help within {hours} hours.",
    "Local media reported that {n4} people had signed a petition about {remedy}.",
]
ADJ = ["slow", "decisive", "inadequate", "measured", "chaotic", "overdue", "credible", "premature"]
FURNITURE = ["We use cookies to improve your experience. By continuing you accept our Privacy Policy.", "Accept all",
             "Share this", "Photo: City archive. /Reuters"]


def article(rng: random.Random, n: int) -> tuple[str, dict]:
    place, other = rng.sample(PLACES, 2)
    kind, event, measure, remedy = rng.choice(EVENTS)
    people = [f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(3)]
    year = rng.choice(range(2015, 2026))
    title = f"{place}: {event.format(place=place, other=other)[0].upper()}{event.format(place=place, other=other)[1:]}"
    values = dict(
        place=place, other=other, event=event.format(place=place, other=other), measure=measure, remedy=remedy,
        person=people[0], person2=people[1], person3=people[2], role=rng.choice(ROLES), org=rng.choice(ORGS),
        org2=rng.choice(ORGS), day=rng.choice(DAYS), day2=rng.choice(DAYS), month=rng.choice(MONTHS), year=year,
        n=rng.randint(20, 9000), n2=rng.randint(10, 500), n3=rng.randint(5, 300), n4=rng.randint(100, 50000),
        pct=rng.randint(2, 80), money=rng.randint(3, 900), weeks=rng.randint(2, 30), hours=rng.randint(6, 72),
        adj=rng.choice(ADJ), adj2=rng.choice(ADJ),
    )
    body = [(t := s.format(**values))[0].upper() + t[1:] for s in rng.sample(SENTENCES, rng.randint(11, len(SENTENCES)))]
    paragraphs = [" ".join(body[i:i + 3]) for i in range(0, len(body), 3)]
    lines = [rng.choice(FURNITURE[:1]), title, *paragraphs[:1], FURNITURE[3], FURNITURE[3], *paragraphs[1:], FURNITURE[2]]
    meta = {"title": title, "outlet": rng.choice(["The Harbour Post", "Valdora Daily", "North Wire", "Civic Ledger"]),
            "kind": "news", "author": None, "url": None, "about_date": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"}
    return "\n\n".join(lines) + "\n", meta


def write_corpus(folder: Path, articles: int, seed: int = 7, include: Path | None = None) -> Path:
    """`articles` files in `folder` (the files of `include` first, then generated ones)."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    meta: dict[str, dict] = {}
    count = 0
    if include:
        extra = json.loads((include / "sources.json").read_text()) if (include / "sources.json").exists() else {}
        for path in sorted(include.glob("*.txt")):
            (folder / path.name).write_bytes(path.read_bytes())
            meta[path.name] = extra.get(path.name, {})
            count += 1
    for n in range(articles - count):
        text, info = article(rng, n)
        name = f"gen_{n:05d}.txt"
        (folder / name).write_text(text)
        meta[name] = info
    (folder / "sources.json").write_text(json.dumps(meta, indent=1))
    return folder
