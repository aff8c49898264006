"""Draw the example profile photos: flat, warm illustrations, deterministic per profile.

Every JPEG gets camera EXIF with GPS tags on purpose: the site must strip them, and the
tests check that it does. Run: python examples/drawings/draw_profile_images.py
"""

from __future__ import annotations

import hashlib
import random
from pathlib import Path

import yaml
from PIL import Image, ImageDraw, ImageFilter

ROOT = Path(__file__).resolve().parents[2]  # examples/drawings/ -> the repository
SIZE = 1200
BACKGROUNDS = [(224, 205, 178), (201, 214, 200), (232, 196, 170), (205, 208, 219), (238, 222, 190)]
SKIN = [(244, 208, 177), (224, 172, 135), (198, 134, 98), (150, 97, 66), (112, 72, 48)]
HAIR = [(40, 32, 28), (92, 60, 38), (160, 110, 62), (214, 180, 120), (120, 120, 120), (170, 70, 40)]
CLOTHES = [(31, 83, 80), (161, 67, 29), (29, 38, 43), (120, 95, 60), (70, 90, 120), (156, 120, 40)]
ORGANISATIONS = {"leerbedrijf", "opleiding", "restauratie", "museum", "evenement", "organisatie"}


def rng_for(slug: str) -> random.Random:
    return random.Random(int(hashlib.sha256(slug.encode()).hexdigest()[:12], 16))


def backdrop(rng: random.Random) -> Image.Image:
    base = rng.choice(BACKGROUNDS)
    image = Image.new("RGB", (SIZE, SIZE), base)
    draw = ImageDraw.Draw(image)
    for _ in range(14):  # soft shapes, like a workshop wall
        x, y = rng.randrange(-200, SIZE), rng.randrange(-200, SIZE)
        r = rng.randrange(120, 420)
        shade = tuple(max(0, min(255, c + rng.randrange(-18, 18))) for c in base)
        draw.ellipse((x, y, x + r, y + r), fill=shade)
    return image.filter(ImageFilter.GaussianBlur(28))


def portrait(slug: str) -> Image.Image:
    rng = rng_for(slug)
    image = backdrop(rng)
    draw = ImageDraw.Draw(image)
    skin, hair, clothes = rng.choice(SKIN), rng.choice(HAIR), rng.choice(CLOTHES)
    cx = SIZE // 2 + rng.randrange(-60, 60)
    # shoulders and apron
    draw.rounded_rectangle((cx - 400, 820, cx + 400, SIZE + 200), radius=260, fill=clothes)
    apron = tuple(min(255, c + 60) for c in clothes)
    draw.rounded_rectangle((cx - 170, 880, cx + 170, SIZE + 100), radius=40, fill=apron)
    # neck and head
    draw.rectangle((cx - 70, 640, cx + 70, 860), fill=tuple(int(c * 0.9) for c in skin))
    draw.ellipse((cx - 200, 280, cx + 200, 760), fill=skin)
    style = rng.randrange(4)
    if style == 0:  # short
        draw.chord((cx - 215, 250, cx + 215, 620), 180, 360, fill=hair)
    elif style == 1:  # long
        draw.rounded_rectangle((cx - 240, 260, cx + 240, 900), radius=200, fill=hair)
        draw.ellipse((cx - 200, 320, cx + 200, 760), fill=skin)
        draw.chord((cx - 210, 250, cx + 210, 560), 180, 360, fill=hair)
    elif style == 2:  # cap
        draw.chord((cx - 220, 240, cx + 220, 600), 180, 360, fill=clothes)
        draw.rectangle((cx - 230, 410, cx + 280, 440), fill=clothes)
    else:  # bun
        draw.ellipse((cx - 90, 170, cx + 90, 330), fill=hair)
        draw.chord((cx - 210, 250, cx + 210, 580), 180, 360, fill=hair)
    # a tool in hand, in the foreground
    tool = tuple(min(255, c + 30) for c in rng.choice(CLOTHES))
    tx = cx + rng.choice([-330, 260])
    draw.rounded_rectangle((tx, 700, tx + 44, 1130), radius=18, fill=(120, 84, 52))
    draw.rounded_rectangle((tx - 50, 640, tx + 94, 720), radius=16, fill=tool)
    return image


def workshop(slug: str) -> Image.Image:
    rng = rng_for(slug)
    image = backdrop(rng)
    draw = ImageDraw.Draw(image)
    wood = (150, 104, 64)
    # a bench with objects on it
    draw.rectangle((0, 760, SIZE, 830), fill=wood)
    draw.rectangle((0, 830, SIZE, SIZE), fill=tuple(int(c * 0.7) for c in wood))
    x = 80
    while x < SIZE - 120:
        width = rng.randrange(70, 200)
        height = rng.randrange(120, 420)
        colour = rng.choice(CLOTHES + HAIR[:3])
        shape = rng.randrange(3)
        if shape == 0:
            draw.rounded_rectangle((x, 760 - height, x + width, 760), radius=24, fill=colour)
        elif shape == 1:
            draw.ellipse((x, 760 - height, x + width, 760 + 20), fill=colour)
        else:
            draw.polygon([(x, 760), (x + width // 2, 760 - height), (x + width, 760)], fill=colour)
        x += width + rng.randrange(30, 90)
    # tools on the wall
    for index in range(rng.randrange(4, 8)):
        tx = 120 + index * 150
        draw.line((tx, 120, tx, 330), fill=(60, 50, 40), width=14)
        draw.rounded_rectangle((tx - 40, 300, tx + 40, 360), radius=12, fill=rng.choice(CLOTHES))
    return image


def exif_for(place: str | None) -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "ExampleCam"
    exif[0x0110] = "EC-100"
    exif[0x0132] = "2026:06:01 10:00:00"
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (52.0, 5.0, 30.0)
    gps[3], gps[4] = "E", (5.0, 7.0, 12.0)
    exif[0x8825] = gps
    return exif.tobytes()


def main() -> None:
    for path in sorted((ROOT / "content" / "profiles").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        reference = data.get("photo")
        if not reference:
            continue
        target = ROOT / "content" / reference
        target.parent.mkdir(parents=True, exist_ok=True)
        image = workshop(path.stem) if data["type"] in ORGANISATIONS else portrait(path.stem)
        image.save(target, "JPEG", quality=85, optimize=True, exif=exif_for(data.get("place")))
        print(target.relative_to(ROOT))


if __name__ == "__main__":
    main()
