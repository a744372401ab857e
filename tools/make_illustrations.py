#!/usr/bin/env python3
"""Generate the exercise illustrations in ``assets/images/`` from pose descriptions.

Every picture is the same kind of drawing, so they read as one set: a 400×300
card, a mat, a stick figure with the same proportions, the start position as
a pale "ghost", the end position dark, and orange arrows for the movement.
In side views the limbs nearer the viewer are dark and the far ones a lighter
blue-grey; in front and end views both sides are dark.

A figure is built from joints in "figure units" (y up, the floor at y = 0):
limbs are chained from absolute angles (degrees, 0 = pointing right, 90 = up)
or solved as two-link limbs reaching for a point, so hands and feet that bear
weight land exactly on the floor. Each scene (start and end figure, arrows,
props) is then scaled to fill the card with a margin; the scale is capped so
that figures keep the same size from picture to picture as far as the card
allows, and the whole figure — stroke widths and head included — is scaled
together, so it is the same person in every picture.

Exercises done on one side are drawn for the LEFT side: the near limbs are
the figure's left (upright figures face left, figures on their back lie with
the head to the right, end views look from the feet so the figure's left is
on the right). The app mirrors the picture for the right side.

    .venv/bin/python tools/make_illustrations.py            # write the SVGs
    .venv/bin/python tools/make_illustrations.py --png DIR  # and PNG previews
"""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "assets" / "images"

Point = tuple[float, float]

# ---------------------------------------------------------------- the card

W, H = 400, 300
MARGIN = 18.0  # px between the drawing and the card's edge
MAT_H = 12.0  # px thickness of the mat under the floor line
MAX_SCALE = 1.55  # px per figure unit, at most (lying figures hit this cap)

# Palette: chosen so that in greyscale the tones stay apart
# (figure ≈ 20 %, arrow ≈ 35 %, far limbs ≈ 55 %, ghost ≈ 82 % luma).
INK = "#1d3557"
FAR = "#7890a8"
GHOST = "#cbd3dc"
ARROW = "#c2410c"
MAT = "#e4eaf0"
MAT_EDGE = "#9fb0c1"
CARD_EDGE = "#d5dce4"
PROP = "#b8c4d0"
ICE = "#9ec5e6"
WALL_W = 22.0  # px
HEAT = "#f0a36b"

ARROW_W = 5.0  # px, arrows keep their size whatever the figure's scale
ARROW_HEAD = 16.0

# ---------------------------------------------------------------- the figure (units)

TORSO = 70.0
UPPER_ARM = 40.0
FOREARM = 38.0
THIGH = 54.0
SHIN = 52.0
FOOT = 14.0
HEAD_R = 13.0
NECK = 8.0  # gap between the end of the torso line and the head
LIMB_W = 11.0
TORSO_W = 19.0
HAND_R = 6.5
HALO = 3.5  # white outline around dark limbs so crossings stay readable
SHOULDER_DROP = 4.0  # the arms hang from just below the top of the torso line

LR = LIMB_W / 2  # a limb resting on the floor has its centre line this high
TR = TORSO_W / 2


def add(a: Point, b: Point) -> Point:
    return (a[0] + b[0], a[1] + b[1])


def sub(a: Point, b: Point) -> Point:
    return (a[0] - b[0], a[1] - b[1])


def mul(a: Point, k: float) -> Point:
    return (a[0] * k, a[1] * k)


def norm(a: Point) -> float:
    return math.hypot(a[0], a[1])


def unit(a: Point) -> Point:
    n = norm(a)
    return (a[0] / n, a[1] / n) if n else (1.0, 0.0)


def left_normal(a: Point) -> Point:
    return (-a[1], a[0])


def polar(angle: float, length: float) -> Point:
    rad = math.radians(angle)
    return (length * math.cos(rad), length * math.sin(rad))


def lerp(a: Point, b: Point, t: float) -> Point:
    return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)


def quad(a: Point, c: Point, b: Point, t: float) -> Point:
    return lerp(lerp(a, c, t), lerp(c, b, t), t)


def reach(base: Point, target: Point, l1: float, l2: float, bend: int) -> tuple[Point, Point]:
    """Middle joint and tip of a two-link limb from ``base`` toward ``target``.

    ``bend`` +1 puts the middle joint to the left of the base→target line, -1
    to the right. A target out of reach is approached as far as the limb goes.
    """
    d = sub(target, base)
    dist = max(1e-6, min(norm(d), l1 + l2 - 1e-6))
    along = (l1 * l1 - l2 * l2 + dist * dist) / (2 * dist)
    across = math.sqrt(max(0.0, l1 * l1 - along * along))
    u = unit(d)
    mid = add(base, add(mul(u, along), mul(left_normal(u), across * bend)))
    return mid, add(mid, mul(unit(sub(target, mid)), l2))


@dataclass
class Body:
    """The joints of one figure. Build it, then add limbs with the methods.

    ``arch`` bulges the spine sideways (units, to the left of hip→shoulder);
    ``spine`` gives the curve's control point outright. ``head`` is the neck's
    direction (degrees) or the head's centre. ``widths`` (shoulder, hip half
    widths) make a front or end view, where the near/far sides are both dark.
    """

    hip: Point
    shoulder: Point
    arch: float = 0.0
    spine: Point | None = None
    head: float | Point | None = None
    widths: tuple[float, float] | None = None
    far_light: bool = False  # far limbs in the lighter tone even with widths
    j: dict[str, Point] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)  # drawing order override

    def __post_init__(self) -> None:
        j = self.j
        j["hip"], j["shoulder"] = self.hip, self.shoulder
        t = unit(sub(self.shoulder, self.hip))
        mid = lerp(self.hip, self.shoulder, 0.5)
        if self.spine is None:
            self.spine = add(mid, mul(left_normal(t), 2 * self.arch))
        end_dir = unit(sub(self.shoulder, self.spine))
        if self.head is None:
            j["head"] = add(self.shoulder, mul(end_dir, TR + NECK + HEAD_R - 4))
        elif isinstance(self.head, (int, float)):
            j["head"] = add(self.shoulder, polar(float(self.head), TR + NECK + HEAD_R - 4))
        else:
            j["head"] = self.head
        if self.widths is None:
            root = sub(self.shoulder, mul(end_dir, SHOULDER_DROP))
            for side in ("near", "far"):
                j[f"{side}_shoulder"] = root
                j[f"{side}_hip"] = self.hip
        else:
            sw, hw = self.widths
            n_top = left_normal(end_dir)
            n_bottom = left_normal(unit(sub(self.spine, self.hip)))
            # Front view: the figure's left ("near") is on the viewer's right.
            for side, sign in (("near", -1.0), ("far", 1.0)):
                j[f"{side}_shoulder"] = add(self.shoulder, mul(n_top, sign * sw))
                j[f"{side}_hip"] = add(self.hip, mul(n_bottom, sign * hw))

    @property
    def front(self) -> bool:
        return self.widths is not None

    def arm(self, side: str, upper: float, lower: float) -> Body:
        elbow = add(self.j[f"{side}_shoulder"], polar(upper, UPPER_ARM))
        self.j[f"{side}_elbow"] = elbow
        self.j[f"{side}_hand"] = add(elbow, polar(lower, FOREARM))
        return self

    def arm_to(self, side: str, target: Point, bend: int = 1) -> Body:
        elbow, hand = reach(self.j[f"{side}_shoulder"], target, UPPER_ARM, FOREARM, bend)
        self.j[f"{side}_elbow"], self.j[f"{side}_hand"] = elbow, hand
        return self

    def leg(self, side: str, upper: float, lower: float, foot: float) -> Body:
        knee = add(self.j[f"{side}_hip"], polar(upper, THIGH))
        ankle = add(knee, polar(lower, SHIN))
        self.j[f"{side}_knee"], self.j[f"{side}_ankle"] = knee, ankle
        self.j[f"{side}_toe"] = add(ankle, polar(foot, FOOT))
        return self

    def leg_to(self, side: str, target: Point, bend: int, foot: float) -> Body:
        knee, ankle = reach(self.j[f"{side}_hip"], target, THIGH, SHIN, bend)
        self.j[f"{side}_knee"], self.j[f"{side}_ankle"] = knee, ankle
        self.j[f"{side}_toe"] = add(ankle, polar(foot, FOOT))
        return self

    def legs_both(self, upper: float, lower: float, foot: float, spread: float = 2.0) -> Body:
        self.leg("far", upper + spread, lower + spread, foot)
        return self.leg("near", upper, lower, foot)

    def moved(self, dx: float, dy: float) -> Body:
        """The same body shifted (its limbs included)."""
        shift = (dx, dy)
        other = Body(
            add(self.hip, shift),
            add(self.shoulder, shift),
            spine=add(self.spine, shift) if self.spine else None,
            head=add(self.j["head"], shift),
            widths=self.widths,
            order=list(self.order),
        )
        other.j = {k: add(p, shift) for k, p in self.j.items()}
        return other

    def points(self) -> Iterable[tuple[Point, float]]:
        """Every drawn point with the radius of what is drawn there (for bounds)."""
        for name, p in self.j.items():
            if name == "head":
                yield p, HEAD_R + HALO
            elif name in ("hip", "shoulder"):
                yield p, TR
            elif name.endswith("hand"):
                yield p, HAND_R
            else:
                yield p, LR
        assert self.spine is not None
        yield quad(self.hip, self.spine, self.shoulder, 0.5), TR


# ---------------------------------------------------------------- scenes


@dataclass
class Arrow:
    """A movement arrow in figure units; ``bend`` bulges it (units, left of a→b)."""

    a: Point
    b: Point
    bend: float = 0.0
    both: bool = False

    def control(self) -> Point:
        mid = lerp(self.a, self.b, 0.5)
        return add(mid, mul(left_normal(unit(sub(self.b, self.a))), 2 * self.bend))

    def points(self) -> Iterable[tuple[Point, float]]:
        c = self.control()
        for i in range(9):
            yield quad(self.a, c, self.b, i / 8), 4.0


@dataclass
class Circle:
    """A circular arrow: an arc around ``center`` ending in an arrowhead."""

    center: Point
    r: float
    start: float
    sweep: float

    def path(self) -> list[Point]:
        return [
            add(self.center, polar(self.start + self.sweep * i / 32, self.r)) for i in range(33)
        ]

    def points(self) -> Iterable[tuple[Point, float]]:
        for p in self.path():
            yield p, 6.0


class Canvas:
    """Maps figure units to card pixels and collects SVG elements."""

    def __init__(self, s: float, ox: float, oy: float) -> None:
        self.s, self.ox, self.oy = s, ox, oy
        self.items: list[str] = []

    def xy(self, p: Point) -> Point:
        return (self.ox + self.s * p[0], self.oy - self.s * p[1])

    def fmt(self, p: Point) -> str:
        x, y = self.xy(p)
        return f"{x:.1f},{y:.1f}"

    def path(self, d: str, color: str, width: float, extra: str = "") -> None:
        self.items.append(
            f'<path d="{d}" fill="none" stroke="{color}" stroke-width="{width:.1f}" '
            f'stroke-linecap="round" stroke-linejoin="round"{extra}/>'
        )

    def line(self, pts: list[Point], color: str, width: float) -> None:
        """A polyline; ``width`` in figure units."""
        self.path("M" + " L".join(self.fmt(p) for p in pts), color, width * self.s)

    def curve(self, a: Point, c: Point, b: Point, color: str, width: float) -> None:
        self.path(f"M{self.fmt(a)} Q{self.fmt(c)} {self.fmt(b)}", color, width * self.s)

    def circle(self, c: Point, r: float, fill: str) -> None:
        x, y = self.xy(c)
        self.items.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r * self.s:.1f}" fill="{fill}"/>')

    def polygon(self, pts: list[Point], fill: str, stroke: str = "none", sw: float = 0.0) -> None:
        self.items.append(
            f'<polygon points="{" ".join(self.fmt(p) for p in pts)}" fill="{fill}" '
            f'stroke="{stroke}" stroke-width="{sw:.1f}" stroke-linejoin="round"/>'
        )

    def px_polygon(self, pts: list[Point], fill: str) -> None:
        self.items.append(
            f'<polygon points="{" ".join(f"{x:.1f},{y:.1f}" for x, y in pts)}" fill="{fill}"/>'
        )


@dataclass
class Scene:
    """One picture: start (ghost) and end (solid) figures, arrows and props."""

    title: str
    solid: list[Body]
    ghost: list[Body] = field(default_factory=list)
    arrows: list[Arrow] = field(default_factory=list)
    circles: list[Circle] = field(default_factory=list)
    # props are drawn behind (back) or in front of the figures; each is a
    # function drawing on the canvas and the points (units) it covers.
    back: list[Prop] = field(default_factory=list)
    front: list[Prop] = field(default_factory=list)
    mat: bool = True  # the side-view mat under y = 0 (end views draw their own floor)
    max_scale: float = MAX_SCALE

    def bounds(self) -> tuple[float, float, float, float]:
        pts: list[tuple[Point, float]] = []
        for body in [*self.ghost, *self.solid]:
            pts += body.points()
        for arrow in self.arrows:
            pts += arrow.points()
        for circle in self.circles:
            pts += circle.points()
        for prop in [*self.back, *self.front]:
            pts += [(p, 0.0) for p in prop.covers]
        x0 = min(p[0] - r for p, r in pts)
        x1 = max(p[0] + r for p, r in pts)
        y0 = min(p[1] - r for p, r in pts)
        y1 = max(p[1] + r for p, r in pts)
        if self.mat:
            y0 = min(y0, 0.0)
        return x0, x1, y0, y1

    def layout(self) -> Canvas:
        x0, x1, y0, y1 = self.bounds()
        below = MAT_H if self.mat else 0.0
        avail_w = W - 2 * MARGIN
        avail_h = H - 2 * MARGIN - below
        s = min(self.max_scale, avail_w / (x1 - x0), avail_h / (y1 - y0))
        ox = W / 2 - s * (x0 + x1) / 2
        top = (H - s * (y1 - y0) - below) / 2  # centred vertically, mat included
        oy = top + s * y1
        return Canvas(s, ox, oy)

    def svg(self) -> str:
        cv = self.layout()
        for prop in self.back:
            prop.draw(cv)
        if self.mat:
            _, y = cv.xy((0.0, 0.0))
            cv.items.append(
                f'<rect x="{MARGIN:.1f}" y="{y:.1f}" width="{W - 2 * MARGIN:.1f}" '
                f'height="{MAT_H:.1f}" rx="6" fill="{MAT}" stroke="{MAT_EDGE}" '
                'stroke-width="1.5"/>'
            )
        for body in self.ghost:
            draw_body(cv, body, ghost=True)
        for body in self.solid:
            draw_body(cv, body, ghost=False)
        for prop in self.front:
            prop.draw(cv)
        for arrow in self.arrows:
            draw_arrow(cv, arrow)
        for circle in self.circles:
            draw_circle(cv, circle)
        body_svg = "\n  ".join(cv.items)
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" version="1.2" baseProfile="tiny" '
            f'width="{W}" height="{H}" viewBox="0 0 {W} {H}">\n'
            f"  <title>{self.title}</title>\n"
            f'  <rect x="1" y="1" width="{W - 2}" height="{H - 2}" rx="16" fill="#ffffff" '
            f'stroke="{CARD_EDGE}" stroke-width="2"/>\n'
            f"  {body_svg}\n</svg>\n"
        )


@dataclass
class Prop:
    """Something that is not the figure: a wall, a chair, a pack, a floor."""

    draw: Callable[[Canvas], None]
    covers: list[Point]


# ---------------------------------------------------------------- drawing


def draw_body(cv: Canvas, body: Body, ghost: bool) -> None:
    j = body.j
    ink = GHOST if ghost else INK
    far = GHOST if ghost else (INK if body.front and not body.far_light else FAR)
    halo = not ghost

    def limb(side: str, kind: str) -> None:
        if kind == "arm":
            if f"{side}_hand" not in j:
                return
            pts = [j[f"{side}_shoulder"], j[f"{side}_elbow"], j[f"{side}_hand"]]
        else:
            if f"{side}_ankle" not in j:
                return
            pts = [j[f"{side}_hip"], j[f"{side}_knee"], j[f"{side}_ankle"], j[f"{side}_toe"]]
        color = ink if side == "near" else far
        dark = halo and (side == "near" or (body.front and not body.far_light))
        if dark:
            cv.line(pts, "#ffffff", LIMB_W + 2 * HALO)
            if kind == "arm":
                cv.circle(pts[-1], HAND_R + HALO, "#ffffff")
        cv.line(pts, color, LIMB_W)
        if kind == "arm":
            cv.circle(pts[-1], HAND_R, color)

    def torso() -> None:
        assert body.spine is not None
        if halo:
            cv.circle(j["head"], HEAD_R + HALO, "#ffffff")
        cv.curve(body.hip, body.spine, body.shoulder, ink, TORSO_W)
        if body.front:
            cv.line([j["near_shoulder"], j["far_shoulder"]], ink, LIMB_W + 2)
            cv.line([j["near_hip"], j["far_hip"]], ink, LIMB_W + 2)
        cv.circle(j["head"], HEAD_R, ink)

    parts: dict[str, Callable[[], None]] = {
        "far_leg": lambda: limb("far", "leg"),
        "far_arm": lambda: limb("far", "arm"),
        "near_leg": lambda: limb("near", "leg"),
        "near_arm": lambda: limb("near", "arm"),
        "torso": torso,
    }
    for name in body.order or ["far_leg", "far_arm", "torso", "near_leg", "near_arm"]:
        parts[name]()


def _head(cv: Canvas, end: Point, direction: Point) -> Point:
    """Draw an arrowhead (px) at ``end`` pointing along ``direction``; return its base."""
    t = unit(direction)
    n = left_normal(t)
    base = sub(end, mul(t, ARROW_HEAD))
    cv.px_polygon(
        [add(end, mul(t, 2)), add(base, mul(n, 8.5)), sub(base, mul(n, 8.5))],
        ARROW,
    )
    return add(base, mul(t, 2))


def draw_arrow(cv: Canvas, arrow: Arrow) -> None:
    a, c, b = cv.xy(arrow.a), cv.xy(arrow.control()), cv.xy(arrow.b)
    b2 = _head(cv, b, sub(b, c))
    a2 = _head(cv, a, sub(a, c)) if arrow.both else a
    cv.path(
        f"M{a2[0]:.1f},{a2[1]:.1f} Q{c[0]:.1f},{c[1]:.1f} {b2[0]:.1f},{b2[1]:.1f}",
        ARROW,
        ARROW_W,
    )


def draw_circle(cv: Canvas, circle: Circle) -> None:
    pts = [cv.xy(p) for p in circle.path()]
    base = _head(cv, pts[-1], sub(pts[-1], pts[-3]))
    cv.path(
        "M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in [*pts[:-3], base]),
        ARROW,
        ARROW_W,
    )


# ---------------------------------------------------------------- props


def wall(x: float, height: float) -> Prop:
    """A wall standing on the floor at ``x`` (its face), reaching the card's top."""

    def draw(cv: Canvas) -> None:
        left, floor = cv.xy((x, 0.0))
        cv.items.append(
            f'<rect x="{left:.1f}" y="{MARGIN - 6:.1f}" width="{WALL_W:.1f}" '
            f'height="{floor - MARGIN + 6:.1f}" fill="{PROP}" opacity="0.55"/>'
        )
        cv.items.append(
            f'<path d="M{left:.1f},{MARGIN - 6:.1f} L{left:.1f},{floor:.1f}" '
            f'stroke="{MAT_EDGE}" stroke-width="2.5"/>'
        )

    return Prop(draw, [(x, 0.0), (x + 14, height)])


def chair(seat: Point, depth: float) -> Prop:
    """A chair seen from the side, seat front at ``seat``, back away to the left."""
    x, y = seat
    lines = [
        [(x, y), (x - depth, y)],
        [(x - 4, y), (x - 4, 0.0)],
        [(x - depth + 4, y), (x - depth + 4, 0.0)],
        [(x - depth + 2, y), (x - depth - 6, y + 62)],
    ]

    def draw(cv: Canvas) -> None:
        for pts in lines:
            cv.line(list(pts), PROP, 8)

    return Prop(draw, [p for pts in lines for p in pts])


def pack(x0: float, x1: float, kind: str) -> Prop:
    color = ICE if kind == "ice" else HEAT

    def draw(cv: Canvas) -> None:
        a, b = cv.xy((x0, 11.0)), cv.xy((x1, -1.0))
        cv.items.append(
            f'<rect x="{a[0]:.1f}" y="{a[1]:.1f}" width="{b[0] - a[0]:.1f}" '
            f'height="{b[1] - a[1]:.1f}" rx="5" fill="{color}" stroke="{INK}" '
            'stroke-width="2"/>'
        )

    return Prop(draw, [(x0, 11.0), (x1, 0.0)])


def snowflake(c: Point, r: float) -> Prop:
    def draw(cv: Canvas) -> None:
        for angle in (90.0, 30.0, 150.0):
            a, b = add(c, polar(angle, r)), add(c, polar(angle + 180, r))
            cv.path(f"M{cv.fmt(a)} L{cv.fmt(b)}", ARROW, 4.5)
            for end, direction in ((a, angle), (b, angle + 180)):
                tip = lerp(c, end, 0.62)
                for side in (-40.0, 40.0):
                    twig = add(tip, polar(direction + side, r * 0.35))
                    cv.path(f"M{cv.fmt(tip)} L{cv.fmt(twig)}", ARROW, 3.5)

    return Prop(draw, [add(c, (-r, -r)), add(c, (r, r))])


def heat_waves(c: Point, r: float) -> Prop:
    def draw(cv: Canvas) -> None:
        for dx in (-r * 0.7, 0.0, r * 0.7):
            pts = [
                (c[0] + dx + r * 0.22 * math.sin(i / 2.2), c[1] - r + i * 2 * r / 14)
                for i in range(15)
            ]
            cv.path("M" + " L".join(cv.fmt(p) for p in pts), ARROW, 4.5)

    return Prop(draw, [add(c, (-r, -r)), add(c, (r, r))])


# ---------------------------------------------------------------- positions (side view)


def supine_bent(feet_x: float = -66.0) -> Body:
    """On the back, head to the right, knees bent and feet flat, arms by the sides."""
    b = Body((0.0, TR), (TORSO, TR), head=(TORSO + TR + NECK + HEAD_R - 4, HEAD_R))
    b.leg_to("far", (feet_x + 3, LR), -1, 180.0)
    b.leg_to("near", (feet_x, LR), -1, 180.0)
    b.arm("far", 182.0, 180.0)
    b.arm("near", 183.0, 180.0)
    b.order = ["far_leg", "far_arm", "near_arm", "torso", "near_leg"]
    return b


def all_fours(arch: float = 0.0, head: float | None = None) -> Body:
    """On hands and knees facing left: hands under shoulders, knees under hips."""
    knee = (0.0, LR)
    hip = (knee[0] + 2, knee[1] + THIGH)
    shoulder_y = LR + UPPER_ARM + FOREARM - 4 + SHOULDER_DROP
    shoulder = (hip[0] - math.sqrt(TORSO**2 - (shoulder_y - hip[1]) ** 2), shoulder_y)
    b = Body(hip, shoulder, arch=arch, head=head if head is not None else 186.0)
    b.leg_to("far", (knee[0] + SHIN + 2, LR), -1, 0.0)
    b.leg_to("near", (knee[0] + SHIN, LR), -1, 0.0)
    b.arm_to("far", (b.j["far_shoulder"][0] + 3, HAND_R), 1)
    b.arm_to("near", (b.j["near_shoulder"][0], HAND_R), 1)
    return b


def standing(lean: float = 90.0, head: float | None = None) -> Body:
    """Standing facing left, arms hanging."""
    hip = (0.0, LR + SHIN + THIGH)
    b = Body(hip, add(hip, polar(lean, TORSO)), head=head if head is not None else lean + 2)
    b.leg("far", 272.0, 270.0, 180.0)
    b.leg("near", 268.0, 270.0, 180.0)
    b.arm("far", 275.0, 268.0)
    b.arm("near", 266.0, 272.0)
    return b


# ---------------------------------------------------------------- exercises


def kneeling_fold(hip_back: float, shoulder: Point, arch: float, head: float | Point) -> Body:
    """Kneeling with shins on the mat (knee at the origin), the trunk folded forward."""
    hip = (hip_back, LR + math.sqrt(THIGH**2 - hip_back**2))
    b = Body(hip, shoulder, arch=arch, head=head)
    b.leg_to("far", (SHIN + 2, LR), -1, 0.0)
    b.leg_to("near", (SHIN, LR), -1, 0.0)
    return b


def prayer_stretch() -> Scene:
    start = all_fours()
    end = kneeling_fold(40.0, (-24.0, 38.0), -3.0, 222.0)
    sh = end.j["near_shoulder"]
    reach_x = sh[0] - math.sqrt((UPPER_ARM + FOREARM - 1) ** 2 - (sh[1] - HAND_R) ** 2)
    end.arm_to("far", (reach_x - 3, HAND_R), 1)
    end.arm_to("near", (reach_x, HAND_R), 1)
    # The head lies between the arms: draw it over them so it stays visible.
    end.order = ["far_leg", "far_arm", "near_leg", "near_arm", "torso"]
    return Scene(
        "Prayer stretch",
        [end],
        [start],
        arrows=[
            Arrow(add(start.hip, (16, 10)), add(end.hip, (22, 18)), -10),
            Arrow(add(end.j["near_hand"], (-2, 22)), add(end.j["near_hand"], (-40, 22))),
        ],
    )


def childs_pose() -> Scene:
    start = all_fours()
    end = kneeling_fold(47.0, (-14.0, 22.0), -9.0, (-33.0, HEAD_R))
    # Arms lie straight back along the legs, hands by the feet.
    end.arm_to("far", (SHIN + 16, HAND_R), -1)
    end.arm_to("near", (SHIN + 14, HAND_R), -1)
    end.order = ["far_leg", "far_arm", "near_leg", "torso", "near_arm"]
    return Scene(
        "Child's pose",
        [end],
        [start],
        arrows=[Arrow(add(start.hip, (16, 10)), add(end.hip, (24, 16)), -10)],
    )


def cat_cow() -> Scene:
    cat = all_fours(arch=-17.0, head=235.0)
    cow = all_fours(arch=13.0, head=150.0)
    assert cat.spine is not None and cow.spine is not None
    top = quad(cat.hip, cat.spine, cat.shoulder, 0.5)
    belly = quad(cow.hip, cow.spine, cow.shoulder, 0.5)
    return Scene(
        "Cat-cow: back rounded up (cat), then sagging down (cow)",
        [cat],
        [cow],
        arrows=[
            Arrow(add(top, (8, TR + 6)), add(top, (8, TR + 40))),
            Arrow(add(belly, (-8, -TR - 6)), add(belly, (-8, -TR - 30))),
        ],
    )


def bird_dog() -> Scene:
    start = all_fours()
    end = all_fours(head=194.0)
    # The left (near) leg reaches back and the right (far) arm forward, both level.
    end.leg("near", 356.0, 0.0, 350.0)
    end.arm("far", 170.0, 172.0)
    return Scene(
        "Bird dog",
        [end],
        [start],
        arrows=[
            Arrow(add(start.j["near_ankle"], (10, 30)), add(end.j["near_toe"], (-6, 24)), -6),
            Arrow(add(start.j["far_elbow"], (-14, 24)), add(end.j["far_hand"], (6, 24)), 6),
        ],
    )


def knees_hugged(both: bool) -> Body:
    b = supine_bent()
    b.leg("near", 64.0, 190.0, 100.0)
    if both:
        # The right leg follows the left one, just behind it, so both show.
        b.leg("far", 64.0, 190.0, 100.0)
        for joint in ("far_knee", "far_ankle", "far_toe"):
            b.j[joint] = add(b.j[joint], (-9.0, 11.0))
    # Hands round the shins just below the knees; the elbows point out toward
    # the viewer, so from the side the arm looks almost straight.
    for side in ("far", "near"):
        knee, ankle = b.j[f"{side}_knee"], b.j[f"{side}_ankle"]
        hand = lerp(knee, ankle, 0.2)
        root = b.j[f"{side}_shoulder"]
        d = sub(hand, root)
        b.j[f"{side}_elbow"] = add(lerp(root, hand, 0.5), mul(left_normal(unit(d)), -6))
        b.j[f"{side}_hand"] = hand
    b.order = ["far_leg", "far_arm", "torso", "near_leg", "near_arm"]
    return b


def single_knee_to_chest() -> Scene:
    start = supine_bent()
    end = knees_hugged(both=False)
    return Scene(
        "Single knee to chest",
        [end],
        [start],
        arrows=[Arrow(add(start.j["near_knee"], (8, 18)), add(end.j["near_knee"], (-14, 22)), 16)],
    )


def double_knee_to_chest() -> Scene:
    start = supine_bent()
    end = knees_hugged(both=True)
    return Scene(
        "Double knee to chest",
        [end],
        [start],
        arrows=[Arrow(add(start.j["near_knee"], (8, 18)), add(end.j["far_knee"], (-14, 22)), 16)],
    )


def pelvic_tilt() -> Scene:
    # Start: the small of the back arched off the mat; end: pressed flat.
    start = supine_bent()
    start.spine = (TORSO * 0.45, TR + 30)
    end = supine_bent()
    # Elbows on the mat, hands resting on the stomach.
    for side, dx in (("far", 2.0), ("near", 0.0)):
        end.j[f"{side}_elbow"] = (36.0 + dx, LR)
        end.j[f"{side}_hand"] = (16.0 + dx, TR + 10)
    end.order = ["far_leg", "far_arm", "torso", "near_leg", "near_arm"]
    gap = quad(start.hip, start.spine, start.shoulder, 0.5)
    return Scene(
        "Pelvic tilt: press the small of the back flat",
        [end],
        [start],
        arrows=[Arrow(add(gap, (6, 60)), add(gap, (6, TR + 4)))],
    )


def bridge() -> Scene:
    start = supine_bent()
    # Shoulders stay down; shoulders, hips and knees make one straight line
    # and the shins stand upright over the feet.
    shoulder = (TORSO - 2, TR)
    knee_y = LR + SHIN - 1
    span = TORSO + THIGH
    knee = (shoulder[0] - math.sqrt(span**2 - (knee_y - shoulder[1]) ** 2), knee_y)
    hip = lerp(shoulder, knee, TORSO / span)
    end = Body(hip, shoulder, head=(shoulder[0] + TR + NECK + HEAD_R - 4, HEAD_R))
    feet = (knee[0] - 4, LR)
    end.leg_to("far", add(feet, (3, 0)), -1, 180.0)
    end.leg_to("near", feet, -1, 180.0)
    end.arm("far", 181.0, 180.0)
    end.arm_to("near", (shoulder[0] - UPPER_ARM - FOREARM + 4, HAND_R), -1)
    return Scene(
        "Bridge",
        [end],
        [start],
        arrows=[Arrow(add(end.hip, (4, TR + 8)), add(end.hip, (4, TR + 40)))],
    )


def partial_crunch() -> Scene:
    start = supine_bent()
    # The lower back stays down; only the head and shoulders curl up.
    shoulder = add((36.0, TR), polar(30.0, TORSO - 35))
    end = Body((0.0, TR), shoulder, spine=(34.0, TR), head=40.0)
    end.leg_to("far", (-63.0, LR), -1, 180.0)
    end.leg_to("near", (-66.0, LR), -1, 180.0)
    # Arms crossed over the chest: elbow down the chest, hand at the other shoulder.
    t = unit(sub(shoulder, end.spine or shoulder))
    n = left_normal(t)
    for side, k in (("far", 0.0), ("near", 3.0)):
        root = end.j[f"{side}_shoulder"]
        end.j[f"{side}_elbow"] = add(root, add(mul(t, -26 + k), mul(n, TR + 4 + k)))
        end.j[f"{side}_hand"] = add(root, add(mul(t, 2 + k), mul(n, TR + 7 + k)))
    head = end.j["head"]
    return Scene(
        "Partial crunch",
        [end],
        [start],
        arrows=[Arrow(add(start.j["head"], (22, 10)), add(head, (22, 14)), 10)],
    )


def plank() -> Scene:
    # Start: lying face down. End: on forearms and toes, body in one line.
    start = Body((0.0, TR), (-TORSO, TR), head=(-TORSO - TR - NECK - HEAD_R + 4, HEAD_R))
    start.leg("far", 0.0, 0.0, 270.0)
    start.leg("near", 1.0, 0.0, 270.0)
    start.arm("far", 180.0, 180.0)
    start.arm("near", 182.0, 180.0)
    toe = (THIGH + SHIN + 10, LR)
    elbow_y = LR
    shoulder = (-TORSO + 6, elbow_y + UPPER_ARM + SHOULDER_DROP)
    ankle_guess = (toe[0] - 2, toe[1] + FOOT - 2)
    u = unit(sub(shoulder, ankle_guess))
    hip = sub(shoulder, mul(u, TORSO))
    end = Body(hip, shoulder, head=180.0 + math.degrees(math.atan2(u[1], -u[0])) * -1)
    end.leg_to("far", add(ankle_guess, (2, 0)), 1, 262.0)
    end.leg_to("near", ankle_guess, 1, 262.0)
    sh = end.j["near_shoulder"]
    end.arm("far", 272.0, 180.0)
    end.arm_to("near", (sh[0], elbow_y), 1)
    end.j["near_elbow"] = (sh[0], elbow_y)
    end.j["near_hand"] = (sh[0] - FOREARM, elbow_y)
    end.j["far_elbow"] = (sh[0] + 2, elbow_y)
    end.j["far_hand"] = (sh[0] + 2 - FOREARM, elbow_y)
    belly = lerp(end.hip, end.shoulder, 0.45)
    return Scene(
        "Plank (on forearms)",
        [end],
        [start],
        arrows=[Arrow((belly[0], 2.0), (belly[0], belly[1] - TR - 3))],
    )


def wall_sit() -> Scene:
    wall_x = 14.0
    hip_x = wall_x - TR - 1
    feet_x = hip_x - THIGH - 6
    start = Body((hip_x, LR + SHIN + THIGH - 6), (hip_x, LR + SHIN + THIGH - 6 + TORSO), head=90.0)
    start.leg_to("far", (feet_x + 2, LR + 1), -1, 180.0)
    start.leg_to("near", (feet_x, LR), -1, 180.0)
    start.arm("far", 272.0, 270.0)
    start.arm("near", 270.0, 272.0)
    hip = (hip_x, LR + SHIN + 4)
    end = Body(hip, add(hip, (0.0, TORSO)), head=90.0)
    end.leg_to("far", (feet_x + 2, LR + 1), -1, 180.0)
    end.leg_to("near", (feet_x, LR), -1, 180.0)
    end.arm("far", 268.0, 262.0)
    end.arm("near", 264.0, 258.0)
    return Scene(
        "Wall sit",
        [end],
        [start],
        arrows=[Arrow(add(start.hip, (-TR - 18, 0)), add(end.hip, (-TR - 18, 0)))],
        back=[wall(wall_x, start.j["head"][1] + HEAD_R)],
    )


def standing_back_extension() -> Scene:
    def lean(angle: float, head: float, push: float) -> Body:
        hip = (push, LR + SHIN + THIGH - 1)
        b = Body(hip, add(hip, polar(angle, TORSO)), head=head)
        b.leg_to("far", (2.0, LR), -1, 180.0)
        b.leg_to("near", (0.0, LR), -1, 180.0)
        # Hands on the back of the hips, elbows pointing back.
        back_of_hip = add(hip, add(polar(angle - 90, TR + 3), polar(angle, 14)))
        b.arm_to("far", add(back_of_hip, (-2, 2)), 1)
        b.arm_to("near", back_of_hip, 1)
        return b

    start = lean(90.0, 92.0, 0.0)
    end = lean(66.0, 52.0, -8.0)
    return Scene(
        "Standing back extension",
        [end],
        [start],
        arrows=[Arrow(add(start.j["head"], (8, 26)), add(end.j["head"], (24, 14)), -8)],
    )


def march_in_place() -> Scene:
    start = standing()
    end = standing()
    end.leg("near", 180.0, 268.0, 180.0)
    end.arm("far", 232.0, 160.0)
    end.arm("near", 296.0, 280.0)
    return Scene(
        "March in place",
        [end],
        [start],
        arrows=[Arrow(add(start.j["near_knee"], (-30, 0)), add(end.j["near_knee"], (-22, 18)), -8)],
    )


def hamstring_stretch() -> Scene:
    start = supine_bent()
    end = supine_bent()
    end.leg("near", 84.0, 84.0, 354.0)
    thigh = lerp(end.j["near_hip"], end.j["near_knee"], 0.75)
    end.arm_to("far", add(thigh, (-6, 2)), 1)
    end.arm_to("near", add(thigh, (-8, 0)), 1)
    end.order = ["far_leg", "far_arm", "torso", "near_leg", "near_arm"]
    return Scene(
        "Hamstring stretch",
        [end],
        [start],
        arrows=[Arrow(add(start.j["near_toe"], (-6, 24)), add(end.j["near_toe"], (-22, -4)), -22)],
    )


def hip_flexor_stretch() -> Scene:
    def half_kneel(shift: float) -> Body:
        back_knee = (0.0, LR)
        hip = (back_knee[0] - shift, LR + math.sqrt(THIGH**2 - shift**2))
        b = Body(hip, add(hip, (0.0, TORSO)), head=90.0)
        front_foot = (hip[0] - THIGH + 2 - shift * 0.4, LR)
        b.leg_to("far", front_foot, -1, 180.0)
        b.leg_to("near", back_knee, 1, 0.0)
        b.j["near_knee"] = back_knee
        b.j["near_ankle"] = add(back_knee, (SHIN, 0.0))
        b.j["near_toe"] = add(b.j["near_ankle"], (FOOT, 0.0))
        b.arm_to("far", add(hip, (6, 12)), 1)
        b.arm_to("near", add(hip, (4, 10)), 1)
        return b

    start = half_kneel(0.0)
    end = half_kneel(24.0)
    return Scene(
        "Hip flexor stretch",
        [end],
        [start],
        arrows=[Arrow(add(start.hip, (28, 0)), add(end.hip, (-26, 0)))],
    )


def _pack(kind: str) -> Scene:
    """Lying on the back, lower legs on a chair, a pack under the lower back."""
    b = supine_bent()
    b.leg("far", 92.0, 181.0, 92.0)
    b.leg("near", 90.0, 180.0, 90.0)
    for side, dx in (("far", 2.0), ("near", 0.0)):
        b.j[f"{side}_elbow"] = (40.0 + dx, LR - 6)
        b.j[f"{side}_hand"] = (20.0 + dx, TR + 10)
    b.order = ["far_leg", "far_arm", "torso", "near_leg", "near_arm"]
    knee = b.j["near_knee"]
    seat = (knee[0] - 4, knee[1] - LR - 4)
    symbol_c = (22.0, 64.0)
    symbol = snowflake(symbol_c, 16) if kind == "ice" else heat_waves(symbol_c, 16)
    title = "Ice pack on the lower back" if kind == "ice" else "Heat pack on the lower back"
    return Scene(
        title,
        [b.moved(0.0, 6.0)],
        arrows=[],
        back=[chair(seat, 58.0)],
        front=[pack(4.0, 40.0, kind), symbol],
    )


def ice_pack() -> Scene:
    return _pack("ice")


def heat_pack() -> Scene:
    return _pack("heat")


# ---------------------------------------------------------------- front views


def front_standing() -> Body:
    hip = (0.0, LR + SHIN + THIGH)
    b = Body(hip, add(hip, (0.0, TORSO)), widths=(21.0, 10.0), head=90.0)
    b.leg("near", 272.0, 270.0, 0.0)
    b.leg("far", 268.0, 270.0, 180.0)
    return b


def standing_side_bend() -> Scene:
    start = front_standing()
    start.arm("near", 278.0, 272.0)
    start.arm("far", 262.0, 268.0)
    # The figure's left arm (on the viewer's right) goes up and over; the
    # trunk curves toward the viewer's left, the other hand slides down the thigh.
    hip = start.hip
    shoulder = add(hip, polar(114.0, TORSO - 2))
    end = Body(hip, shoulder, arch=-13.0, widths=(21.0, 10.0), head=128.0)
    end.leg("near", 272.0, 270.0, 0.0)
    end.leg("far", 268.0, 270.0, 180.0)
    end.arm("near", 104.0, 172.0)
    end.arm("far", 252.0, 274.0)
    return Scene(
        "Standing side bend (seen from the front)",
        [end],
        [start],
        arrows=[
            Arrow(add(start.j["near_shoulder"], (34, 34)), add(end.j["near_hand"], (-6, 26)), 20)
        ],
    )


def shoulder_rolls() -> Scene:
    end = front_standing()
    end.arm("near", 278.0, 272.0)
    end.arm("far", 262.0, 268.0)
    start = front_standing()
    start.j["near_shoulder"] = add(start.j["near_shoulder"], (0.0, 10.0))
    start.j["far_shoulder"] = add(start.j["far_shoulder"], (0.0, 10.0))
    start.arm("near", 278.0, 272.0)
    start.arm("far", 262.0, 268.0)
    return Scene(
        "Shoulder rolls (seen from the front)",
        [end],
        [start],
        circles=[
            Circle(add(end.j["near_shoulder"], (8, 4)), 20, 200.0, -300.0),
            Circle(add(end.j["far_shoulder"], (-8, 4)), 20, 340.0, 300.0),
        ],
    )


# ---------------------------------------------------------------- three-quarter views

Point3 = tuple[float, float, float]


@dataclass
class Camera:
    """A parallel projection of the figure lying on its back, seen from its
    left side and from above, so the floor shows as a strip with depth.

    3-D points are (x along the body, head to +x; y up; z toward the viewer,
    which is the figure's left). Nearer points are drawn lower and a little
    to the right, like a mat seen from above at an angle.
    """

    elevation: float = 50.0
    shear: float = 0.3

    def project(self, p: Point3) -> Point:
        e = math.radians(self.elevation)
        x, y, z = p
        return (x + self.shear * z, y * math.cos(e) - z * math.sin(e))


CAM = Camera()
HIP_HALF = 9.0
SHOULDER_HALF = 21.0


def bent_leg_3d(hip: Point3, ankle: Point3, roll: float) -> Point3:
    """The knee of a bent leg between ``hip`` and ``ankle``, turned ``roll``
    degrees from pointing up toward the viewer (+z) around the hip–ankle line."""
    d = tuple(ankle[i] - hip[i] for i in range(3))
    dist = math.sqrt(sum(c * c for c in d))
    along = (THIGH**2 - SHIN**2 + dist**2) / (2 * dist)
    up = math.sqrt(max(0.0, THIGH**2 - along**2))
    base = tuple(hip[i] + d[i] * along / dist for i in range(3))
    a = math.radians(roll)
    return (base[0], base[1] + up * math.cos(a), base[2] + up * math.sin(a))


def lying_3q(
    legs: dict[str, tuple[Point3, Point3, Point3]],
    arms_out: float = 60.0,
    head_turn: float = 0.0,
) -> Body:
    """A figure on its back in the three-quarter view; ``legs`` gives hip, knee,
    ankle per side (3-D), arms lie on the floor ``arms_out`` degrees from the body."""
    P = CAM.project
    hip = (0.0, TR, 0.0)
    shoulder = (TORSO, TR, 0.0)
    head = (TORSO + TR + NECK + HEAD_R - 4, HEAD_R, head_turn)
    b = Body(P(hip), P(shoulder), head=P(head), widths=(1.0, 1.0), far_light=True)
    j = b.j
    a = math.radians(arms_out)
    for side, sign in (("near", 1.0), ("far", -1.0)):
        sh = (TORSO - 2, TR, sign * SHOULDER_HALF)
        j[f"{side}_shoulder"] = P(sh)
        elbow = (sh[0] - UPPER_ARM * math.cos(a), LR, sh[2] + sign * UPPER_ARM * math.sin(a))
        hand = (elbow[0] - FOREARM * math.cos(a), LR, elbow[2] + sign * FOREARM * math.sin(a))
        j[f"{side}_elbow"], j[f"{side}_hand"] = P(elbow), P(hand)
        h3, knee, ankle = legs[side]
        j[f"{side}_hip"], j[f"{side}_knee"], j[f"{side}_ankle"] = P(h3), P(knee), P(ankle)
        j[f"{side}_toe"] = P((ankle[0] - FOOT, ankle[1], ankle[2]))
    b.order = ["far_arm", "far_leg", "torso", "near_leg", "near_arm"]
    return b


def floor_3q(x0: float, x1: float, z0: float, z1: float) -> Prop:
    corners = [CAM.project((x, 0.0, z)) for x, z in ((x0, z0), (x1, z0), (x1, z1), (x0, z1))]

    def draw(cv: Canvas) -> None:
        cv.polygon(corners, MAT, MAT_EDGE, 1.5)

    return Prop(draw, corners)


def lower_trunk_rotation() -> Scene:
    def pose(roll: float) -> Body:
        legs = {}
        for side, sign in (("near", 1.0), ("far", -1.0)):
            hip = (0.0, TR, sign * HIP_HALF)
            ankle = (-60.0, LR, sign * 5.0)
            legs[side] = (hip, bent_leg_3d(hip, ankle, roll), ankle)
        if roll:
            # The far (right) leg rests on the near one as the knees sink.
            hip, _, ankle = legs["far"]
            near_knee = legs["near"][1]
            legs["far"] = (hip, (near_knee[0] - 4, near_knee[1] + 15, near_knee[2] - 4), ankle)
        return lying_3q(legs, arms_out=50.0)

    start = pose(0.0)
    end = pose(72.0)
    return Scene(
        "Lower trunk rotation",
        [end],
        [start],
        arrows=[Arrow(add(start.j["near_knee"], (-6, 14)), add(end.j["near_knee"], (-20, -4)), 16)],
        back=[floor_3q(-100.0, 118.0, -82.0, 84.0)],
        mat=False,
    )


def spinal_twist() -> Scene:
    # Shown like the lower trunk rotation: the knee falls toward the figure's
    # left (the viewer). That is the right knee, crossing over the left leg,
    # so it is drawn as the "near" (dark) leg; the straight left leg is "far".
    def pose(roll: float) -> Body:
        legs = {}
        left_hip = (0.0, TR, HIP_HALF)
        legs["far"] = (left_hip, (-THIGH, LR, HIP_HALF), (-THIGH - SHIN, LR, HIP_HALF))
        hip = (0.0, TR, -HIP_HALF)
        ankle = (-THIGH + 2, LR, 0.0)
        legs["near"] = (hip, bent_leg_3d(hip, ankle, roll), ankle)
        return lying_3q(legs, arms_out=90.0)

    start = pose(0.0)
    end = pose(80.0)
    return Scene(
        "Gentle spinal twist",
        [end],
        [start],
        arrows=[Arrow(add(start.j["near_knee"], (-8, 14)), add(end.j["near_knee"], (-20, 0)), 18)],
        back=[floor_3q(-128.0, 118.0, -90.0, 92.0)],
        mat=False,
    )


EXERCISES: dict[str, Callable[[], Scene]] = {
    "prayer-stretch": prayer_stretch,
    "lower-trunk-rotation": lower_trunk_rotation,
    "single-knee-to-chest": single_knee_to_chest,
    "double-knee-to-chest": double_knee_to_chest,
    "pelvic-tilt": pelvic_tilt,
    "bridge": bridge,
    "bird-dog": bird_dog,
    "partial-crunch": partial_crunch,
    "wall-sit": wall_sit,
    "plank": plank,
    "cat-cow": cat_cow,
    "childs-pose": childs_pose,
    "spinal-twist": spinal_twist,
    "hamstring-stretch": hamstring_stretch,
    "hip-flexor-stretch": hip_flexor_stretch,
    "standing-back-extension": standing_back_extension,
    "standing-side-bend": standing_side_bend,
    "shoulder-rolls": shoulder_rolls,
    "march-in-place": march_in_place,
    "ice-pack": ice_pack,
    "heat-pack": heat_pack,
}


def render_png(svg: Path, png: Path, width: int = 400) -> None:
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(svg))
    image = QImage(width, width * H // W, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, image.width(), image.height()))
    painter.end()
    image.save(str(png))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help="where to write the SVGs")
    parser.add_argument("--png", type=Path, help="also render PNG previews into this folder")
    parser.add_argument("only", nargs="*", help="file stems to make (default: all)")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for stem, make in EXERCISES.items():
        if args.only and stem not in args.only:
            continue
        path = args.out / f"{stem}.svg"
        path.write_text(make().svg(), encoding="utf-8")
        if args.png:
            args.png.mkdir(parents=True, exist_ok=True)
            render_png(path, args.png / f"{stem}.png")
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
