#!/usr/bin/env python3
"""Draw the example illustrations referenced by the example content.

Every image is a flat, poster-like illustration built from shapes, gradients
and a light paper grain, in the campaign palette. Output is deterministic:
each image uses its own fixed random seed.

On purpose, every file gets EXIF metadata with GPS coordinates, camera
make/model and a capture date (and JPEGs also get a comment marker). The site
build must strip this metadata; the tests check that it does.

Usage (Pillow is the only dependency):

    python3 examples/drawings/draw_example_images.py [--out content/images]
"""

from __future__ import annotations

import argparse
import math
import random
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageOps, TiffImagePlugin
from PIL.PngImagePlugin import PngInfo

SS = 2  # supersampling factor: draw at 2x, then downscale for smooth edges

# Campaign palette
INK = (31, 42, 48)
INK2 = (52, 64, 70)
COPPER = (181, 101, 47)
TERRACOTTA = (192, 87, 62)
OCHRE = (212, 154, 42)
SAGE = (143, 165, 138)
SAGE_DARK = (93, 117, 96)
CREAM = (243, 233, 214)
SAND = (230, 211, 177)
BLUE = (45, 74, 90)
BROWN = (110, 72, 44)
WOOD = (166, 112, 68)
WOOD_LIGHT = (201, 150, 98)
STEEL = (150, 160, 162)


def mix(c0, c1, t):
    """Linear interpolation between two RGB colours."""
    return tuple(round(a + (b - a) * t) for a, b in zip(c0, c1))


def alpha(c, a):
    """Colour with an alpha value (0-255) for blended drawing."""
    return (c[0], c[1], c[2], a)


def gradient_image(size, c0, c1, vertical=True):
    """An RGB image of `size` going from c0 to c1 (top->bottom or left->right)."""
    mask = Image.linear_gradient("L")
    if not vertical:
        mask = mask.transpose(Image.Transpose.TRANSPOSE)
    mask = mask.resize((max(1, size[0]), max(1, size[1])), Image.Resampling.BILINEAR)
    return Image.composite(Image.new("RGB", mask.size, c1), Image.new("RGB", mask.size, c0), mask)


def ellipse_pts(cx, cy, rx, ry, angle=0.0, n=72, start=0.0, end=360.0):
    """Points on a (rotated) ellipse, in final-pixel coordinates."""
    a = math.radians(angle)
    pts = []
    for i in range(n + 1):
        t = math.radians(start + (end - start) * i / n)
        x, y = rx * math.cos(t), ry * math.sin(t)
        pts.append((cx + x * math.cos(a) - y * math.sin(a), cy + x * math.sin(a) + y * math.cos(a)))
    return pts


def rotate_pts(pts, cx, cy, angle):
    a = math.radians(angle)
    ca, sa = math.cos(a), math.sin(a)
    return [(cx + (x - cx) * ca - (y - cy) * sa, cy + (x - cx) * sa + (y - cy) * ca) for x, y in pts]


class Canvas:
    """Drawing surface; all coordinates are in final (output) pixels."""

    def __init__(self, w, h, bg=CREAM, image=None):
        self.w, self.h = w, h
        self.img = image if image is not None else Image.new("RGB", (w * SS, h * SS), bg)
        self.draw = ImageDraw.Draw(self.img, "RGBA")

    @staticmethod
    def _p(pts):
        return [(x * SS, y * SS) for x, y in pts]

    @staticmethod
    def _w(width):
        return max(1, round(width * SS))

    # --- primitives -------------------------------------------------------
    def poly(self, pts, fill=None, outline=None, width=1):
        self.draw.polygon(self._p(pts), fill=fill, outline=outline, width=self._w(width) if outline else 0)

    def rect(self, x0, y0, x1, y1, fill=None, outline=None, width=1, radius=0):
        box = [x0 * SS, y0 * SS, x1 * SS, y1 * SS]
        w = self._w(width) if outline else 0
        if radius:
            self.draw.rounded_rectangle(box, radius * SS, fill=fill, outline=outline, width=w)
        else:
            self.draw.rectangle(box, fill=fill, outline=outline, width=w)

    def ellipse(self, cx, cy, rx, ry, fill=None, outline=None, width=1):
        box = [(cx - rx) * SS, (cy - ry) * SS, (cx + rx) * SS, (cy + ry) * SS]
        self.draw.ellipse(box, fill=fill, outline=outline, width=self._w(width) if outline else 0)

    def circle(self, cx, cy, r, fill=None, outline=None, width=1):
        self.ellipse(cx, cy, r, r, fill, outline, width)

    def line(self, pts, fill, width=1):
        self.draw.line(self._p(pts), fill=fill, width=self._w(width), joint="curve")

    def arc(self, cx, cy, rx, ry, start, end, fill, width=1):
        box = [(cx - rx) * SS, (cy - ry) * SS, (cx + rx) * SS, (cy + ry) * SS]
        self.draw.arc(box, start, end, fill=fill, width=self._w(width))

    # --- fills ------------------------------------------------------------
    def _bbox(self, pts):
        xs = [x * SS for x, _ in pts]
        ys = [y * SS for _, y in pts]
        x0, y0 = math.floor(min(xs)), math.floor(min(ys))
        x1, y1 = math.ceil(max(xs)) + 1, math.ceil(max(ys)) + 1
        return x0, y0, x1, y1

    def gradient_poly(self, pts, c0, c1, vertical=True):
        x0, y0, x1, y1 = self._bbox(pts)
        size = (x1 - x0, y1 - y0)
        mask = Image.new("L", size, 0)
        ImageDraw.Draw(mask).polygon([(x * SS - x0, y * SS - y0) for x, y in pts], fill=255)
        self.img.paste(gradient_image(size, c0, c1, vertical), (x0, y0), mask)

    def gradient_rect(self, x0, y0, x1, y1, c0, c1, vertical=True):
        self.gradient_poly([(x0, y0), (x1, y0), (x1, y1), (x0, y1)], c0, c1, vertical)

    def background(self, c0, c1):
        self.img.paste(gradient_image(self.img.size, c0, c1, True), (0, 0))

    def glow(self, cx, cy, r, color, strength=0.6):
        """Soft radial light, strongest in the centre."""
        size = max(2, int(2 * r * SS))
        m = ImageOps.invert(Image.radial_gradient("L")).resize((size, size), Image.Resampling.BILINEAR)
        m = m.point(lambda v: int((v / 255.0) ** 2 * 255 * strength))
        self.img.paste(Image.new("RGB", (size, size), color), (int((cx - r) * SS), int((cy - r) * SS)), m)

    def clip_layer(self, mask_pts, drawfn, ellipse=None):
        """Run drawfn on a copy of the canvas and keep it only inside a polygon."""
        layer = Canvas(self.w, self.h, image=self.img.copy())
        drawfn(layer)
        mask = Image.new("L", self.img.size, 0)
        md = ImageDraw.Draw(mask)
        if mask_pts:
            md.polygon(self._p(mask_pts), fill=255)
        if ellipse:
            cx, cy, rx, ry = ellipse
            md.ellipse([(cx - rx) * SS, (cy - ry) * SS, (cx + rx) * SS, (cy + ry) * SS], fill=255)
        self.img.paste(layer.img, (0, 0), mask)

    def stamp(self, drawfn, cx, cy, angle, tile=420):
        """Draw on a transparent tile centred at (tile/2, tile/2), rotate it, paste it at (cx, cy)."""
        t = Image.new("RGBA", (tile * SS, tile * SS), (0, 0, 0, 0))
        drawfn(Canvas(tile, tile, image=t))
        t = t.rotate(angle, resample=Image.Resampling.BICUBIC)
        self.img.paste(t, (int(cx * SS - tile * SS / 2), int(cy * SS - tile * SS / 2)), t)

    # --- output -----------------------------------------------------------
    def finish(self, seed, grain=7):
        out = self.img.resize((self.w, self.h), Image.Resampling.LANCZOS)
        if grain:
            rng = random.Random(seed * 7919 + 13)
            gw, gh = self.w // 2, self.h // 2
            noise = Image.frombytes("L", (gw, gh), rng.randbytes(gw * gh))
            noise = noise.resize((self.w, self.h), Image.Resampling.BILINEAR)
            up = noise.point(lambda v: max(0, v - 128) * grain // 128)
            down = noise.point(lambda v: max(0, 128 - v) * grain // 128)
            out = ImageChops.subtract(ImageChops.add(out, Image.merge("RGB", (up,) * 3)), Image.merge("RGB", (down,) * 3))
        return out


# ---------------------------------------------------------------------------
# Reusable motifs
# ---------------------------------------------------------------------------

def wood_grain(c, x0, y0, x1, y1, rng, color=BROWN, n=14, a=70):
    """Wavy grain lines inside a rectangle."""
    for _ in range(n):
        y = rng.uniform(y0 + 3, y1 - 3)
        amp = rng.uniform(1, 4)
        ph = rng.uniform(0, 6.28)
        fr = rng.uniform(0.005, 0.02)
        pts = [(x, max(y0 + 1, min(y1 - 1, y + amp * math.sin(x * fr + ph)))) for x in range(int(x0), int(x1), 12)]
        pts.append((x1, pts[-1][1]))
        c.line(pts, alpha(color, a), 1.5)


def plank(c, x0, y0, x1, y1, rng, base=WOOD, light=WOOD_LIGHT, grain=True):
    c.gradient_rect(x0, y0, x1, y1, light, base)
    if grain:
        wood_grain(c, x0, y0, x1, y1, rng, n=max(2, int((y1 - y0) / 6)))
    c.line([(x0, y1), (x1, y1)], alpha(INK, 90), 2)


def pipe(c, x, top, bottom, w, mouth=True):
    """An organ pipe (body, mouth and conical foot) in tin colours."""
    foot = min(90, (bottom - top) * 0.28)
    body_bottom = bottom - foot
    c.gradient_poly([(x, top), (x + w, top), (x + w, body_bottom), (x, body_bottom)], (118, 120, 114), (214, 212, 198), vertical=False)
    c.gradient_poly([(x + w * 0.35, top), (x + w, top), (x + w, body_bottom), (x + w * 0.35, body_bottom)], (222, 219, 204), (110, 112, 108), vertical=False)
    c.ellipse(x + w / 2, top, w / 2, w * 0.12, fill=(60, 62, 60))
    c.poly([(x, body_bottom), (x + w, body_bottom), (x + w * 0.62, bottom), (x + w * 0.38, bottom)], fill=(150, 150, 140))
    c.poly([(x + w / 2, body_bottom), (x + w, body_bottom), (x + w * 0.62, bottom), (x + w / 2, bottom)], fill=(118, 118, 110))
    if mouth:
        my = body_bottom - w * 0.9
        c.poly([(x + w * 0.25, body_bottom - 2), (x + w * 0.75, body_bottom - 2), (x + w * 0.68, my), (x + w * 0.32, my)], fill=(70, 72, 70))
        c.ellipse(x + w / 2, my, w * 0.18, w * 0.08, fill=(40, 42, 40))


def speech_bubble(c, x0, y0, x1, y1, fill, tail_left=True, outline=None, width=6):
    r = min(x1 - x0, y1 - y0) * 0.35
    if tail_left:
        tail = [(x0 + (x1 - x0) * 0.22, y1 - 5), (x0 + (x1 - x0) * 0.12, y1 + (y1 - y0) * 0.32), (x0 + (x1 - x0) * 0.38, y1 - 5)]
    else:
        tail = [(x1 - (x1 - x0) * 0.22, y1 - 5), (x1 - (x1 - x0) * 0.12, y1 + (y1 - y0) * 0.32), (x1 - (x1 - x0) * 0.38, y1 - 5)]
    if outline:
        c.poly(tail, fill=outline, outline=outline, width=width * 2)
        c.rect(x0, y0, x1, y1, fill=outline, outline=outline, width=width, radius=r)
    c.poly(tail, fill=fill)
    c.rect(x0, y0, x1, y1, fill=fill, radius=r)


def tool_hammer(c, color=INK, head=None):
    cx, cy = c.w / 2, c.h / 2
    c.rect(cx - 11, cy - 40, cx + 11, cy + 170, fill=WOOD_LIGHT if head is None else color, radius=8)
    c.rect(cx - 60, cy - 85, cx + 60, cy - 35, fill=head or color, radius=6)
    c.poly([(cx + 60, cy - 85), (cx + 95, cy - 75), (cx + 95, cy - 45), (cx + 60, cy - 35)], fill=head or color)


def tool_chisel(c, color=INK):
    cx, cy = c.w / 2, c.h / 2
    c.rect(cx - 16, cy + 20, cx + 16, cy + 170, fill=WOOD if color == INK else color, radius=12)
    c.rect(cx - 18, cy + 8, cx + 18, cy + 26, fill=COPPER if color == INK else color, radius=3)
    c.poly([(cx - 10, cy + 8), (cx + 10, cy + 8), (cx + 14, cy - 130), (cx - 14, cy - 130)], fill=STEEL if color == INK else color)
    c.poly([(cx - 14, cy - 130), (cx + 14, cy - 130), (cx + 14, cy - 150), (cx - 14, cy - 140)], fill=(200, 206, 206) if color == INK else color)


def tool_brush(c, color=INK):
    cx, cy = c.w / 2, c.h / 2
    c.rect(cx - 12, cy + 10, cx + 12, cy + 175, fill=TERRACOTTA if color == INK else color, radius=10)
    c.rect(cx - 26, cy - 30, cx + 26, cy + 15, fill=STEEL if color == INK else color, radius=4)
    c.poly([(cx - 30, cy - 30), (cx + 30, cy - 30), (cx + 22, cy - 120), (cx, cy - 135), (cx - 22, cy - 120)], fill=OCHRE if color == INK else color)


def tool_shuttle(c, color=INK):
    cx, cy = c.w / 2, c.h / 2
    c.poly(ellipse_pts(cx, cy, 36, 170, n=60), fill=WOOD_LIGHT if color == INK else color)
    c.poly([(cx, cy - 200), (cx + 22, cy - 150), (cx - 22, cy - 150)], fill=WOOD if color == INK else color)
    c.poly([(cx, cy + 200), (cx + 22, cy + 150), (cx - 22, cy + 150)], fill=WOOD if color == INK else color)
    if color == INK:
        c.rect(cx - 16, cy - 80, cx + 16, cy + 80, fill=BROWN, radius=14)
        c.rect(cx - 10, cy - 60, cx + 10, cy + 60, fill=SAGE, radius=8)


def tool_bowl(c, color=INK):
    cx, cy = c.w / 2, c.h / 2
    pts = [(cx - 120, cy - 30), (cx + 120, cy - 30), (cx + 95, cy + 40), (cx + 50, cy + 80), (cx - 50, cy + 80), (cx - 95, cy + 40)]
    c.poly(pts, fill=TERRACOTTA if color == INK else color)
    c.rect(cx - 50, cy + 76, cx + 50, cy + 96, fill=COPPER if color == INK else color, radius=4)
    c.ellipse(cx, cy - 30, 120, 24, fill=BROWN if color == INK else color)
    if color == INK:
        c.ellipse(cx, cy - 27, 104, 17, fill=(120, 60, 40))
        for k in range(3):
            c.arc(cx, cy + 5 + k * 18, 108 - k * 12, 22, 10, 170, alpha(CREAM, 60), 2)


def tool_organ_pipe(c, color=INK):
    cx, cy = c.w / 2, c.h / 2
    if color == INK:
        pipe(c, cx - 28, cy - 170, cy + 180, 56)
    else:
        c.rect(cx - 28, cy - 170, cx + 28, cy + 110, fill=color)
        c.poly([(cx - 28, cy + 110), (cx + 28, cy + 110), (cx + 8, cy + 180), (cx - 8, cy + 180)], fill=color)


def tool_scissors(c, color=INK):
    cx, cy = c.w / 2, c.h / 2
    c.poly([(cx - 8, cy), (cx - 30, cy - 160), (cx - 12, cy - 160), (cx + 12, cy)], fill=color)
    c.poly([(cx + 8, cy), (cx + 30, cy - 160), (cx + 12, cy - 160), (cx - 12, cy)], fill=color)
    c.circle(cx - 40, cy + 75, 45, outline=color, width=18)
    c.circle(cx + 40, cy + 75, 45, outline=color, width=18)
    c.line([(cx - 10, cy), (cx - 30, cy + 40)], color, 18)
    c.line([(cx + 10, cy), (cx + 30, cy + 40)], color, 18)


# ---------------------------------------------------------------------------
# Story illustrations
# ---------------------------------------------------------------------------

def draw_smid(c, rng):
    c.background(INK, (62, 46, 38))
    for row in range(0, 16):  # faint brick wall
        y = row * 52
        off = 0 if row % 2 else 60
        for col in range(-1, 15):
            x = col * 120 + off
            c.rect(x + 3, y + 3, x + 117, y + 49, outline=alpha(CREAM, 10), width=2)
    c.glow(1250, 430, 620, (210, 100, 40), 0.55)
    c.glow(820, 500, 380, (240, 140, 50), 0.45)
    # forge hearth on the right
    c.poly([(1130, 860), (1160, 560), (1560, 560), (1600, 860)], fill=(44, 38, 36))
    c.rect(1150, 540, 1570, 580, fill=(70, 58, 52))
    for _ in range(90):
        x, y = rng.uniform(1180, 1540), rng.uniform(500, 545)
        col = rng.choice([(255, 120, 40), (255, 170, 60), (200, 60, 30), (255, 210, 120)])
        c.ellipse(x, y, rng.uniform(8, 18), rng.uniform(6, 12), fill=col)
    c.glow(1360, 520, 260, (255, 150, 60), 0.7)
    c.poly([(1240, 0), (1480, 0), (1440, 330), (1280, 330)], fill=(40, 36, 36))  # chimney hood
    c.poly([(1190, 330), (1530, 330), (1560, 400), (1160, 400)], fill=(52, 46, 44))
    # floor
    c.gradient_rect(0, 860, 1600, 1000, (50, 40, 36), (30, 26, 26))
    c.line([(0, 860), (1600, 860)], alpha(COPPER, 90), 3)
    # stump
    c.gradient_rect(540, 770, 930, 870, (110, 70, 44), (72, 46, 30), vertical=False)
    for k in range(4):
        c.line([(560, 790 + k * 22), (910, 788 + k * 22)], alpha(INK, 90), 2)
    # anvil
    anvil = [(560, 520), (940, 520), (945, 578), (870, 590), (845, 645), (870, 700), (960, 742), (960, 775),
             (510, 775), (510, 742), (600, 700), (625, 645), (600, 590), (560, 580), (500, 568), (430, 556),
             (380, 540), (420, 530), (490, 523)]
    c.poly(anvil, fill=(46, 54, 60))
    c.gradient_poly([(560, 520), (940, 520), (945, 540), (555, 540), (490, 530)], (150, 156, 156), (88, 96, 100))
    c.poly([(880, 540), (945, 540), (945, 578), (870, 590), (845, 645), (870, 700), (960, 742), (960, 775), (930, 775), (920, 742), (840, 700), (820, 645), (850, 590)], fill=alpha((230, 130, 60), 70))
    c.circle(900, 528, 7, fill=INK)
    c.rect(860, 524, 880, 532, fill=INK)
    # tongs and glowing bar
    c.line([(640, 500), (300, 660), (150, 760)], (34, 36, 38), 12)
    c.line([(640, 512), (310, 680), (170, 790)], (40, 42, 44), 12)
    c.glow(820, 505, 230, (255, 170, 70), 0.75)
    c.poly([(630, 496), (1000, 494), (1004, 514), (630, 516)], fill=(170, 50, 30))
    c.gradient_poly([(700, 496), (1000, 494), (1004, 514), (700, 516)], (230, 90, 40), (255, 220, 140), vertical=False)
    c.line([(760, 503), (995, 502)], (255, 240, 200), 4)
    # hammer raised above
    c.line([(1000, 330), (1230, 170)], (120, 78, 48), 22)
    c.poly(rotate_pts([(910, 290), (1040, 290), (1040, 360), (910, 360)], 975, 325, -35), fill=(62, 70, 76))
    c.poly(rotate_pts([(910, 290), (1040, 290), (1040, 302), (910, 302)], 975, 325, -35), fill=(130, 136, 138))
    # sparks
    for _ in range(170):
        ang = math.radians(rng.uniform(-175, -5))
        d0 = rng.uniform(20, 120)
        d1 = d0 + rng.uniform(15, 70)
        dist = rng.uniform(0.4, 1.0) ** 2 * 380
        ox, oy = 880 + math.cos(ang) * dist, 500 + math.sin(ang) * dist
        col = rng.choice([(255, 220, 120), (255, 180, 70), (255, 245, 210), OCHRE])
        c.line([(ox, oy), (ox + math.cos(ang) * (d1 - d0) * 0.4, oy + math.sin(ang) * (d1 - d0) * 0.4)], alpha(col, rng.randint(150, 255)), rng.uniform(1.5, 3.5))
    for _ in range(60):
        x, y = rng.uniform(650, 1150), rng.uniform(200, 560)
        c.circle(x, y, rng.uniform(1.5, 3.5), fill=alpha((255, 210, 120), rng.randint(120, 230)))


def draw_meubelmaker(c, rng):
    c.background(CREAM, (226, 206, 174))
    # window light
    c.poly([(1000, 0), (1380, 0), (1900, 960), (1360, 960)], fill=alpha((255, 248, 228), 80))
    # tool board on wall
    c.rect(180, 110, 900, 430, fill=(214, 192, 156), outline=alpha(BROWN, 120), width=4, radius=6)
    for i in range(8):
        for j in range(4):
            c.circle(220 + i * 90, 150 + j * 80, 3, fill=alpha(BROWN, 120))
    c.poly([(230, 180), (480, 180), (480, 250), (300, 250)], fill=STEEL)  # saw
    c.rect(480, 170, 540, 260, fill=WOOD, radius=14)
    c.poly([(600, 160), (620, 160), (620, 370), (600, 370)], fill=INK2)  # square
    c.poly([(600, 350), (760, 350), (760, 370), (600, 370)], fill=INK2)
    for k, x in enumerate((800, 835, 870)):  # chisels
        c.rect(x - 8, 150, x + 8, 230, fill=WOOD, radius=6)
        c.poly([(x - 5, 230), (x + 5, 230), (x + 5 + k, 330), (x - 5 - k, 330)], fill=STEEL)
    # bench
    plank(c, 120, 590, 1160, 650, rng)
    c.gradient_rect(140, 650, 1140, 700, (150, 100, 60), (120, 80, 48))
    for x in (170, 1060):
        c.gradient_rect(x, 700, x + 70, 960, (150, 100, 60), (110, 72, 44), vertical=False)
    c.rect(170, 860, 1130, 890, fill=(128, 84, 52))
    for k in range(3):
        plank(c, 260, 800 - k * 28, 980 - k * 40, 826 - k * 28, rng, base=(176, 124, 78), light=(214, 170, 120))
    # vice
    c.rect(120, 600, 160, 700, fill=(132, 88, 54))
    c.line([(100, 660), (180, 660)], INK2, 8)
    # board being planed and plane
    plank(c, 300, 555, 1000, 592, rng, base=(186, 132, 82), light=(226, 184, 132))
    px = 640
    c.poly([(px, 555), (px + 230, 555), (px + 250, 520), (px + 230, 505), (px + 20, 505), (px - 10, 530)], fill=(150, 96, 54))
    c.poly([(px + 150, 505), (px + 190, 505), (px + 160, 440), (px + 135, 440)], fill=(185, 190, 190))
    c.ellipse(px + 40, 490, 26, 26, fill=(120, 72, 40))
    c.poly([(px + 170, 505), (px + 230, 505), (px + 245, 455), (px + 210, 440), (px + 190, 470)], fill=(120, 72, 40))
    # shavings
    for _ in range(22):
        x, y = rng.uniform(380, 620), rng.uniform(520, 585)
        r = rng.uniform(12, 30)
        start = rng.uniform(0, 360)
        c.arc(x, y, r, r * 0.7, start, start + rng.uniform(200, 320), (232, 196, 146), rng.uniform(4, 7))
        c.arc(x, y, r, r * 0.7, start, start + 120, alpha(BROWN, 90), 2)
    for _ in range(30):
        x = rng.uniform(100, 1300)
        y = rng.uniform(940, 990)
        r = rng.uniform(6, 16)
        c.arc(x, y, r, r * 0.6, 0, 300, (222, 186, 136), 3)
    # floor
    c.gradient_rect(0, 960, 1600, 1000, (150, 110, 76), (120, 86, 58))
    c.line([(0, 960), (1600, 960)], alpha(INK, 120), 3)
    # ladder-back chair, seen from the front; the rush seat is not woven yet
    oak, oak2 = (178, 122, 70), (140, 92, 52)
    for x in (1236, 1404):  # back posts
        c.rect(x - 11, 380, x + 11, 960, fill=oak2, radius=6)
        c.circle(x, 378, 14, fill=oak)
    for k in range(4):  # ladder slats
        y = 420 + k * 62
        c.poly([(1236, y), (1404, y), (1404, y + 26), (1320, y + 34), (1236, y + 26)], fill=oak)
    c.rect(1236, 880, 1404, 894, fill=oak2)
    c.poly([(1196, 700), (1444, 700), (1404, 660), (1236, 660)], fill=alpha(INK, 40))
    c.line([(1196, 700), (1444, 700), (1404, 660), (1236, 660), (1196, 700)], oak, 12)
    for k in range(5):  # first rows of rush
        c.line([(1206 + k * 8, 695 - k * 7), (1434 - k * 8, 695 - k * 7)], (200, 170, 110), 5)
    for x in (1196, 1444):  # front legs
        c.rect(x - 12, 700, x + 12, 965, fill=oak, radius=5)
    c.rect(1196, 840, 1444, 854, fill=oak)
    c.rect(1196, 900, 1444, 912, fill=oak)
    c.glow(1300, 500, 300, (255, 240, 210), 0.25)


def draw_rietdekker(c, rng):
    c.background((248, 232, 200), (238, 186, 118))
    c.glow(1300, 300, 260, (255, 230, 170), 0.8)
    c.circle(1300, 300, 80, fill=(248, 206, 120))
    # distant fields and trees
    c.poly([(0, 640), (400, 610), (900, 630), (1600, 600), (1600, 760), (0, 760)], fill=(160, 172, 130))
    for _ in range(14):
        x = rng.uniform(0, 1600)
        r = rng.uniform(30, 60)
        c.ellipse(x, 620 - r * 0.6, r, r * 0.9, fill=mix(SAGE_DARK, (70, 90, 72), rng.random()))
    c.gradient_rect(0, 740, 1600, 1000, (150, 166, 118), (104, 128, 90))
    for _ in range(60):
        y = rng.uniform(780, 1000)
        x = rng.uniform(0, 1600)
        c.line([(x, y), (x + rng.uniform(40, 140), y + rng.uniform(-3, 3))], alpha((80, 104, 70), 90), 2)
    # farmhouse walls
    c.rect(420, 560, 1180, 830, fill=(168, 78, 56))
    for row in range(14):
        y = 560 + row * 19
        c.line([(420, y), (1180, y)], alpha((110, 50, 40), 110), 2)
        off = 0 if row % 2 else 18
        for x in range(420 + off, 1180, 36):
            c.line([(x, y), (x, y + 19)], alpha((110, 50, 40), 80), 1.5)
    for wx in (500, 960):  # windows with shutters
        c.rect(wx, 640, wx + 110, 750, fill=(236, 228, 210))
        c.rect(wx + 8, 648, wx + 102, 742, fill=(90, 110, 120))
        c.line([(wx + 55, 648), (wx + 55, 742)], (236, 228, 210), 6)
        c.line([(wx + 8, 695), (wx + 102, 695)], (236, 228, 210), 6)
        c.rect(wx - 46, 640, wx - 4, 750, fill=SAGE_DARK)
        c.rect(wx + 114, 640, wx + 156, 750, fill=SAGE_DARK)
    c.rect(730, 640, 850, 830, fill=SAGE_DARK)
    c.rect(740, 650, 840, 830, fill=(76, 100, 82))
    c.line([(740, 740), (840, 740)], alpha(INK, 120), 3)
    # roof
    roof = [(350, 585), (1250, 585), (1050, 250), (550, 250)]
    c.gradient_poly(roof, (196, 150, 80), (150, 108, 56))

    def thatch(layer):
        for _ in range(2600):
            x = rng.uniform(330, 1270)
            y = rng.uniform(240, 600)
            ln = rng.uniform(16, 40)
            col = rng.choice([(220, 178, 104), (176, 128, 66), (130, 92, 48), (236, 198, 128)])
            lean = (x - 800) / 800 * 6
            layer.line([(x, y), (x + lean, y + ln)], alpha(col, rng.randint(90, 200)), rng.uniform(1.2, 2.4))
        for k in range(1, 6):  # courses
            y = 250 + k * 56
            layer.line([(330, y), (1270, y)], alpha((120, 84, 44), 60), 3)

    def laths(layer):
        layer.gradient_rect(900, 240, 1280, 600, (214, 190, 150), (190, 160, 118))
        for x in range(920, 1280, 70):
            layer.line([(x, 240), (x + 40, 600)], (150, 108, 66), 10)
        for y in range(262, 600, 26):
            layer.line([(880, y), (1280, y)], (128, 88, 52), 5)

    c.clip_layer([(p[0], p[1]) for p in roof], thatch)
    # unfinished part: laths visible
    mask_pts = [(x, y) for x, y in roof]
    layer = Canvas(c.w, c.h, image=c.img.copy())
    laths(layer)
    m = Image.new("L", c.img.size, 0)
    md = ImageDraw.Draw(m)
    md.polygon(Canvas._p(mask_pts), fill=255)
    md.rectangle([0, 0, 930 * SS, c.img.size[1]], fill=0)
    c.img.paste(layer.img, (0, 0), m)
    c.line([(930, 250), (930, 585)], alpha((110, 78, 40), 160), 6)
    # ridge
    c.poly([(540, 240), (1060, 240), (1070, 268), (530, 268)], fill=(84, 64, 44))
    c.line([(350, 585), (1250, 585)], (110, 78, 40), 8)
    # ladder
    for off in (0, 70):
        c.line([(880 + off, 860), (1000 + off, 380)], (120, 82, 52), 12)
    for k in range(1, 12):
        t = k / 12
        c.line([(880 + 120 * t, 860 - 480 * t), (950 + 120 * t, 860 - 480 * t)], (140, 96, 60), 8)
    # reed bundles
    for i in range(6):
        for j in range(2):
            x = 1240 + i * 56 + j * 28
            y = 860 - j * 40
            c.rect(x - 110, y - 18, x, y + 18, fill=(206, 166, 96))
            for k in range(6):
                c.line([(x - 110, y - 14 + k * 6), (x, y - 14 + k * 6)], alpha((150, 110, 56), 120), 1.5)
            c.ellipse(x, y, 12, 19, fill=(176, 134, 70))
            c.rect(x - 60, y - 19, x - 50, y + 19, fill=(120, 84, 48))


def draw_glas_in_lood(c, rng):
    c.background((52, 58, 60), INK)
    for row in range(20):  # stone wall
        y = row * 60
        off = 0 if row % 2 else 90
        for col in range(-1, 10):
            x = col * 180 + off
            c.rect(x + 2, y + 2, x + 178, y + 58, fill=alpha((120, 110, 96), 18), outline=alpha((0, 0, 0), 40), width=2)
    cx, top_y, bot = 800, 380, 900
    r = 290
    outer = ellipse_pts(cx, top_y, r + 50, r + 50, start=180, end=360, n=80) + [(cx + r + 50, bot + 40), (cx - r - 50, bot + 40)]
    c.gradient_poly(outer, (196, 180, 150), (150, 136, 112))
    c.poly(outer, outline=alpha(INK, 150), width=3)
    for k in range(11):  # voussoirs
        a = math.radians(180 + k * 18)
        c.line([(cx + r * math.cos(a), top_y + r * math.sin(a)), (cx + (r + 50) * math.cos(a), top_y + (r + 50) * math.sin(a))], alpha(INK, 110), 3)
    window = ellipse_pts(cx, top_y, r, r, start=180, end=360, n=80) + [(cx + r, bot), (cx - r, bot)]
    pale = [(236, 228, 196), (222, 230, 206), (240, 222, 180), (214, 224, 214), (232, 214, 170)]

    def glass(layer):
        a, b = 42, 62
        for j in range(-2, 22):
            for i in range(-2, 16):
                for ox, oy in ((0, 0), (a, b)):
                    x0 = cx - r + i * 2 * a + ox
                    y0 = top_y - r + j * 2 * b + oy
                    pts = [(x0, y0 - b), (x0 + a, y0), (x0, y0 + b), (x0 - a, y0)]
                    layer.poly(pts, fill=rng.choice(pale), outline=(36, 38, 40), width=4)
        # border band
        band = 44
        n = 14
        for k in range(n):
            a0, a1 = 180 + k * 180 / n, 180 + (k + 1) * 180 / n
            seg = ellipse_pts(cx, top_y, r, r, start=a0, end=a1, n=6) + list(reversed(ellipse_pts(cx, top_y, r - band, r - band, start=a0, end=a1, n=6)))
            layer.poly(seg, fill=[BLUE, TERRACOTTA, OCHRE][k % 3], outline=(36, 38, 40), width=4)
        segs = int((bot - top_y) / 74)
        for side in (-1, 1):
            x0 = cx + side * r
            x1 = cx + side * (r - band)
            for k in range(segs):
                y0 = top_y + k * (bot - top_y) / segs
                y1 = top_y + (k + 1) * (bot - top_y) / segs
                layer.poly([(x0, y0), (x1, y0), (x1, y1), (x0, y1)], fill=[TERRACOTTA, BLUE, OCHRE][k % 3], outline=(36, 38, 40), width=4)
        layer.rect(cx - r, bot - band, cx + r, bot, fill=BLUE, outline=(36, 38, 40), width=4)
        # medallion
        mcx, mcy, mr = cx, 560, 170
        for k in range(16):
            a0, a1 = k * 22.5, (k + 1) * 22.5
            seg = ellipse_pts(mcx, mcy, mr, mr, start=a0, end=a1, n=6) + list(reversed(ellipse_pts(mcx, mcy, mr - 40, mr - 40, start=a0, end=a1, n=6)))
            layer.poly(seg, fill=[COPPER, OCHRE][k % 2], outline=(36, 38, 40), width=4)
        layer.circle(mcx, mcy, mr - 40, fill=(120, 150, 128), outline=(36, 38, 40), width=4)
        for k in range(8):
            layer.poly(ellipse_pts(mcx + 62 * math.cos(math.radians(k * 45)), mcy + 62 * math.sin(math.radians(k * 45)), 52, 22, angle=k * 45, n=30),
                       fill=(200, 96, 70) if k % 2 else (226, 150, 60), outline=(36, 38, 40), width=4)
        layer.circle(mcx, mcy, 26, fill=(240, 200, 90), outline=(36, 38, 40), width=4)
        # saddle bars
        for y in (520, 700, 820):
            layer.line([(cx - r, y), (cx + r, y)], alpha((20, 22, 24), 200), 6)
        layer.glow(cx + 120, top_y + 80, 380, (255, 250, 220), 0.35)

    c.clip_layer(window, glass)
    c.poly(window, outline=(30, 32, 34), width=8)
    # light falling through the window
    c.poly([(cx - r, bot), (cx + r, bot), (cx + r + 520, 1000), (cx - r + 260, 1000)], fill=alpha((255, 236, 190), 40))
    c.gradient_rect(0, 940, 1600, 1000, (90, 70, 54), (70, 54, 44))
    for k, col in enumerate([BLUE, OCHRE, TERRACOTTA, SAGE, COPPER]):
        x = 700 + k * 120
        c.poly([(x, 950), (x + 110, 950), (x + 150, 1000), (x + 30, 1000)], fill=alpha(col, 90))
    c.rect(cx - r - 70, bot + 40, cx + r + 70, bot + 62, fill=(170, 154, 128))


def draw_weverij(c, rng):
    c.background(CREAM, SAND)
    c.gradient_rect(0, 900, 1600, 1000, (170, 126, 86), (140, 100, 66))
    for x in range(0, 1600, 160):
        c.line([(x, 900), (x - 40, 1000)], alpha(INK, 60), 2)
    # loom frame
    wood_d, wood_l = (128, 84, 52), (170, 116, 72)
    for x in (250, 1090):
        c.gradient_rect(x, 120, x + 50, 920, wood_l, wood_d, vertical=False)
    c.gradient_rect(230, 110, 1160, 160, wood_l, wood_d)
    c.gradient_rect(260, 640, 1110, 680, wood_l, wood_d)
    c.gradient_rect(260, 840, 1110, 870, wood_l, wood_d)
    # warp threads
    stripe = [TERRACOTTA] * 6 + [OCHRE] * 4 + [CREAM] * 3 + [SAGE_DARK] * 4 + [OCHRE] * 3
    xs = list(range(320, 1080, 9))
    for i, x in enumerate(xs):
        col = stripe[i % len(stripe)]
        c.line([(x, 160), (x + (x - 700) * 0.02, 470)], mix(col, CREAM, 0.15), 4)
    # heddles and beater
    c.rect(300, 290, 1100, 300, fill=wood_d)
    c.rect(300, 360, 1100, 370, fill=wood_d)
    for x in xs[::2]:
        c.line([(x, 300), (x, 360)], alpha(INK, 90), 1)
    c.gradient_rect(290, 440, 1110, 468, wood_l, wood_d)
    # woven cloth
    bands = [TERRACOTTA, TERRACOTTA, OCHRE, CREAM, SAGE_DARK, SAGE_DARK, OCHRE, TERRACOTTA, CREAM, COPPER]
    y = 470
    k = 0
    while y < 640:
        col = bands[k % len(bands)]
        h = 9
        c.rect(315, y, 1085, y + h, fill=col)
        for i, x in enumerate(xs):
            if (i + k) % 2 == 0:
                c.rect(x - 3, y, x + 3, y + h, fill=mix(stripe[i % len(stripe)], INK, 0.12))
        y += h
        k += 1
    c.rect(315, 470, 1085, 640, fill=alpha(INK, 18))
    # shuttle on the cloth
    sh = ellipse_pts(720, 455, 120, 16, n=40)
    c.poly(sh, fill=(200, 150, 96))
    c.rect(680, 448, 760, 462, fill=(120, 78, 48), radius=6)
    # spinning wheel
    wx, wy, wr = 1330, 540, 190
    c.line([(1230, 910), (1290, 700)], wood_d, 18)
    c.line([(1470, 910), (1400, 700)], wood_d, 18)
    c.line([(1120, 720), (1520, 700)], wood_l, 30)
    c.line([(wx, wy), (wx - 30, 720)], wood_d, 14)
    c.line([(wx, wy), (wx + 30, 710)], wood_d, 14)
    for k in range(12):
        a = math.radians(k * 30 + 8)
        c.line([(wx, wy), (wx + wr * math.cos(a), wy + wr * math.sin(a))], wood_l, 6)
    c.circle(wx, wy, wr, outline=wood_d, width=22)
    c.circle(wx, wy, wr - 10, outline=wood_l, width=4)
    c.circle(wx, wy, 26, fill=wood_d)
    c.rect(1120, 600, 1170, 720, fill=wood_d)  # flyer post
    c.ellipse(1150, 590, 60, 22, fill=(210, 170, 110))
    c.ellipse(1150, 590, 30, 14, fill=OCHRE)
    c.line([(1150, 575), (wx, wy - wr + 4)], alpha(INK, 160), 2)
    c.line([(1150, 605), (wx, wy + wr - 4)], alpha(INK, 160), 2)
    # yarn balls
    for (bx, by, br, col) in ((420, 900, 60, TERRACOTTA), (540, 915, 48, SAGE), (640, 905, 55, OCHRE), (1500, 915, 44, CREAM)):
        c.circle(bx, by, br, fill=col)
        for k in range(7):
            st = rng.uniform(0, 360)
            c.arc(bx + rng.uniform(-8, 8), by + rng.uniform(-8, 8), br * rng.uniform(0.5, 0.95), br * rng.uniform(0.3, 0.9), st, st + 150, alpha(INK, 70), 2)
        c.arc(bx, by, br, br, 200, 320, alpha(CREAM, 120), 3)
    c.line([(468, 920), (700, 980), (1000, 960)], alpha(TERRACOTTA, 200), 3)


def vase_profile(y, top, base):
    """Radius of a thrown vase at height y (base > y > top)."""
    t = (base - y) / (base - top)  # 0 at base, 1 at lip
    r = 120 + 70 * math.sin(math.pi * min(1.0, t * 1.15)) - 85 * max(0.0, t - 0.55) ** 1.2
    if t > 0.86:
        r += (t - 0.86) * 260
    return r


def draw_pottenbakker(c, rng):
    c.background((238, 226, 204), (214, 196, 166))
    c.rect(0, 0, 1600, 420, fill=(200, 210, 190))
    c.rect(0, 400, 1600, 430, fill=(150, 104, 66))
    # fired pots on the shelf
    x = 90
    glazes = [TERRACOTTA, SAGE_DARK, OCHRE, INK2, COPPER, SAGE, (120, 60, 40), BLUE]
    while x < 1540:
        w = rng.uniform(60, 120)
        h = rng.uniform(90, 230)
        col = rng.choice(glazes)
        neck = rng.uniform(0.3, 0.7)
        pts = []
        for i in range(21):
            t = i / 20
            rr = w / 2 * (0.55 + 0.45 * math.sin(math.pi * min(1, t * 1.2))) * (1 - 0.5 * max(0, t - 0.7) * neck * 3)
            pts.append((x + w / 2 + rr, 400 - t * h))
        body = pts + [(2 * (x + w / 2) - px, py) for px, py in reversed(pts)]
        c.poly(body, fill=col)
        c.poly([(px - (px - x - w / 2) * 0.5, py) for px, py in pts] + [(x + w / 2 - 4, 400 - h), (x + w / 2 - 4, 400)], fill=alpha(CREAM, 35))
        c.ellipse(x + w / 2, 400 - h, pts[-1][0] - x - w / 2, 6, fill=mix(col, INK, 0.4))
        x += w + rng.uniform(30, 70)
    # potter's wheel
    c.gradient_poly([(560, 820), (1040, 820), (1100, 1000), (500, 1000)], (70, 78, 82), (40, 48, 52))
    c.ellipse(800, 820, 430, 110, fill=(58, 66, 70))
    c.ellipse(800, 812, 400, 96, fill=(92, 100, 102))
    c.ellipse(800, 808, 380, 86, fill=(150, 120, 100))  # clay slip
    for _ in range(40):
        a = rng.uniform(0, 360)
        rr = rng.uniform(0.5, 0.95)
        c.arc(800, 808, 380 * rr, 86 * rr, a, a + rng.uniform(20, 70), alpha((120, 90, 70), 160), 3)
    c.ellipse(800, 775, 270, 56, fill=(120, 124, 124))
    c.ellipse(800, 770, 262, 50, fill=(170, 172, 168))
    for k in range(3):
        c.arc(800, 770, 300 + k * 24, 66 + k * 6, 200, 250, alpha(CREAM, 150), 3)
        c.arc(800, 770, 300 + k * 24, 66 + k * 6, 290, 340, alpha(CREAM, 150), 3)
    # vase on the wheel
    top, base = 430, 770
    left, right = [], []
    for i in range(60):
        y = base - (base - top) * i / 59
        r = vase_profile(y, top, base)
        left.append((800 - r, y))
        right.append((800 + r, y))
    body = right + list(reversed(left))
    c.gradient_poly(body, (150, 64, 42), (214, 112, 74), vertical=False)
    c.gradient_poly(right + [(800, top), (800, base)], (216, 116, 78), (140, 58, 40), vertical=False)
    for k in range(1, 14):  # throwing rings
        y = base - (base - top) * k / 14
        r = vase_profile(y, top, base)
        c.arc(800, y, r, 10, 10, 170, alpha((110, 44, 30), 110), 2.5)
        c.arc(800, y - 4, r, 10, 10, 170, alpha((240, 170, 130), 90), 2)
    rt = vase_profile(top, top, base)
    c.ellipse(800, top, rt, 18, fill=(176, 84, 56))
    c.ellipse(800, top + 3, rt - 14, 12, fill=(84, 36, 26))
    c.poly([(800 - 60, 500), (800 - 46, 500), (800 - 40, 700), (800 - 58, 700)], fill=alpha(CREAM, 40))
    # tools on the side
    c.poly([(1260, 820), (1420, 820), (1400, 960), (1280, 960)], fill=INK2)  # water bucket
    c.ellipse(1340, 820, 80, 18, fill=(96, 110, 112))
    c.ellipse(1340, 822, 68, 12, fill=(120, 140, 140))
    c.arc(1340, 820, 80, 60, 180, 360, INK2, 5)
    c.rect(1300, 800, 1360, 830, fill=OCHRE, radius=10)  # sponge
    for k in range(6):
        c.circle(1310 + k * 9, 812 + (k % 2) * 8, 3, fill=alpha(BROWN, 140))
    c.poly([(1450, 950), (1560, 920), (1570, 938), (1460, 966)], fill=WOOD_LIGHT)  # wooden rib


def draw_orgel(c, rng):
    c.background((74, 60, 50), INK)
    c.poly([(0, 0), (220, 0), (520, 1400), (0, 1400)], fill=alpha((255, 236, 200), 16))
    wood_d, wood_l = (96, 58, 36), (150, 96, 58)
    gilt = (214, 170, 70)
    # lower case
    c.gradient_rect(90, 1040, 910, 1400, wood_l, wood_d, vertical=False)
    for px in (150, 380, 620):
        c.rect(px, 1110, px + 230, 1340, outline=alpha(INK, 140), width=5)
        c.rect(px + 20, 1130, px + 210, 1320, fill=alpha((255, 220, 170), 18))
    c.gradient_rect(60, 990, 940, 1050, (170, 112, 66), wood_d)
    # upper case sections: (x0, x1, top, kind)
    towers = [(60, 190, 380), (400, 600, 250), (810, 940, 380)]
    flats = [(190, 400, 520), (600, 810, 520)]
    for x0, x1, t in towers:
        c.gradient_rect(x0, t - 40, x1, 990, wood_l, wood_d, vertical=False)
    for x0, x1, t in flats:
        c.gradient_rect(x0, t - 30, x1, 990, (130, 82, 48), (86, 52, 32), vertical=False)
    # pipes in the towers: tallest in the middle of each tower
    for x0, x1, t in towers:
        n = 5 if x1 - x0 < 150 else 7
        w = (x1 - x0 - 20) / n
        mid = (n - 1) / 2
        for i in range(n):
            drop = abs(i - mid) * (26 if n == 7 else 34)
            pipe(c, x0 + 10 + i * w + 2, t + drop, 960, w - 4)
    for x0, x1, t in flats:
        n = 8
        w = (x1 - x0 - 16) / n
        for i in range(n):
            frac = i / (n - 1)
            if x0 > 500:
                frac = 1 - frac
            pipe(c, x0 + 8 + i * w + 2, t + 140 - frac * 120, 960, w - 4)
    # crowns and carvings
    for x0, x1, t in towers:
        cx = (x0 + x1) / 2
        c.poly([(x0 - 14, t - 40), (x1 + 14, t - 40), (x1 + 4, t - 70), (x0 - 4, t - 70)], fill=wood_d)
        c.poly([(x0, t - 70), (x1, t - 70), (cx, t - 70 - (x1 - x0) * 0.55)], fill=wood_l)
        c.circle(cx, t - 90, 14, fill=gilt)
        c.arc(cx - (x1 - x0) / 4, t - 56, 26, 18, 180, 360, gilt, 5)
        c.arc(cx + (x1 - x0) / 4, t - 56, 26, 18, 180, 360, gilt, 5)
    for x0, x1, t in flats:
        cx = (x0 + x1) / 2
        c.rect(x0, t - 30, x1, t - 6, fill=wood_d)
        for k in range(3):
            c.arc(x0 + (k + 0.5) * (x1 - x0) / 3, t - 8, (x1 - x0) / 7, 30, 180, 360, gilt, 5)
        c.ellipse(cx, t - 60, 40, 22, outline=gilt, width=5)
        c.line([(cx - 80, t - 30), (cx - 30, t - 60)], gilt, 4)
        c.line([(cx + 80, t - 30), (cx + 30, t - 60)], gilt, 4)
    # gilded pipe shades
    for x0, x1, t in towers:
        for k in range(4):
            c.arc((x0 + x1) / 2, t + 40 + k * 0, (x1 - x0) / 2 - 6, 60, 200, 340, alpha(gilt, 200), 4)
    c.glow(500, 640, 480, (255, 210, 140), 0.18)


def loaf(c, cx, cy, rx, ry, angle, crust0, crust1, scores=3, rng=None):
    pts = ellipse_pts(cx, cy, rx, ry, angle=angle, n=80)
    c.gradient_poly(pts, crust0, crust1)
    for k in range(scores):
        off = (k - (scores - 1) / 2) * rx * 0.45
        seg = ellipse_pts(cx + off * math.cos(math.radians(angle)), cy + off * math.sin(math.radians(angle)), rx * 0.16, ry * 0.7, angle=angle + 25, n=20, start=-70, end=70)
        c.line(seg, (238, 200, 140), 7)
        c.line(seg, alpha((120, 70, 30), 120), 2)
    if rng:
        for _ in range(50):
            x = cx + rng.uniform(-rx * 0.6, rx * 0.6)
            y = cy + rng.uniform(-ry * 0.5, ry * 0.1)
            c.circle(x, y, rng.uniform(1, 2.5), fill=alpha(CREAM, 150))


def draw_bakker(c, rng):
    c.background((248, 234, 206), (226, 190, 136))
    # window with mill outside
    c.rect(990, 90, 1490, 520, fill=(150, 100, 60))
    c.gradient_rect(1010, 110, 1470, 500, (214, 226, 222), (246, 222, 178))
    c.poly([(1010, 430), (1200, 410), (1470, 440), (1470, 500), (1010, 500)], fill=(150, 170, 126))

    def mill(layer):
        mx, my = 1250, 250
        layer.poly([(1205, 460), (1295, 460), (1272, 270), (1228, 270)], fill=SAGE_DARK)
        layer.poly([(1218, 272), (1282, 272), (1270, 236), (1230, 236)], fill=(70, 90, 74))
        for k in range(4):
            a = math.radians(k * 90 + 20)
            ex, ey = mx + 190 * math.cos(a), my + 190 * math.sin(a)
            layer.line([(mx, my), (ex, ey)], (70, 90, 74), 8)
            nx, ny = -math.sin(a), math.cos(a)
            sail = [(mx + 40 * math.cos(a), my + 40 * math.sin(a)), (ex, ey), (ex + nx * 34, ey + ny * 34), (mx + 40 * math.cos(a) + nx * 34, my + 40 * math.sin(a) + ny * 34)]
            layer.poly(sail, fill=alpha((70, 90, 74), 120), outline=(70, 90, 74), width=3)
            for t in (0.4, 0.6, 0.8):
                layer.line([(mx + (ex - mx) * t, my + (ey - my) * t), (mx + (ex - mx) * t + nx * 34, my + (ey - my) * t + ny * 34)], (70, 90, 74), 2)
        layer.circle(mx, my, 10, fill=INK2)

    c.clip_layer([(1010, 110), (1470, 110), (1470, 500), (1010, 500)], mill)
    c.line([(1240, 110), (1240, 500)], (150, 100, 60), 14)
    c.line([(1010, 305), (1470, 305)], (150, 100, 60), 14)
    c.rect(970, 515, 1510, 540, fill=(170, 118, 72))
    # table and board
    c.gradient_rect(0, 700, 1600, 1000, (170, 116, 70), (120, 78, 48))
    wood_grain(c, 0, 705, 1600, 1000, rng, n=30, a=60)
    c.rect(180, 690, 1420, 730, fill=(196, 146, 94), radius=10)
    c.line([(190, 730), (1410, 730)], alpha(INK, 90), 3)
    # flour sack
    sack = [(40, 700), (330, 700), (320, 480), (290, 410), (230, 380), (250, 340), (150, 340), (160, 385), (80, 420), (50, 500)]
    c.gradient_poly(sack, (246, 238, 220), (214, 200, 176), vertical=False)
    c.rect(150, 360, 250, 380, fill=(176, 120, 70), radius=6)
    for k in range(5):
        c.line([(70 + k * 50, 560), (100 + k * 45, 690)], alpha((180, 160, 130), 120), 2)
    for _ in range(120):
        c.circle(rng.uniform(300, 700), rng.uniform(705, 760), rng.uniform(1.5, 4), fill=alpha((250, 246, 236), 180))
    # wheat
    for k in range(5):
        bx = 380 + k * 14
        c.line([(bx, 690), (bx + (k - 2) * 30, 430)], (200, 160, 80), 3)
        for g in range(8):
            gx = bx + (k - 2) * 30 * (1 - g * 0.03) - (k - 2) * 3
            gy = 440 + g * 14
            c.poly(ellipse_pts(gx - 6, gy, 5, 10, angle=-25, n=16), fill=(214, 170, 84))
            c.poly(ellipse_pts(gx + 6, gy, 5, 10, angle=25, n=16), fill=(200, 156, 74))
    # breads
    loaf(c, 640, 610, 200, 105, 0, (214, 150, 74), (150, 86, 36), 3, rng)
    loaf(c, 1030, 640, 230, 62, -8, (226, 166, 86), (166, 100, 44), 4, rng)
    # braided bread
    for k in range(7):
        x = 880 + k * 60
        y = 700 - 30 - math.sin(k / 6 * math.pi) * 10
        c.poly(ellipse_pts(x, y, 48, 30, angle=30 if k % 2 else -30, n=40), fill=mix((220, 150, 70), (170, 100, 40), k % 2 * 0.5), outline=alpha((120, 70, 30), 140), width=2)
        c.arc(x - 6, y - 6, 28, 14, 200, 320, alpha((255, 230, 180), 170), 3)
    # rye tin loaf
    c.gradient_rect(1250, 560, 1420, 690, (120, 80, 52), (86, 54, 34))
    c.ellipse(1335, 562, 85, 24, fill=(140, 96, 62))
    for _ in range(40):
        c.circle(rng.uniform(1260, 1410), rng.uniform(560, 600), rng.uniform(1, 2.5), fill=alpha(CREAM, 160))


def draw_netten(c, rng):
    c.background((240, 230, 208), (206, 214, 204))
    c.glow(300, 200, 300, (255, 240, 210), 0.6)
    # sea and far dike
    c.rect(0, 520, 1600, 540, fill=(120, 140, 120))
    c.gradient_rect(0, 540, 1600, 720, (120, 150, 150), (70, 104, 112))
    for _ in range(80):
        y = rng.uniform(550, 715)
        x = rng.uniform(0, 1600)
        c.line([(x, y), (x + rng.uniform(30, 110), y)], alpha(CREAM, rng.randint(40, 110)), 2)
    # fishing boat in the background
    hull = [(920, 560), (1560, 560), (1520, 650), (1460, 690), (1010, 690), (950, 640)]
    c.poly(hull, fill=BLUE)
    c.poly([(920, 560), (1560, 560), (1552, 580), (928, 580)], fill=TERRACOTTA)
    for k in range(6):
        x = 1000 + k * 85
        c.line([(x, 585), (x + 8, 680)], alpha(CREAM, 45), 3)
    c.rect(1280, 470, 1420, 560, fill=CREAM)
    c.rect(1300, 490, 1340, 520, fill=BLUE)
    c.rect(1360, 490, 1400, 520, fill=BLUE)
    c.rect(1270, 455, 1430, 472, fill=TERRACOTTA)
    c.line([(1120, 560), (1120, 230)], INK2, 8)
    c.line([(1120, 240), (1480, 455)], alpha(INK2, 200), 3)
    c.line([(1120, 300), (940, 560)], alpha(INK2, 200), 3)
    c.poly([(1550, 660), (1600, 650), (1600, 720), (1480, 720)], fill=(60, 94, 104))
    # quay
    c.gradient_rect(0, 720, 1600, 1000, (168, 120, 78), (120, 82, 52))
    for k in range(9):
        y = 720 + k * 32
        c.line([(0, y), (1600, y)], alpha(INK, 110), 2)
    for k in range(12):
        x = rng.uniform(0, 1600)
        c.line([(x, 720), (x, 1000)], alpha(INK, 40), 2)
    c.rect(0, 712, 1600, 726, fill=(96, 66, 42))
    c.rect(1460, 650, 1520, 740, fill=INK2, radius=8)
    c.ellipse(1490, 650, 42, 16, fill=INK)
    # net hanging from a rope
    c.line([(60, 110), (600, 170), (1150, 120)], (110, 84, 52), 8)
    rows, cols = 24, 44
    dx = 24

    def node(i, j):
        x = 70 + i * dx + (j % 2) * dx / 2
        top = 110 + (60 * (1 - ((x - 600) / 540) ** 2) if 60 <= x <= 1150 else 0)
        y = top + j * 26 + math.sin(i * 0.6 + j * 0.3) * 4 + (j / rows) ** 1.4 * 40 * math.sin(x / 170)
        xs = x + (j / rows) * 30 * math.sin(j * 0.4)
        return xs, y

    tear = lambda i, j: (i - 28) ** 2 / 20 + (j - 11) ** 2 / 30 < 1
    repaired = lambda i, j: (i - 28) ** 2 / 36 + (j - 11) ** 2 / 50 < 1
    for j in range(rows):
        for i in range(cols):
            x0, y0 = node(i, j)
            for di in (0, 1) if j % 2 else (-1, 0):
                ii = i + di
                if 0 <= ii < cols:
                    x1, y1 = node(ii, j + 1)
                    if tear(i, j):
                        continue
                    col = OCHRE if repaired(i, j) else ((64, 96, 80) if (i + j) % 7 else (84, 116, 98))
                    c.line([(x0, y0), (x1, y1)], col, 3)
    for j in range(0, rows, 3):
        pts = [node(i, j) for i in range(cols)]
        c.line(pts, alpha((40, 70, 60), 60), 2)
    # loose ends of the tear
    for _ in range(10):
        i, j = 28 + rng.randint(-4, 4), 11 + rng.randint(-4, 4)
        if tear(i, j):
            x, y = node(i, j)
            c.line([(x, y), (x + rng.uniform(-12, 12), y + rng.uniform(8, 20))], (64, 96, 80), 3)
    # netting needle and twine ball on the quay
    needle = [(380, 900), (640, 870), (700, 880), (640, 892), (390, 918)]
    c.poly(needle, fill=(214, 176, 120), outline=(150, 110, 66), width=2)
    c.poly([(560, 884), (600, 879), (590, 892)], fill=(150, 110, 66))
    c.line([(420, 905), (620, 881)], OCHRE, 4)
    c.circle(860, 880, 60, fill=OCHRE)
    for k in range(9):
        st = rng.uniform(0, 360)
        c.arc(860 + rng.uniform(-6, 6), 880 + rng.uniform(-6, 6), rng.uniform(30, 56), rng.uniform(18, 50), st, st + 160, alpha(BROWN, 110), 2)
    c.line([(820, 930), (760, 960), (600, 950)], OCHRE, 3)


def draw_kaasmaker(c, rng):
    c.background((104, 80, 58), (58, 46, 38))
    c.glow(800, 300, 700, (240, 200, 140), 0.25)
    # uprights and shelves
    for x in (60, 800, 1540):
        c.gradient_rect(x - 20, 0, x + 20, 880, (140, 96, 60), (96, 62, 40), vertical=False)
    shelves = [250, 500, 750]
    for y in shelves:
        plank(c, 0, y, 1600, y + 26, rng, base=(132, 88, 52), light=(176, 124, 78))
    # cheeses
    coat = [(228, 176, 66), (222, 166, 58), (236, 190, 80), (210, 150, 50), (180, 60, 40), (60, 64, 60)]
    for y in shelves:
        x = 90
        while x < 1520:
            w = rng.uniform(150, 190)
            h = w * 0.38
            if abs(x + w / 2 - 800) < w / 2 + 26:
                x = 826
                continue
            col = rng.choices(coat, weights=[5, 5, 4, 3, 1, 1])[0]
            top_y = y - h
            rr = h * 0.42
            pts = []
            for cxr, cyr, a0 in ((x + w - rr, top_y + rr, 270), (x + w - rr, y - rr, 0), (x + rr, y - rr, 90), (x + rr, top_y + rr, 180)):
                pts += ellipse_pts(cxr, cyr, rr, rr, start=a0, end=a0 + 90, n=12)
            c.gradient_poly(pts, mix(col, CREAM, 0.3), mix(col, INK, 0.3))
            c.line([(x + rr, y - h * 0.5), (x + w - rr, y - h * 0.5)], alpha(mix(col, INK, 0.4), 90), 2)
            c.line([(x + rr * 0.8, top_y + 5), (x + w - rr * 0.8, top_y + 5)], alpha(CREAM, 150), 3)
            x += w + rng.uniform(16, 40)
    # table in the foreground
    c.gradient_rect(0, 880, 1600, 1000, (150, 104, 64), (110, 74, 46))
    c.line([(0, 880), (1600, 880)], alpha(INK, 130), 3)
    # cheese cloth
    cloth = [(140, 990), (180, 890), (300, 870), (480, 886), (560, 930), (520, 1000), (140, 1000)]
    c.poly(cloth, fill=(240, 232, 212))
    for k in range(6):
        c.line([(200 + k * 55, 900), (180 + k * 60, 995)], alpha((180, 168, 140), 150), 3)
    for k in range(10):
        c.line([(160, 910 + k * 9), (540, 914 + k * 9)], alpha((200, 190, 168), 70), 1)
    # cheese iron
    c.rect(880, 900, 920, 990, fill=(120, 80, 50), radius=10)
    c.rect(840, 900, 960, 930, fill=(120, 80, 50), radius=10)
    c.gradient_poly([(880, 930), (920, 930), (912, 990), (1320, 990), (1330, 960), (920, 960)], (210, 214, 214), (130, 136, 138))
    # cheese wedge sample
    c.poly([(1380, 990), (1560, 990), (1560, 920)], fill=(240, 196, 90))
    c.poly([(1560, 920), (1580, 930), (1580, 1000), (1560, 990)], fill=(200, 150, 50))
    for (hx, hy) in ((1500, 970), (1530, 950), (1460, 980)):
        c.ellipse(hx, hy, 6, 4, fill=(214, 166, 70))


# ---------------------------------------------------------------------------
# Event illustrations
# ---------------------------------------------------------------------------

def draw_aftrap(c, rng):
    c.background(CREAM, SAND)
    for _ in range(40):
        c.circle(rng.uniform(0, 1600), rng.uniform(0, 900), rng.uniform(3, 8), fill=alpha(COPPER, 40))
    speech_bubble(c, 300, 140, 1300, 640, (250, 244, 230), tail_left=False, outline=INK, width=8)
    bubbles = [(380, 220, 760, 430, COPPER, True), (690, 180, 1050, 380, OCHRE, False), (880, 330, 1230, 540, SAGE, False),
               (470, 380, 850, 580, TERRACOTTA, True), (760, 430, 1020, 570, BLUE, True)]
    for x0, y0, x1, y1, col, tl in bubbles:
        speech_bubble(c, x0, y0, x1, y1, alpha(col, 215), tail_left=tl)
    for x0, y0, x1, y1, col, tl in bubbles:
        cy = (y0 + y1) / 2
        for k in range(3):
            c.circle((x0 + x1) / 2 + (k - 1) * 34, cy, 10, fill=alpha(CREAM, 220))
    c.rect(0, 820, 1600, 900, fill=alpha(INK, 30))
    for k in range(18):  # audience heads
        x = 60 + k * 88 + rng.uniform(-10, 10)
        c.circle(x, 820, 32, fill=mix(INK2, SAGE_DARK, rng.random() * 0.5))
        c.rect(x - 44, 840, x + 44, 900, fill=mix(INK2, SAGE_DARK, rng.random() * 0.5), radius=20)


def draw_restauratie(c, rng):
    c.background((236, 222, 196), (206, 192, 170))
    c.rect(0, 780, 1600, 900, fill=(150, 134, 112))
    # brick facade
    c.rect(200, 120, 1400, 800, fill=(176, 92, 66))
    for row in range(36):
        y = 120 + row * 19
        c.line([(200, y), (1400, y)], alpha((120, 56, 44), 120), 2)
        off = 0 if row % 2 else 20
        for x in range(200 + off, 1400, 40):
            c.line([(x, y), (x, y + 19)], alpha((120, 56, 44), 80), 1.5)
    # stone arch gate
    cx, cy, r = 800, 470, 230
    for k in range(13):
        a0, a1 = 180 + k * 180 / 13, 180 + (k + 1) * 180 / 13
        seg = ellipse_pts(cx, cy, r + 70, r + 70, start=a0, end=a1, n=6) + list(reversed(ellipse_pts(cx, cy, r, r, start=a0, end=a1, n=6)))
        c.poly(seg, fill=SAND if k % 2 == 0 else (200, 176, 140), outline=alpha(INK, 120), width=2)
    for side in (-1, 1):
        for k in range(6):
            y = cy + k * 55
            x0 = cx + side * r
            x1 = cx + side * (r + (70 if k % 2 == 0 else 50))
            c.poly([(x0, y), (x1, y), (x1, y + 55), (x0, y + 55)], fill=SAND if k % 2 else (200, 176, 140), outline=alpha(INK, 120), width=2)
    c.poly(ellipse_pts(cx, cy, r, r, start=180, end=360, n=60) + [(cx + r, 800), (cx - r, 800)], fill=(64, 58, 54))
    c.rect(cx - r + 20, 520, cx + r - 20, 800, fill=(92, 70, 50))
    for k in range(8):
        c.line([(cx - r + 20 + k * 55, 520), (cx - r + 20 + k * 55, 800)], alpha(INK, 120), 3)
    # scaffolding
    poles = [160, 480, 1120, 1440]
    for x in poles:
        c.line([(x, 60), (x, 860)], (120, 128, 132), 12)
    for y in (280, 560):
        c.line([(120, y), (1480, y)], (120, 128, 132), 10)
        c.rect(130, y - 24, 1470, y - 6, fill=(196, 150, 96))
        c.line([(130, y - 6), (1470, y - 6)], alpha(INK, 120), 2)
    c.line([(160, 560), (480, 280)], (120, 128, 132), 8)
    c.line([(1120, 280), (1440, 560)], (120, 128, 132), 8)
    c.line([(160, 860), (480, 560)], (120, 128, 132), 8)
    # tools on the planks
    c.poly([(300, 256), (360, 256), (352, 220), (308, 220)], fill=INK2)  # bucket
    c.arc(330, 222, 24, 18, 180, 360, INK2, 4)
    c.poly([(1200, 250), (1270, 250), (1236, 226)], fill=STEEL)  # trowel
    c.line([(1236, 226), (1250, 205)], WOOD, 8)
    c.rect(600, 536, 760, 554, fill=SAND, outline=alpha(INK, 120), width=2)
    c.rect(950, 520, 1060, 554, fill=(200, 176, 140), outline=alpha(INK, 120), width=2)
    c.line([(1080, 550), (1150, 520)], WOOD, 8)
    c.rect(1135, 508, 1175, 530, fill=INK2)


def draw_webinar(c, rng):
    c.background((226, 214, 192), (206, 190, 162))
    c.rect(0, 0, 1600, 600, fill=(214, 222, 206))
    for k in range(8):
        c.rect(80 + k * 190, 80, 160 + k * 190, 420, fill=alpha(SAGE, 60))
    c.gradient_rect(0, 640, 1600, 900, (186, 136, 88), (150, 104, 64))
    # laptop
    c.rect(420, 120, 1180, 600, fill=INK, radius=18)
    c.gradient_rect(450, 150, 1150, 570, (60, 90, 104), (120, 150, 132))
    c.poly([(340, 610), (1260, 610), (1300, 660), (300, 660)], fill=(96, 106, 110))
    c.rect(340, 600, 1260, 614, fill=(130, 140, 144))
    c.rect(730, 640, 870, 652, fill=(80, 88, 92), radius=4)
    # badge on screen
    bx, by = 800, 360
    c.circle(bx, by, 150, fill=COPPER)
    c.circle(bx, by, 128, fill=CREAM)
    c.circle(bx, by, 112, fill=OCHRE)
    for k in range(24):
        a = math.radians(k * 15)
        c.circle(bx + 139 * math.cos(a), by + 139 * math.sin(a), 4, fill=CREAM)
    c.poly([(bx - 70, by + 10), (bx + 60, by + 10), (bx + 64, by + 30), (bx + 30, by + 36), (bx + 22, by + 60), (bx + 50, by + 70),
            (bx - 50, by + 70), (bx - 22, by + 60), (bx - 30, by + 36), (bx - 60, by + 28), (bx - 90, by + 20)], fill=INK)
    c.line([(bx + 10, by - 20), (bx + 70, by - 80)], INK, 12)
    c.poly(rotate_pts([(bx - 30, by - 50), (bx + 20, by - 50), (bx + 20, by - 20), (bx - 30, by - 20)], bx - 5, by - 35, -45), fill=INK)
    # participants strip
    for k in range(5):
        x = 480 + k * 130
        c.rect(x, 490, x + 110, 560, fill=alpha(CREAM, 60), radius=6)
        c.circle(x + 55, 515, 14, fill=alpha(CREAM, 150))
        c.rect(x + 30, 532, x + 80, 560, fill=alpha(CREAM, 150), radius=10)
    # mug with steam
    c.rect(1330, 520, 1450, 660, fill=TERRACOTTA, radius=14)
    c.arc(1460, 585, 36, 40, 270, 90, TERRACOTTA, 14)
    c.ellipse(1390, 522, 60, 14, fill=(90, 50, 36))
    for k in range(3):
        x = 1360 + k * 30
        c.line([(x, 500), (x + 10, 470), (x - 6, 440), (x + 6, 410)], alpha(CREAM, 200), 5)
    # notebook
    c.poly(rotate_pts([(120, 680), (400, 680), (400, 860), (120, 860)], 260, 770, -8), fill=CREAM)
    for k in range(6):
        c.line(rotate_pts([(150, 710 + k * 24), (370, 710 + k * 24)], 260, 770, -8), alpha(SAGE_DARK, 150), 2)


def draw_werkconferentie(c, rng):
    c.background((236, 226, 206), (224, 210, 186))
    for x in range(0, 1600, 100):
        c.line([(x, 0), (x, 900)], alpha(BROWN, 20), 2)
    cx, cy, r = 800, 450, 330
    for k in range(10):  # chairs
        a = math.radians(k * 36 + 18)
        x, y = cx + (r + 80) * math.cos(a), cy + (r + 80) * math.sin(a)
        c.circle(x, y, 56, fill=SAGE_DARK)
        c.circle(x, y, 44, fill=SAGE)
    c.circle(cx + 8, cy + 12, r, fill=alpha(INK, 60))
    c.circle(cx, cy, r, fill=(184, 130, 80))
    for k in range(6):
        c.circle(cx, cy, r - 40 - k * 48, outline=alpha(BROWN, 60), width=2)
    for k in range(10):  # papers and cups
        a = math.radians(k * 36 + 18)
        x, y = cx + (r - 70) * math.cos(a), cy + (r - 70) * math.sin(a)
        paper = rotate_pts([(x - 40, y - 52), (x + 40, y - 52), (x + 40, y + 52), (x - 40, y + 52)], x, y, k * 36 + 108)
        c.poly(paper, fill=CREAM)
        for n in range(4):
            ln = rotate_pts([(x - 28, y - 30 + n * 18), (x + 24, y - 30 + n * 18)], x, y, k * 36 + 108)
            c.line(ln, alpha(SAGE_DARK, 140), 2)
        a2 = a + math.radians(14)
        ux, uy = cx + (r - 30) * math.cos(a2), cy + (r - 30) * math.sin(a2)
        c.circle(ux, uy, 18, fill=CREAM)
        c.circle(ux, uy, 12, fill=(96, 60, 40))
    # tools in the middle
    c.stamp(tool_hammer, cx - 70, cy - 20, 30, tile=420)
    c.stamp(tool_chisel, cx + 80, cy, -20, tile=420)
    zig = []
    for k in range(7):  # folding rule
        zig.append((cx - 120 + k * 40, cy + 140 + (k % 2) * 30))
    c.line(zig, OCHRE, 16)
    c.circle(cx + 30, cy - 150, 40, fill=TERRACOTTA)


def draw_ambachtenmarkt(c, rng):
    c.background((246, 232, 206), (232, 210, 176))
    c.glow(1300, 150, 300, (255, 240, 210), 0.6)
    # masts and hulls behind the quay
    for k in range(5):
        x = 150 + k * 320 + rng.uniform(-30, 30)
        h = rng.uniform(260, 380)
        c.line([(x, 520), (x, 520 - h)], INK2, 7)
        c.line([(x, 520 - h), (x + 140, 520)], alpha(INK2, 150), 2)
        c.line([(x, 520 - h), (x - 120, 520)], alpha(INK2, 150), 2)
        c.line([(x - 40, 520 - h * 0.6), (x + 60, 520 - h * 0.62)], INK2, 5)
    c.rect(0, 500, 1600, 560, fill=(92, 120, 124))
    for k in range(5):
        x = 60 + k * 320
        c.poly([(x, 500), (x + 260, 500), (x + 230, 540), (x + 30, 540)], fill=[BLUE, INK2, SAGE_DARK, BROWN, BLUE][k])
    c.gradient_rect(0, 560, 1600, 900, (196, 176, 148), (160, 140, 112))
    for k in range(12):
        y = 580 + k * 28
        for x in range(int(-(k % 2) * 30), 1600, 60):
            c.rect(x + 2, y + 2, x + 58, y + 26, outline=alpha(INK, 30), width=1)
    # market stalls
    stalls = [(60, TERRACOTTA), (430, SAGE_DARK), (800, OCHRE), (1170, BLUE)]
    for x, col in stalls:
        w = 340
        c.line([(x + 20, 600), (x + 20, 840)], BROWN, 10)
        c.line([(x + w - 20, 600), (x + w - 20, 840)], BROWN, 10)
        c.rect(x, 720, x + w, 760, fill=(176, 124, 78))
        c.rect(x + 10, 760, x + w - 10, 840, fill=alpha((120, 80, 48), 200))
        c.poly([(x - 20, 610), (x + w + 20, 610), (x + w - 10, 520), (x + 10, 520)], fill=CREAM)
        for s in range(6):
            sx0 = x - 20 + s * (w + 40) / 6
            sx1 = sx0 + (w + 40) / 12
            t0 = x + 10 + s * (w - 20) / 6
            t1 = t0 + (w - 20) / 12
            c.poly([(sx0, 610), (sx1, 610), (t1, 520), (t0, 520)], fill=col)
        for s in range(12):
            sx = x - 20 + (s + 0.5) * (w + 40) / 12
            c.ellipse(sx, 612, (w + 40) / 24, 12, fill=col if s % 2 == 0 else CREAM)
        # goods
        for g in range(5):
            gx = x + 40 + g * 60
            kind = rng.randint(0, 2)
            if kind == 0:
                c.poly([(gx - 18, 720), (gx + 18, 720), (gx + 12, 680), (gx - 12, 680)], fill=rng.choice([TERRACOTTA, SAGE, OCHRE]))
            elif kind == 1:
                c.circle(gx, 700, 20, fill=rng.choice([OCHRE, COPPER, SAGE_DARK]))
            else:
                c.rect(gx - 24, 690, gx + 24, 720, fill=rng.choice([WOOD_LIGHT, CREAM, SAGE]))
    # visitors
    for k in range(10):
        x = 80 + k * 150 + rng.uniform(-20, 20)
        col = rng.choice([INK2, SAGE_DARK, TERRACOTTA, BLUE, BROWN])
        c.circle(x, 800, 22, fill=mix(col, INK, 0.3))
        c.rect(x - 30, 822, x + 30, 900, fill=col, radius=16)


def draw_open_ateliers(c, rng):
    c.background((46, 62, 82), (214, 128, 76))
    c.circle(1380, 150, 46, fill=(250, 236, 200))
    for _ in range(50):
        c.circle(rng.uniform(0, 1600), rng.uniform(0, 300), rng.uniform(1, 2.5), fill=alpha(CREAM, rng.randint(100, 220)))
    x = 40
    brick = [(150, 70, 52), (128, 62, 48), (170, 90, 62), (110, 64, 54), (140, 80, 60)]
    houses = [(200, 380, "step"), (230, 300, "bell"), (190, 340, "step"), (240, 280, "neck"), (210, 360, "bell"), (230, 320, "step")]
    for i, (w, h, kind) in enumerate(houses):
        base = 760
        top = base - h - 200
        col = brick[i % len(brick)]
        c.rect(x, top + 120, x + w, base, fill=col)
        # gable
        if kind == "step":
            pts = [(x, top + 120)]
            steps = 4
            for s in range(steps):
                sx = x + s * w / (2 * steps + 1)
                pts += [(sx, top + 120 - s * 30), (sx + w / (2 * steps + 1), top + 120 - s * 30)]
            pts += [(x + w / 2 - w / 18, top + 120 - steps * 30), (x + w / 2 + w / 18, top + 120 - steps * 30)]
            for s in reversed(range(steps)):
                sx = x + w - s * w / (2 * steps + 1)
                pts += [(sx - w / (2 * steps + 1), top + 120 - s * 30), (sx, top + 120 - s * 30)]
            pts += [(x + w, top + 120)]
            c.poly(pts, fill=col)
        elif kind == "bell":
            pts = [(x, top + 120)] + ellipse_pts(x + w / 2, top + 120, w / 2, 110, start=180, end=360, n=40) + [(x + w, top + 120)]
            c.poly(pts, fill=col)
            c.circle(x + w / 2, top + 60, 16, fill=alpha(CREAM, 120))
        else:
            c.poly([(x, top + 120), (x + w * 0.25, top + 60), (x + w * 0.25, top), (x + w * 0.75, top), (x + w * 0.75, top + 60), (x + w, top + 120)], fill=col)
        c.line([(x, top + 120), (x, base)], alpha(INK, 80), 3)
        # windows: some lit
        for wy in (top + 150, top + 260):
            for wx in (x + w * 0.18, x + w * 0.58):
                if wy + 80 > base - 170:
                    continue
                lit = rng.random() < 0.7
                if lit:
                    c.glow(wx + w * 0.12, wy + 40, 90, (255, 200, 110), 0.35)
                c.rect(wx, wy, wx + w * 0.24, wy + 80, fill=(255, 214, 130) if lit else (60, 70, 84))
                c.line([(wx + w * 0.12, wy), (wx + w * 0.12, wy + 80)], col, 4)
                c.line([(wx, wy + 40), (wx + w * 0.24, wy + 40)], col, 4)
        # open workshop door with glow and a craft silhouette
        dx0, dx1 = x + w * 0.3, x + w * 0.7
        c.glow((dx0 + dx1) / 2, base - 80, 150, (255, 190, 100), 0.5)
        c.rect(dx0, base - 170, dx1, base, fill=(255, 206, 120))
        c.poly([(dx0, base - 170), (dx0 - 26, base - 160), (dx0 - 26, base + 6), (dx0, base)], fill=(96, 60, 40))
        mx = (dx0 + dx1) / 2
        motif = i % 4
        if motif == 0:  # anvil
            c.poly([(mx - 34, base - 60), (mx + 30, base - 60), (mx + 26, base - 48), (mx + 10, base - 44), (mx + 16, base - 20), (mx - 16, base - 20), (mx - 10, base - 44), (mx - 46, base - 54)], fill=INK)
        elif motif == 1:  # loom
            c.rect(mx - 30, base - 110, mx + 30, base - 20, outline=INK, width=5)
            for k in range(5):
                c.line([(mx - 20 + k * 10, base - 105), (mx - 20 + k * 10, base - 25)], INK, 2)
        elif motif == 2:  # vase
            c.poly([(mx - 14, base - 20), (mx + 14, base - 20), (mx + 24, base - 60), (mx + 10, base - 90), (mx - 10, base - 90), (mx - 24, base - 60)], fill=INK)
        else:  # chair
            c.rect(mx + 10, base - 110, mx + 18, base - 20, fill=INK)
            c.rect(mx - 24, base - 60, mx + 18, base - 52, fill=INK)
            c.rect(mx - 24, base - 60, mx - 16, base - 20, fill=INK)
        x += w + 22
    # street
    c.gradient_rect(0, 760, 1600, 900, (96, 84, 80), (60, 54, 56))
    for k in range(6):
        y = 770 + k * 22
        off = (k % 2) * 20
        for sx in range(-off, 1600, 40):
            c.rect(sx + 2, y + 2, sx + 38, y + 20, fill=alpha((120, 106, 100), 120), radius=4)
    c.poly([(0, 760), (1600, 760), (1600, 780), (0, 780)], fill=alpha((255, 200, 120), 40))


# ---------------------------------------------------------------------------
# Page illustrations
# ---------------------------------------------------------------------------

def draw_home(c, rng):
    c.background(CREAM, SAND)
    for _ in range(30):
        c.circle(rng.uniform(0, 1600), rng.uniform(0, 1000), rng.uniform(40, 120), fill=alpha(OCHRE, 14))
    c.circle(800, 500, 420, fill=alpha(SAGE, 50))
    c.circle(800, 500, 400, outline=alpha(COPPER, 160), width=4)
    c.circle(800, 500, 130, fill=COPPER)
    c.circle(800, 500, 110, fill=CREAM)
    c.circle(800, 500, 92, fill=OCHRE)
    for k in range(20):
        a = math.radians(k * 18)
        c.circle(800 + 120 * math.cos(a), 500 + 120 * math.sin(a), 4, fill=CREAM)
    tools = [tool_hammer, tool_chisel, tool_brush, tool_shuttle, tool_bowl, tool_organ_pipe]
    for k, fn in enumerate(tools):
        ang = k * 60 - 90
        x = 800 + 275 * math.cos(math.radians(ang))
        y = 500 + 275 * math.sin(math.radians(ang))
        rot = 0 if fn is tool_bowl else -(ang + 90)
        c.stamp(fn, x, y, rot, tile=440)
    # side ornaments
    for side in (-1, 1):
        for k in range(5):
            c.circle(800 + side * (560 + k * 60), 500, 16 - k * 2, fill=[COPPER, OCHRE, SAGE_DARK, TERRACOTTA, BLUE][k])


def draw_communicatie(c, rng):
    c.background(INK, (44, 58, 64))
    for _ in range(60):
        c.circle(rng.uniform(0, 1600), rng.uniform(0, 1000), rng.uniform(2, 5), fill=alpha(CREAM, 40))
    speech_bubble(c, 180, 230, 760, 640, alpha(COPPER, 235), tail_left=True)
    speech_bubble(c, 560, 120, 1100, 520, alpha(OCHRE, 225), tail_left=False)
    speech_bubble(c, 860, 360, 1420, 760, alpha(SAGE, 225), tail_left=False)
    c.stamp(lambda t: tool_hammer(t, color=CREAM, head=CREAM), 420, 430, 30, tile=440)
    c.stamp(lambda t: tool_scissors(t, color=CREAM), 830, 300, -15, tile=440)
    c.stamp(lambda t: tool_brush(t, color=CREAM), 1140, 560, -35, tile=440)
    for k in range(7):
        c.arc(180, 870, 60 + k * 40, 60 + k * 40, 270, 360, alpha(CREAM, 60 - k * 7), 4)


def draw_educatie(c, rng):
    c.background((238, 226, 204), (220, 202, 170))
    # bench top seen from above
    c.gradient_rect(0, 300, 1600, 1000, (186, 132, 82), (150, 100, 60))
    wood_grain(c, 0, 300, 1600, 1000, rng, n=60, a=60)
    for y in (460, 640, 820):
        c.line([(0, y), (1600, y)], alpha(INK, 80), 2)
    c.rect(0, 0, 1600, 300, fill=(206, 216, 196))
    c.rect(0, 280, 1600, 306, fill=(130, 86, 52))
    for k in range(9):
        c.rect(80 + k * 170, 80, 150 + k * 170, 260, fill=alpha(SAGE_DARK, 50), radius=6)
    # mortise piece (horizontal beam)
    c.gradient_rect(200, 520, 900, 640, (226, 186, 132), (196, 150, 96))
    c.rect(700, 548, 800, 612, fill=(110, 70, 40))
    wood_grain(c, 200, 520, 700, 640, rng, color=(160, 110, 66), n=8)
    c.rect(200, 520, 900, 640, outline=alpha(INK, 120), width=2)
    # tenon piece (vertical rail) coming in
    c.gradient_rect(960, 380, 1100, 880, (216, 172, 116), (186, 136, 84), vertical=False)
    c.rect(900, 550, 960, 610, fill=(206, 164, 110), outline=alpha(INK, 120), width=2)
    c.rect(960, 380, 1100, 880, outline=alpha(INK, 120), width=2)
    c.line([(860, 580), (930, 580)], alpha(INK, 160), 3)
    c.poly([(850, 580), (870, 570), (870, 590)], fill=alpha(INK, 160))
    # square (winkelhaak)
    c.rect(1200, 420, 1240, 820, fill=(176, 112, 64))
    c.rect(1200, 780, 1480, 812, fill=STEEL)
    for k in range(10):
        c.line([(1250 + k * 22, 780), (1250 + k * 22, 792 if k % 2 else 798)], INK2, 2)
    # pencil
    c.poly(rotate_pts([(260, 760), (620, 760), (620, 784), (260, 784)], 440, 772, -12), fill=OCHRE)
    c.poly(rotate_pts([(620, 760), (660, 772), (620, 784)], 440, 772, -12), fill=(226, 196, 150))
    c.poly(rotate_pts([(650, 769), (660, 772), (650, 775)], 440, 772, -12), fill=INK)
    # open notebook with sketches
    c.poly([(240, 340), (560, 360), (560, 500), (240, 490)], fill=CREAM)
    c.poly([(560, 360), (860, 330), (860, 480), (560, 500)], fill=(250, 244, 230))
    c.line([(560, 360), (560, 500)], alpha(INK, 120), 2)
    c.rect(300, 380, 420, 440, outline=alpha(BLUE, 200), width=2)
    c.rect(420, 396, 470, 424, outline=alpha(BLUE, 200), width=2)
    for k in range(4):
        c.line([(600, 380 + k * 22), (820, 372 + k * 22)], alpha(SAGE_DARK, 160), 2)
    # shavings
    for _ in range(14):
        x, y = rng.uniform(1150, 1550), rng.uniform(880, 980)
        r = rng.uniform(10, 24)
        c.arc(x, y, r, r * 0.7, 0, 290, (236, 204, 156), 5)


def draw_samenwerking_map(c, rng):
    """Network of craft dots on a rough outline of the Netherlands (flat, for PNG)."""
    c.background(CREAM, (236, 224, 200))
    k = 300.0
    lon0, lat0 = 3.15, 53.62
    cos_lat = math.cos(math.radians(52.2))
    ox = 520

    def proj(lon, lat):
        return ox + (lon - lon0) * k * cos_lat * 1.0, 40 + (lat0 - lat) * k

    outline = [(3.37, 51.37), (3.85, 51.22), (4.25, 51.37), (4.6, 51.45), (5.0, 51.47), (5.25, 51.32), (5.6, 51.27),
               (5.85, 51.15), (5.75, 50.78), (6.02, 50.76), (6.08, 50.92), (5.9, 51.05), (6.2, 51.33), (6.23, 51.52),
               (5.96, 51.8), (6.4, 51.84), (6.8, 51.98), (6.7, 52.08), (7.05, 52.23), (6.7, 52.5), (7.05, 52.64),
               (7.2, 53.0), (7.2, 53.25), (6.9, 53.45), (6.2, 53.42), (5.6, 53.32), (5.35, 53.1), (5.05, 52.95),
               (4.75, 52.96), (4.6, 52.5), (4.4, 52.2), (4.1, 52.0), (3.95, 51.85), (3.6, 51.6), (3.45, 51.5)]
    c.poly([proj(*p) for p in outline], fill=(214, 222, 200), outline=alpha(SAGE_DARK, 160), width=4)
    towns = [(5.12, 52.09), (4.90, 52.37), (4.48, 51.92), (4.30, 52.08), (6.57, 53.22), (5.80, 53.20), (6.56, 52.99),
             (6.09, 52.51), (5.48, 52.52), (5.91, 51.98), (5.86, 51.84), (5.30, 51.70), (5.48, 51.44), (4.78, 51.59),
             (5.69, 50.85), (6.17, 51.37), (3.61, 51.50), (3.92, 51.50), (4.64, 52.39), (4.75, 52.63), (5.39, 52.16),
             (6.16, 52.25), (6.89, 52.22), (6.29, 51.97), (4.10, 51.66), (5.53, 53.06), (5.42, 53.17), (6.61, 52.85),
             (5.19, 51.58), (6.14, 51.34), (4.86, 51.95), (5.19, 52.70), (6.40, 52.79), (4.66, 52.03), (5.97, 52.21),
             (6.74, 53.14), (4.03, 51.66), (5.05, 52.45)]
    pts = [proj(lon + rng.uniform(-0.03, 0.03), lat + rng.uniform(-0.02, 0.02)) for lon, lat in towns]
    # extra dots away from the map, for the "network" idea
    for _ in range(16):
        side = rng.choice([-1, 1])
        pts.append((800 + side * rng.uniform(420, 760), rng.uniform(80, 920)))
    edges = set()
    for i, (x, y) in enumerate(pts):
        d = sorted(((x - a) ** 2 + (y - b) ** 2, j) for j, (a, b) in enumerate(pts) if j != i)
        for _, j in d[:3]:
            edges.add(tuple(sorted((i, j))))
    for i, j in sorted(edges):
        c.line([pts[i], pts[j]], alpha(INK, 90), 2.5)
    cols = [COPPER, OCHRE, SAGE_DARK, TERRACOTTA, BLUE, INK]
    for i, (x, y) in enumerate(pts):
        col = cols[i % len(cols)]
        r = rng.choice([9, 11, 14, 18])
        c.circle(x, y, r + 5, fill=CREAM)
        c.circle(x, y, r, fill=col)
        if r >= 14:
            c.circle(x, y, r + 12, outline=alpha(col, 120), width=3)


# ---------------------------------------------------------------------------
# Metadata and registry
# ---------------------------------------------------------------------------

def _dms(value):
    value = abs(value)
    d = int(value)
    m = int((value - d) * 60)
    s = round(((value - d) * 60 - m) * 60 * 100)
    R = TiffImagePlugin.IFDRational
    return (R(d, 1), R(m, 1), R(s, 100))


def make_exif(lat, lon, when):
    """EXIF block with camera info, capture date and GPS position (to be stripped by the build)."""
    exif = Image.Exif()
    exif[0x010F] = "ExampleCam"  # Make
    exif[0x0110] = "ExampleCam EC-1"  # Model
    exif[0x0131] = "draw_example_images.py"  # Software
    exif[0x0132] = when  # DateTime
    exif[0x013B] = "Example Photographer"  # Artist
    exif[0x8298] = "Example image, not for publication with metadata"  # Copyright
    sub = exif.get_ifd(0x8769)  # Exif IFD
    sub[0x9003] = when  # DateTimeOriginal
    sub[0x9004] = when  # DateTimeDigitized
    sub[0xA430] = "Example Owner"  # CameraOwnerName
    sub[0xA431] = "EC1-000123"  # BodySerialNumber
    gps = exif.get_ifd(0x8825)  # GPS IFD
    gps[0x0000] = b"\x02\x03\x00\x00"  # GPSVersionID
    gps[0x0001] = "N" if lat >= 0 else "S"
    gps[0x0002] = _dms(lat)
    gps[0x0003] = "E" if lon >= 0 else "W"
    gps[0x0004] = _dms(lon)
    gps[0x0005] = b"\x00"  # above sea level
    gps[0x0006] = TiffImagePlugin.IFDRational(3, 1)  # altitude in metres
    return exif


# (relative path, (width, height), draw function, seed, (lat, lon), capture date)
IMAGES = [
    ("stories/smid.jpg", (1600, 1000), draw_smid, 101, (52.0907, 5.1214), "2026:02:20 10:14:03"),
    ("stories/meubelmaker.jpg", (1600, 1000), draw_meubelmaker, 102, (51.9653, 6.2886), "2025:09:24 08:02:41"),
    ("stories/rietdekker.jpg", (1600, 1000), draw_rietdekker, 103, (52.8497, 6.6050), "2025:10:30 15:40:12"),
    ("stories/glas-in-lood.jpg", (1600, 1000), draw_glas_in_lood, 104, (52.3874, 4.6462), "2026:01:08 11:21:55"),
    ("stories/weverij.jpg", (1600, 1000), draw_weverij, 105, (51.5797, 5.1889), "2026:04:25 13:05:09"),
    ("stories/pottenbakker.jpg", (1600, 1000), draw_pottenbakker, 106, (51.3442, 6.1364), "2026:01:21 09:48:30"),
    ("stories/orgel.jpg", (1000, 1400), draw_orgel, 107, (53.2194, 6.5665), "2026:05:29 14:33:17"),
    ("stories/bakker.jpg", (1600, 1000), draw_bakker, 108, (53.0617, 5.5306), "2026:08:18 04:12:44"),
    ("stories/netten.jpg", (1600, 1000), draw_netten, 109, (51.6617, 4.0950), "2026:10:15 16:02:38"),
    ("stories/kaasmaker.jpg", (1600, 1000), draw_kaasmaker, 110, (51.9386, 4.7797), "2026:10:28 06:55:21"),
    ("events/aftrap.jpg", (1600, 900), draw_aftrap, 201, (52.1561, 5.3878), "2026:03:19 14:02:11"),
    ("events/restauratie.jpg", (1600, 900), draw_restauratie, 202, (51.6978, 5.3037), "2026:10:08 10:41:29"),
    ("events/webinar.jpg", (1600, 900), draw_webinar, 203, (52.0907, 5.1214), "2026:11:02 15:30:00"),
    ("events/werkconferentie.jpg", (1600, 900), draw_werkconferentie, 204, (52.0894, 5.1100), "2026:11:05 12:00:00"),
    ("events/ambachtenmarkt.jpg", (1600, 900), draw_ambachtenmarkt, 205, (53.1745, 5.4228), "2026:06:20 11:17:45"),
    ("events/open-ateliers.jpg", (1600, 900), draw_open_ateliers, 206, (52.2551, 6.1639), "2026:10:10 18:44:02"),
    ("pages/home.jpg", (1600, 1000), draw_home, 301, (52.1561, 5.3878), "2026:03:01 10:00:00"),
    ("pages/communicatie.jpg", (1600, 1000), draw_communicatie, 302, (52.3676, 4.9041), "2026:03:02 10:00:00"),
    ("pages/educatie-en-vakonderwijs.jpg", (1600, 1000), draw_educatie, 303, (51.4416, 5.4697), "2026:03:03 10:00:00"),
    ("pages/samenwerking-en-mapping.png", (1600, 1000), draw_samenwerking_map, 304, (52.0116, 4.3571), "2026:03:04 10:00:00"),
]

MAX_BYTES = 600 * 1024


def render(rel, size, fn, seed, gps, when, out_dir):
    w, h = size
    rng = random.Random(seed)
    canvas = Canvas(w, h)
    fn(canvas, rng)
    path = out_dir / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    exif = make_exif(gps[0], gps[1], when).tobytes()
    if path.suffix == ".png":
        img = canvas.finish(seed, grain=0)
        # Flat artwork: a 64-colour palette keeps the PNG small.
        img = img.quantize(colors=64, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
        info = PngInfo()
        info.add_text("Comment", "Example image with test metadata")
        info.add_text("Author", "Example Photographer")
        img.save(path, "PNG", optimize=True, exif=exif, pnginfo=info)
    else:
        img = canvas.finish(seed)
        img.save(path, "JPEG", quality=85, optimize=True, exif=exif,
                 comment=b"ExampleCam test image - metadata must be stripped")
    n = path.stat().st_size
    if n > MAX_BYTES:
        raise SystemExit(f"{path} is {n} bytes, over the {MAX_BYTES} byte limit")
    return path, n


def main():
    here = Path(__file__).resolve().parents[2]  # the repository
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=here / "content" / "images")
    ap.add_argument("--only", help="render only images whose path contains this string")
    args = ap.parse_args()
    for rel, size, fn, seed, gps, when in IMAGES:
        if args.only and args.only not in rel:
            continue
        path, n = render(rel, size, fn, seed, gps, when, args.out)
        print(f"{path.relative_to(args.out)}  {size[0]}x{size[1]}  {n // 1024} KB")


if __name__ == "__main__":
    main()
