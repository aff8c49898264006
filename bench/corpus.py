"""A deterministic synthetic corpus in the site's content model, for ``make bench``.

``generate(scale, folder)`` writes ``folder/content`` (stories, profiles, photos, plus the real
pages, events and reference data so the templates work), ``folder/stock/content`` (the same
stories as plain Pelican Markdown articles) and ``folder/hugo/content`` (the same stories for
Hugo). Everything is a function of the scale and the index of each file: two runs give the
same bytes, so a corpus that is already there is reused.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import shutil
import sys
from pathlib import Path

import yaml
from infra.cachekey import code_digest

ROOT = Path(__file__).resolve().parent.parent

SCALES = {
    "S": {"stories": 200, "profiles": 500},
    "M": {"stories": 1000, "profiles": 2000},
    "L": {"stories": 5000, "profiles": 10000},
}
PHOTO_SHARE = 10  # one profile in ten has a photo
STORY_IMAGES = 20  # stories with an image share this many pictures

FIRST_NAMES = [
    "Jan", "Pieter", "Kees", "Henk", "Daan", "Sem", "Lucas", "Bram", "Thijs", "Ruud", "Joris", "Wouter", "Omar",
    "Youssef", "Mehmet", "Anouk", "Femke", "Sanne", "Lieke", "Marloes", "Ingrid", "Mirjam", "Tjitske", "Zoë",
    "Fleur", "Noor", "Emma", "Sophie", "Esther", "Hanneke", "Wendelien", "Ilse", "Karin", "Fatima", "Gerrit",
]
SURNAMES = [
    "de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos",
    "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra", "Smits", "de Graaf",
    "van der Meer", "Kuipers", "Wiersma", "Hoekstra", "Coenen", "Verhoeven", "Gerritsen", "Schoonderwoerd",
    "Brinkman", "El Amrani", "Öztürk", "Ypma", "Kloosterhuis", "van 't Hof", "Minderhoud",
]
BUSINESS_WORDS = ["Werkplaats", "Atelier", "Smederij", "Meubelmakerij", "Pottenbakkerij", "Weverij", "Bakkerij",
                  "Restauratiewerf", "Glasatelier", "Zadelmakerij", "Orgelmakerij", "Rietdekkersbedrijf"]
PLACES = {
    "groningen": ["Groningen", "Winsum", "Appingedam", "Veendam"],
    "friesland": ["Leeuwarden", "Harlingen", "Sneek", "Dokkum"],
    "drenthe": ["Assen", "Meppel", "Emmen", "Westerbork"],
    "overijssel": ["Zwolle", "Deventer", "Enschede", "Ootmarsum"],
    "flevoland": ["Almere", "Lelystad", "Urk", "Emmeloord"],
    "gelderland": ["Arnhem", "Nijmegen", "Zutphen", "Tiel"],
    "utrecht": ["Utrecht", "Amersfoort", "Woerden", "Wijk bij Duurstede"],
    "noord-holland": ["Haarlem", "Alkmaar", "Hoorn", "Amsterdam"],
    "zuid-holland": ["Leiden", "Delft", "Gouda", "Dordrecht"],
    "zeeland": ["Middelburg", "Zierikzee", "Goes", "Veere"],
    "noord-brabant": ["'s-Hertogenbosch", "Tilburg", "Eindhoven", "Heusden"],
    "limburg": ["Maastricht", "Venlo", "Roermond", "Thorn"],
    "landelijk": ["Utrecht", "Den Haag"],
}
TYPES = ["ambachtsmens"] * 12 + ["leerbedrijf"] * 3 + ["opleiding", "restauratie", "restauratie", "museum",
                                                        "evenement", "organisatie"]
OFFERS = ["leerplek", "stage", "workshop", "rondleiding", "opleiding"]
TAGS = ["leven-lang-ontwikkelen", "erfgoed", "vakonderwijs", "vrouwen-in-het-vak", "duurzaamheid", "leerbedrijf",
        "zij-instromers", "innovatie", "samenwerking"]
TITLES = [
    "{naam} houdt het {ambacht} levend in {plaats}",
    "Waarom {naam} koos voor het {ambacht}",
    "In de werkplaats van {naam}: {ambacht} met geduld",
    "Een dag meelopen met {naam} in {plaats}",
    "{ambacht_hoofd} in {plaats}: vakmanschap dat blijft",
    "Van kantoor naar de werkbank: het verhaal van {naam}",
    "Leerling en leermeester: {ambacht} in {plaats}",
]
SENTENCES = [
    "Wie de werkplaats van {naam} binnenstapt, ruikt meteen het hout, de olie en het ijzer van jaren werk.",
    "Het {ambacht} leerde {voornaam} van een oude vakman die er nooit veel woorden aan vuil maakte.",
    "‘Je moet het materiaal laten vertellen wat het wil,’ zegt {voornaam}, terwijl de handen gewoon doorwerken.",
    "In {plaats} zijn nog maar weinig mensen die dit vak op deze manier beheersen.",
    "Opdrachtgevers komen vooral via via: een architect, een museum, een buurman die iets gerepareerd wil hebben.",
    "De wachtlijst is inmiddels ruim een halfjaar, en dat zegt genoeg over de vraag naar vakmanschap.",
    "Elke week komt er een leerling meewerken die twee dagen per week naar de vakschool gaat.",
    "Het mooiste vindt {voornaam} het moment waarop een leerling iets maakt dat echt klopt.",
    "Er staan gereedschappen aan de muur die ouder zijn dan de werkplaats zelf.",
    "Veel technieken staan nergens opgeschreven; ze gaan van hand tot hand.",
    "‘Als ik stop en niemand neemt het over, dan is het weg,’ zegt {voornaam} nuchter.",
    "Daarom zet de werkplaats een paar keer per jaar de deuren open voor scholieren uit de regio.",
    "Wat begint met nieuwsgierigheid, eindigt soms in een opleiding of een leerplek.",
    "Duurzaamheid is hier geen modewoord: wat kapot is, wordt hersteld in plaats van weggegooid.",
    "De materialen komen zoveel mogelijk uit de buurt, van leveranciers die {voornaam} al jaren kent.",
    "Aan de werkbank wordt weinig gepraat en veel gekeken, gemeten en opnieuw gemeten.",
    "Een stuk dat hier de deur uitgaat, moet minstens honderd jaar mee kunnen.",
    "Het vak vraagt minder kracht dan mensen denken, maar wel veel geduld en precisie.",
    "Samen met de vakschool in {plaats} werkt de werkplaats aan een nieuw lesprogramma.",
    "Steeds meer zij-instromers melden zich, vaak mensen die na jaren achter een scherm iets met hun handen willen.",
    "‘Het verschil tussen goed en heel goed zit in de laatste tien procent,’ legt {voornaam} uit.",
    "Op zaterdag komen er soms bezoekers kijken, en die blijven vaak langer dan gepland.",
    "De kracht van ambacht zit volgens {voornaam} in de combinatie van kennis, ervaring en liefde voor het materiaal.",
    "Een restauratie kan maanden duren, omdat elk onderdeel eerst zorgvuldig wordt onderzocht.",
]
HEADINGS = ["Hoe het begon", "Het vak in de vingers", "Leren van de meester", "De deur openzetten",
            "Werken aan erfgoed", "Wat de toekomst brengt", "Materiaal en gereedschap"]
QUOTES = [
    "‘Een goed stuk werk zie je pas na twintig jaar: dan staat het er nog.’",
    "‘Ik leer elke dag iets nieuws, ook na dertig jaar in dit vak.’",
    "‘Wie het vak wil leren, is hier altijd welkom.’",
]


def slugify(text: str) -> str:
    table = str.maketrans({"ë": "e", "ö": "o", "ü": "u", "é": "e", "'": "", "’": ""})
    cleaned = "".join(ch if ch.isalnum() else "-" for ch in text.lower().translate(table))
    return "-".join(part for part in cleaned.split("-") if part)


def reference_ids() -> tuple[list[str], list[str], dict[str, str]]:
    crafts = yaml.safe_load((ROOT / "content" / "data" / "crafts.yaml").read_text(encoding="utf-8"))["crafts"]
    regions = yaml.safe_load((ROOT / "content" / "data" / "regions.yaml").read_text(encoding="utf-8"))["regions"]
    return [c["id"] for c in crafts], [r["id"] for r in regions], {c["id"]: c["name"] for c in crafts}


def quoted(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def profile(index: int, craft_ids: list[str], region_ids: list[str], craft_names: dict[str, str]) -> tuple[str, str, bool]:
    """(slug, YAML text, has_photo) of profile number ``index``."""
    rng = random.Random(f"profile-{index}")
    kind = rng.choice(TYPES)
    person = f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}"
    name = person if kind == "ambachtsmens" else f"{rng.choice(BUSINESS_WORDS)} {rng.choice(SURNAMES)}"
    slug = f"{slugify(name)}-{index:05d}"
    region = rng.choice(region_ids[:-1]) if kind != "organisatie" else rng.choice(region_ids)
    place = rng.choice(PLACES.get(region, ["Utrecht"]))
    crafts = rng.sample(craft_ids, rng.choice([1, 1, 2, 3]))
    photo = index % PHOTO_SHARE == 0
    words = {"naam": name, "voornaam": person.split(maxsplit=1)[0], "plaats": place, "ambacht": craft_names[crafts[0]].lower()}
    bio = " ".join(s.format(**words) for s in rng.sample(SENTENCES, 3)) + "\n\n" + rng.choice(SENTENCES).format(**words)
    lines = [
        f"name: {quoted(name)}",
        f"type: {kind}",
        f"crafts: [{', '.join(crafts)}]",
        f"region: {region}",
        f"place: {quoted(place)}",
        f"tagline: {quoted(f'{craft_names[crafts[0]]} in {place}, met oog voor traditie')}",
        "bio: |",
        *[f"  {line}" if line else "" for line in bio.split("\n")],
    ]
    if photo:
        lines += [f"photo: images/profiles/{slug}.jpg", f"photo_alt: {quoted(f'{name} aan het werk in de werkplaats')}"]
    lines += [f"website: https://{slug}.example.nl", f"email: info@{slug}.example.nl",
              f"contact_public: {'true' if index % 3 == 0 else 'false'}"]
    if rng.random() < 0.6:
        lines.append(f"offers: [{', '.join(sorted(rng.sample(OFFERS, rng.randint(1, 3)), key=OFFERS.index))}]")
    lines.append(f"since: {rng.randint(1960, 2025)}")
    skills = rng.sample(["restauratie", "lesgeven", "ontwerp", "reparatie", "maatwerk", "demonstraties"], 2)
    lines.append(f"skills: [{', '.join(quoted(s) for s in skills)}]")
    scope = ["profiel", "foto", "badge", "open-data"] if photo else ["profiel", "badge", "open-data"]
    lines += ["consent:", f"  date: 2026-{1 + index % 12:02d}-{1 + index % 28:02d}", f"  scope: [{', '.join(scope)}]"]
    if index % 50 == 49:
        lines.append("status: withdrawn")
    return slug, "\n".join(lines) + "\n", photo


def story(index: int, craft_ids: list[str], region_ids: list[str], craft_names: dict[str, str],
          profile_slugs: list[str]) -> tuple[str, dict, str]:
    """(slug, front matter, Markdown body) of story number ``index``."""
    rng = random.Random(f"story-{index}")
    person = f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}"
    region = rng.choice(region_ids[:-1])
    place = rng.choice(PLACES[region])
    crafts = rng.sample(craft_ids, rng.choice([1, 1, 2]))
    craft = craft_names[crafts[0]].lower()
    words = {"naam": person, "voornaam": person.split(maxsplit=1)[0], "plaats": place, "ambacht": craft,
             "ambacht_hoofd": craft_names[crafts[0]]}
    title = rng.choice(TITLES).format(**words)
    slug = f"{slugify(title)[:60].strip('-')}-{index:05d}"
    date = dt.date(2020, 1, 1) + dt.timedelta(days=(index * 37) % 2300)
    summary = " ".join(s.format(**words) for s in rng.sample(SENTENCES, 2))[:290]
    meta = {"title": title, "date": date.isoformat(), "summary": summary, "crafts": crafts, "region": region,
            "author": "Redactie"}
    tags = sorted(rng.sample(TAGS, rng.randint(0, 2)))
    if tags:
        meta["tags"] = tags
    if profile_slugs and index % 3 == 0:
        meta["profiles"] = sorted(rng.sample(profile_slugs, rng.randint(1, 3)))
    if index % 10 == 0:
        meta["image"] = f"images/stories/beeld-{index // 10 % STORY_IMAGES:02d}.jpg"
        meta["image_alt"] = f"{person} aan het werk als {craft}"
    paragraphs = []
    for section in rng.sample(HEADINGS, 3):
        paragraphs.append(f"## {section}")
        for _ in range(rng.randint(2, 3)):
            paragraphs.append(" ".join(s.format(**words) for s in rng.sample(SENTENCES, rng.randint(3, 5))))
        if rng.random() < 0.4:
            paragraphs.append("> " + rng.choice(QUOTES))
    if rng.random() < 0.3:
        paragraphs.append("\n".join(f"- {s.format(**words)}" for s in rng.sample(SENTENCES, 3)))
    return slug, meta, "\n\n".join(paragraphs) + "\n"


def front_matter(meta: dict) -> str:
    lines = ["---"]
    for key, value in meta.items():
        if isinstance(value, list):
            lines.append(f"{key}: [{', '.join(value)}]")
        elif key == "date":
            lines.append(f"{key}: {value}")
        else:
            lines.append(f"{key}: {quoted(value)}")
    return "\n".join(lines + ["---", ""])


def pelican_header(meta: dict, slug: str) -> str:
    """Plain Pelican ``Key: value`` headers for stock Pelican (the slug is the file name, as on our site)."""
    lines = [f"Title: {meta['title']}", f"Date: {meta['date']}", f"Slug: {slug}", f"Summary: {meta['summary']}"]
    if meta.get("tags"):
        lines.append(f"Tags: {', '.join(meta['tags'])}")
    return "\n".join(lines) + "\n\n"


def draw_photo(path: Path, seed: str, size: tuple[int, int]) -> None:
    """A small deterministic JPEG: a two-colour gradient with a few shapes."""
    from PIL import Image, ImageDraw

    rng = random.Random(seed)
    start = tuple(rng.randint(40, 200) for _ in range(3))
    end = tuple(rng.randint(40, 200) for _ in range(3))
    column = Image.new("RGB", (1, 64))
    for y in range(64):
        column.putpixel((0, y), tuple(round(a + (b - a) * y / 63) for a, b in zip(start, end, strict=True)))
    image = column.resize(size, Image.Resampling.BILINEAR)
    draw = ImageDraw.Draw(image)
    width, height = size
    for _ in range(rng.randint(3, 6)):
        x, y = rng.randint(0, width), rng.randint(0, height)
        radius = rng.randint(width // 20, width // 5)
        colour = tuple(rng.randint(0, 255) for _ in range(3))
        if rng.random() < 0.5:
            draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=colour)
        else:
            draw.rectangle((x - radius, y - radius // 2, x + radius, y + radius // 2), fill=colour)
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, "JPEG", quality=80)


def generate(scale: str, folder: Path) -> dict:
    """Write the corpus of ``scale`` below ``folder`` unless it is already there; return its counts."""
    sizes = SCALES[scale]
    stamp = folder / "corpus.json"
    # the one cache rule (infra.cachekey): this code and every file of the project it copies
    copied = [ROOT / "content" / "data", *(ROOT / "content" / kind for kind in ("pages", "events")),
              *(ROOT / "content" / "images" / kind for kind in ("pages", "events"))]
    signature = code_digest(sys.modules[__name__], *copied)[:16]
    if stamp.exists():
        info = json.loads(stamp.read_text(encoding="utf-8"))
        if info.get("signature") == signature:
            return info
    if folder.exists():
        shutil.rmtree(folder)
    content = folder / "content"
    craft_ids, region_ids, craft_names = reference_ids()
    shutil.copytree(ROOT / "content" / "data", content / "data")
    for kind in ("pages", "events"):
        shutil.copytree(ROOT / "content" / kind, content / kind)
        shutil.copytree(ROOT / "content" / "images" / kind, content / "images" / kind)
    (content / "profiles").mkdir()
    profile_slugs, photos = [], 0
    for index in range(sizes["profiles"]):
        slug, text, photo = profile(index, craft_ids, region_ids, craft_names)
        (content / "profiles" / f"{slug}.yaml").write_text(text, encoding="utf-8")
        if photo:
            draw_photo(content / "images" / "profiles" / f"{slug}.jpg", f"photo-{index}", (640, 480))
            photos += 1
        if "status: withdrawn" not in text:
            profile_slugs.append(slug)
    for index in range(STORY_IMAGES):
        draw_photo(content / "images" / "stories" / f"beeld-{index:02d}.jpg", f"story-image-{index}", (960, 640))
    stock = folder / "stock" / "content"
    hugo = folder / "hugo" / "content" / "verhalen"
    for target in (content / "stories", stock, hugo):
        target.mkdir(parents=True)
    story_slugs = []
    for index in range(sizes["stories"]):
        slug, meta, body = story(index, craft_ids, region_ids, craft_names, profile_slugs)
        (content / "stories" / f"{slug}.md").write_text(front_matter(meta) + body, encoding="utf-8")
        (stock / f"{slug}.md").write_text(pelican_header(meta, slug) + body, encoding="utf-8")
        hugo_meta = {k: meta[k] for k in ("title", "date", "summary", "tags") if k in meta}
        (hugo / f"{slug}.md").write_text(front_matter(hugo_meta) + body, encoding="utf-8")
        story_slugs.append(slug)
    info = {"signature": signature, "scale": scale, "stories": len(story_slugs), "profiles": sizes["profiles"],
            "profile_photos": photos, "story_images": STORY_IMAGES, "first_story": story_slugs[0],
            "first_profile": f"{profile(0, craft_ids, region_ids, craft_names)[0]}"}
    stamp.write_text(json.dumps(info, indent=1) + "\n", encoding="utf-8")
    return info
