#!/usr/bin/env python3
"""Generate the exercise illustrations in ``assets/images/`` from pose descriptions.

Every picture is the same kind of drawing, so they read as one set: a 400×300
card, a mat, a stick figure with the same proportions and stroke widths, the
start position as a pale "ghost", the end position solid, and one orange
arrow for the movement. In side views the limbs nearer the viewer are dark
and the far ones a lighter blue-grey.

A pose is a handful of absolute joint angles (degrees, 0 = pointing right,
90 = up) or reach targets (a two-link limb solved so the hand or ankle lands
on a point). Poses are placed so their lowest point rests on the mat.

Exercises done on one side are drawn for the LEFT side: the near limbs are
the figure's left (upright figures face left, figures on their back lie with
the head to the right). The app mirrors the picture for the right side.

    .venv/bin/python tools/make_illustrations.py            # write the SVGs
    .venv/bin/python tools/make_illustrations.py --png DIR  # and PNG previews
"""

from __future__ import annotations

import argparse
import math
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "assets" / "images"

W, H = 400, 300
FLOOR = 266  # SVG y of the mat's top surface

# Palette: chosen so that in greyscale the four tones stay apart
# (figure ≈ 20 %, arrow ≈ 40 %, far limbs ≈ 60 %, ghost ≈ 80 % grey).
INK = "#1d3557"
FAR = "#8aa1b8"
GHOST = "#c5ced8"
ARROW = "#c2410c"
MAT = "#e4eaf0"
TOP_MAT = "#f1f4f7"
MAT_EDGE = "#9fb0c1"
CARD_EDGE = "#d5dce4"
WALL = "#b8c4d0"

LIMB = 12  # stroke width of arms and legs
TORSO = 17
HEAD_R = 14
HALO = 4  # white outline around near limbs so crossings stay readable
ARROW_W = 5

SEG = {
    "torso": 74.0,
    "neck": 5.0,
    "upper_arm": 42.0,
    "forearm": 39.0,
    "thigh": 57.0,
    "shin": 53.0,
    "foot": 14.0,
}

Point = tuple[float, float]


def vec(angle: float, length: float) -> Point:
    rad = math.radians(angle)
    return (length * math.cos(rad), length * math.sin(rad))


def add(a: Point, b: Point) -> Point:
    return (a[0] + b[0], a[1] + b[1])


def sub(a: Point, b: Point) -> Point:
    return (a[0] - b[0], a[1] - b[1])


def scale(a: Point, k: float) -> Point:
    return (a[0] * k, a[1] * k)


def norm(a: Point) -> float:
    return math.hypot(a[0], a[1])


def solve_two_link(base: Point, target: Point, l1: float, l2: float, bend: int) -> Point:
    """The middle joint of a two-link limb reaching from ``base`` to ``target``.

    ``bend`` +1 puts the joint to the left of the base→target line, -1 right.
    A target out of reach is approached as far as the limb goes.
    """
    d = sub(target, base)
    dist = max(1e-6, min(norm(d), l1 + l2 - 1e-6))
    along = (l1 * l1 - l2 * l2 + dist * dist) / (2 * dist)
    across = math.sqrt(max(0.0, l1 * l1 - along * along))
    u = scale(d, 1 / norm(d))
    n = (-u[1], u[0])
    return add(base, add(scale(u, along), scale(n, across * bend)))


# ---------------------------------------------------------------- poses


@dataclass
class Pose:
    """One position of the figure; every angle is absolute, in degrees."""

    torso: float = 90.0
    bend: float = 0.0  # sideways bulge of the spine's middle, px (left of hip→shoulder)
    head: float | None = None  # direction of the neck; default follows the torso
    # limbs: angles (upper, lower[, foot]) or {"to": point, "bend": ±1, "foot": angle}
    near_arm: Any = (270.0, 270.0)
    far_arm: Any = (270.0, 270.0)
    near_leg: Any = (270.0, 270.0, 180.0)
    far_leg: Any = (270.0, 270.0, 180.0)
    # front/top views: half widths of the shoulders and hips
    shoulder_w: float = 0.0
    hip_w: float = 0.0
    lift: float | None = None  # fixed height of the hip instead of resting on the mat

    joints: dict[str, Point] = field(default_factory=dict, init=False)

    def solve(self) -> dict[str, Point]:
        j: dict[str, Point] = {"hip": (0.0, 0.0)}
        j["shoulder"] = vec(self.torso, SEG["torso"])
        side = vec(self.torso - 90, 1.0)  # toward the figure's left in front view
        head_dir = self.torso if self.head is None else self.head
        j["head"] = add(j["shoulder"], vec(head_dir, SEG["neck"] + HEAD_R))
        for name, sign in (("near", 1.0), ("far", -1.0)):
            j[f"{name}_shoulder"] = add(j["shoulder"], scale(side, sign * self.shoulder_w))
            j[f"{name}_hip"] = add(j["hip"], scale(side, sign * self.hip_w))
        # Legs first: hands may reach for a knee.
        self._limb(j, "near", "leg", self.near_leg)
        self._limb(j, "far", "leg", self.far_leg)
        self._limb(j, "near", "arm", self.near_arm)
        self._limb(j, "far", "arm", self.far_arm)
        self.joints = j
        return j

    @staticmethod
    def _limb(j: dict[str, Point], side: str, kind: str, spec: Any) -> None:
        if kind == "arm":
            base, mid, end, l1, l2 = f"{side}_shoulder", "elbow", "hand", "upper_arm", "forearm"
        else:
            base, mid, end, l1, l2 = f"{side}_hip", "knee", "ankle", "thigh", "shin"
        start = j[base]
        if isinstance(spec, dict):
            target = spec["to"]
            if isinstance(target[0], str):  # (joint, dx, dy)
                target = add(j[target[0]], (target[1], target[2]))
            middle = solve_two_link(start, target, SEG[l1], SEG[l2], spec.get("bend", 1))
            tip = add(middle, scale(sub(target, middle), SEG[l2] / norm(sub(target, middle))))
            foot = spec.get("foot")
        else:
            middle = add(start, vec(spec[0], SEG[l1]))
            tip = add(middle, vec(spec[1], SEG[l2]))
            foot = spec[2] if len(spec) > 2 else None
        j[f"{side}_{mid}"] = middle
        j[f"{side}_{end}"] = tip
        if kind == "leg":
            j[f"{side}_toe"] = add(tip, vec(foot if foot is not None else 180.0, SEG["foot"]))

    def lowest(self) -> float:
        """Height of the lowest drawn edge above the hip."""
        j = self.joints
        ys = [p[1] - LIMB / 2 for k, p in j.items() if k not in ("head", "hip", "shoulder")]
        ys += [j["hip"][1] - TORSO / 2, j["shoulder"][1] - TORSO / 2, j["head"][1] - HEAD_R]
        return min(ys)


@dataclass
class Placed:
    """A solved pose placed on the canvas (math coordinates, y up from the mat)."""

    pose: Pose
    dx: float
    dy: float

    def __getitem__(self, name: str) -> Point:
        p = self.pose.joints[name]
        return (p[0] + self.dx, p[1] + self.dy)


def place(pose: Pose, anchor: str = "hip", x: float = 0.0) -> Placed:
    pose.solve()
    ax = pose.joints[anchor][0]
    dy = pose.lift if pose.lift is not None else -pose.lowest()
    return Placed(pose, x - ax, dy)


# ---------------------------------------------------------------- SVG output


def to_svg(p: Point) -> Point:
    return (p[0], FLOOR - p[1])


def fmt(p: Point) -> str:
    x, y = to_svg(p)
    return f"{x:.1f},{y:.1f}"


class Drawing:
    """Collects SVG elements in math coordinates and writes one file."""

    def __init__(self) -> None:
        self.items: list[str] = []
        self.shift: Point = (0.0, 0.0)

    def line(self, pts: list[Point], color: str, width: float) -> None:
        pts = [add(p, self.shift) for p in pts]
        d = "M" + " L".join(fmt(p) for p in pts)
        self.items.append(
            f'<path d="{d}" fill="none" stroke="{color}" stroke-width="{width:g}" '
            'stroke-linecap="round" stroke-linejoin="round"/>'
        )

    def curve(self, a: Point, c: Point, b: Point, color: str, width: float) -> None:
        a, c, b = (add(p, self.shift) for p in (a, c, b))
        self.items.append(
            f'<path d="M{fmt(a)} Q{fmt(c)} {fmt(b)}" fill="none" stroke="{color}" '
            f'stroke-width="{width:g}" stroke-linecap="round"/>'
        )

    def circle(self, c: Point, r: float, fill: str, stroke: str = "none", sw: float = 0) -> None:
        x, y = to_svg(add(c, self.shift))
        self.items.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:g}" fill="{fill}" '
            f'stroke="{stroke}" stroke-width="{sw:g}"/>'
        )

    def polygon(self, pts: list[Point], fill: str) -> None:
        pts = [add(p, self.shift) for p in pts]
        self.items.append(f'<polygon points="{" ".join(fmt(p) for p in pts)}" fill="{fill}"/>')

    def dashed_curve(self, a: Point, c: Point, b: Point) -> None:
        a, c, b = (add(p, self.shift) for p in (a, c, b))
        self.items.append(
            f'<path d="M{fmt(a)} Q{fmt(c)} {fmt(b)}" fill="none" stroke="{FAR}" '
            'stroke-width="4" stroke-dasharray="7,5" stroke-linecap="round"/>'
        )

    def raw(self, text: str) -> None:
        self.items.append(text)

    def svg(self, title: str) -> str:
        body = "\n  ".join(self.items)
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" version="1.2" baseProfile="tiny" '
            f'width="{W}" height="{H}" viewBox="0 0 {W} {H}">\n'
            f"  <title>{title}</title>\n"
            f'  <rect x="1" y="1" width="{W - 2}" height="{H - 2}" rx="16" fill="#ffffff" '
            f'stroke="{CARD_EDGE}" stroke-width="2"/>\n'
            f"  {body}\n</svg>\n"
        )


def draw_mat(d: Drawing) -> None:
    d.raw(
        f'<rect x="24" y="{FLOOR}" width="{W - 48}" height="12" rx="6" fill="{MAT}" '
        f'stroke="{MAT_EDGE}" stroke-width="1.5"/>'
    )


def draw_figure(d: Drawing, fig: Placed, style: str, view: str = "side") -> None:
    """``style`` is "ghost" (start position) or "solid" (end position)."""
    j = fig
    ink = GHOST if style == "ghost" else INK
    far = GHOST if style == "ghost" else (INK if view != "side" else FAR)
    halo = style != "ghost"

    def limb(side: str, kind: str, color: str, with_halo: bool) -> None:
        if kind == "arm":
            pts = [j[f"{side}_shoulder"], j[f"{side}_elbow"], j[f"{side}_hand"]]
        else:
            pts = [j[f"{side}_hip"], j[f"{side}_knee"], j[f"{side}_ankle"], j[f"{side}_toe"]]
        if with_halo:
            d.line(pts, "#ffffff", LIMB + 2 * HALO)
        d.line(pts, color, LIMB)

    limb("far", "leg", far, halo and view != "side")
    limb("far", "arm", far, halo and view != "side")
    pose = fig.pose
    hip, sh = j["hip"], j["shoulder"]
    if halo:
        d.circle(j["head"], HEAD_R + HALO, "#ffffff")
    if pose.bend:
        mid = scale(add(hip, sh), 0.5)
        u = sub(sh, hip)
        n = scale((-u[1], u[0]), 1 / norm(u))
        d.curve(hip, add(mid, scale(n, 2 * pose.bend)), sh, ink, TORSO)
    else:
        d.line([hip, sh], ink, TORSO)
    if pose.shoulder_w:
        d.line([j["near_shoulder"], j["far_shoulder"]], ink, LIMB)
        d.line([j["near_hip"], j["far_hip"]], ink, LIMB)
    d.circle(j["head"], HEAD_R, ink)
    limb("near", "leg", ink, halo)
    limb("near", "arm", ink, halo)


def arrow(
    d: Drawing,
    a: Point,
    b: Point,
    bend: float = 0.0,
    shorten: float = 0.0,
    both: bool = False,
) -> None:
    """A curved arrow from ``a`` to ``b``; ``bend`` bulges it (px, left of a→b)."""
    u = sub(b, a)
    length = norm(u)
    u1 = scale(u, 1 / length)
    a = add(a, scale(u1, shorten))
    b = sub(b, scale(u1, shorten))
    mid = scale(add(a, b), 0.5)
    c = add(mid, scale((-u1[1], u1[0]), 2 * bend))
    head = 15.0

    def tip(end: Point, ctrl: Point) -> Point:
        t = sub(end, ctrl)
        t = scale(t, 1 / norm(t))
        n = (-t[1], t[0])
        base = sub(end, scale(t, head))
        d.polygon([add(end, scale(t, 3)), add(base, scale(n, 8)), sub(base, scale(n, 8))], ARROW)
        return base

    b2 = tip(b, c)
    a2 = tip(a, c) if both else a
    d.curve(a2, c, b2, ARROW, ARROW_W)


def circle_arrow(d: Drawing, center: Point, r: float, start: float, sweep: float) -> None:
    """An arc of radius ``r`` around ``center`` with an arrowhead at its end (clockwise < 0)."""
    steps = 24
    pts = [add(center, vec(start + sweep * i / steps, r)) for i in range(steps + 1)]
    end = pts[-1]
    t = sub(pts[-1], pts[-2])
    t = scale(t, 1 / norm(t))
    n = (-t[1], t[0])
    base = sub(end, scale(t, 12))
    d.line([*pts[:-2], base], ARROW, ARROW_W)
    d.polygon([add(end, scale(t, 4)), add(base, scale(n, 8)), sub(base, scale(n, 8))], ARROW)


# ---------------------------------------------------------------- composition


def bounds(figs: list[Placed]) -> tuple[float, float, float, float]:
    xs: list[float] = []
    ys: list[float] = []
    for f in figs:
        for name in f.pose.joints:
            x, y = f[name]
            r = HEAD_R if name == "head" else LIMB
            xs += [x - r, x + r]
            ys += [y - r, y + r]
    return min(xs), max(xs), min(ys), max(ys)


def side_scene(
    start: Placed | None,
    end: Placed,
    arrows: list[dict[str, Any]],
    extras: list[str] | None = None,
    center: bool = True,
    circles: list[dict[str, Any]] | None = None,
    view: str = "side",
) -> Drawing:
    d = Drawing()
    figs = [f for f in (start, end) if f is not None]
    if center:
        x0, x1, _, _ = bounds(figs)
        d.shift = (W / 2 - (x0 + x1) / 2, 0.0)
    for extra in extras or []:
        if extra.startswith("wall:"):
            wx = float(extra.split(":")[1]) + d.shift[0]
            d.raw(
                f'<rect x="{wx:.1f}" y="14" width="16" height="{FLOOR - 14}" '
                f'fill="{WALL}" stroke="{MAT_EDGE}" stroke-width="1.5"/>'
            )
    draw_mat(d)
    if start is not None:
        draw_figure(d, start, "ghost", view)
    draw_figure(d, end, "solid", view)
    for a in arrows:
        arrow(
            d, a["from"], a["to"], a.get("bend", 0.0), a.get("shorten", 0.0), a.get("both", False)
        )
    for c in circles or []:
        circle_arrow(d, c["center"], c["r"], c["start"], c["sweep"])
    return d


def at(fig: Placed, joint: str, dx: float = 0.0, dy: float = 0.0) -> Point:
    return add(fig[joint], (dx, dy))


# Recurring positions --------------------------------------------------------


# On the back, head to the right, knees bent and feet flat (near = left leg).
def supine_bent(**kw: Any) -> Pose:
    base: dict[str, Any] = {
        "torso": 0.0,
        "head": 6.0,
        "near_leg": {"to": (-92.0, 0.0), "bend": -1, "foot": 180.0},
        "far_leg": {"to": (-88.0, 0.0), "bend": -1, "foot": 180.0},
        "near_arm": (181.0, 180.0),
        "far_arm": (180.0, 180.0),
    }
    base.update(kw)
    return Pose(**base)


# On hands and knees, facing left.
def all_fours(**kw: Any) -> Pose:
    base: dict[str, Any] = {
        "torso": 162.0,
        "head": 168.0,
        "near_leg": (270.0, 0.0, 0.0),
        "far_leg": (270.0, 0.0, 0.0),
        "near_arm": {"to": ("shoulder", -4.0, -80.0), "bend": 1},
        "far_arm": {"to": ("shoulder", 0.0, -80.0), "bend": 1},
    }
    base.update(kw)
    return Pose(**base)


def standing(**kw: Any) -> Pose:
    base: dict[str, Any] = {
        "torso": 90.0,
        "head": 92.0,
        "near_leg": (270.0, 270.0, 180.0),
        "far_leg": (268.0, 272.0, 180.0),
        "near_arm": (265.0, 275.0),
        "far_arm": (272.0, 268.0),
    }
    base.update(kw)
    return Pose(**base)


# ---------------------------------------------------------------- exercises


def sitting_back(**kw: Any) -> Pose:
    """Kneeling, sitting back toward the heels, chest low (prayer stretch, child's pose)."""
    base: dict[str, Any] = {
        "torso": 198.0,
        "head": 200.0,
        "near_leg": (213.0, 0.0, 0.0),
        "far_leg": (211.0, 0.0, 0.0),
        "near_arm": (193.0, 181.0),
        "far_arm": (191.0, 180.0),
    }
    base.update(kw)
    return Pose(**base)


def prayer_stretch() -> Drawing:
    start = place(all_fours(), "near_knee", 0)
    end = place(sitting_back(), "near_knee", 0)
    return side_scene(
        start,
        end,
        [{"from": at(start, "hip", 4, 16), "to": at(end, "hip", 16, 16), "bend": -12}],
    )


def childs_pose() -> Drawing:
    start = place(all_fours(), "near_knee", 0)
    end = place(
        sitting_back(
            torso=206,
            head=222,
            near_arm=(348.0, 0.0),
            far_arm=(347.0, 1.0),
        ),
        "near_knee",
        0,
    )
    return side_scene(
        start,
        end,
        [{"from": at(start, "hip", 4, 16), "to": at(end, "hip", 16, 16), "bend": -12}],
    )


def knee_pulled(**kw: Any) -> Pose:
    base: dict[str, Any] = {
        "near_leg": (64.0, 192.0, 105.0),
        "near_arm": {"to": ("near_knee", -4.0, -9.0), "bend": -1},
        "far_arm": {"to": ("near_knee", 0.0, -11.0), "bend": -1},
    }
    base.update(kw)
    return supine_bent(**base)


def single_knee_to_chest() -> Drawing:
    start = place(supine_bent(), "hip", 0)
    end = place(knee_pulled(), "hip", 0)
    return side_scene(
        start,
        end,
        [{"from": at(start, "near_knee", 4, 18), "to": at(end, "near_knee", -6, 20), "bend": 20}],
    )


def double_knee_to_chest() -> Drawing:
    start = place(supine_bent(), "hip", 0)
    end = place(knee_pulled(far_leg=(74.0, 200.0, 110.0)), "hip", 0)
    return side_scene(
        start,
        end,
        [{"from": at(start, "near_knee", 4, 18), "to": at(end, "near_knee", -6, 24), "bend": 20}],
    )


def pelvic_tilt() -> Drawing:
    end = place(supine_bent(), "hip", 0)
    arched = place(supine_bent(bend=9), "hip", 0)
    d = side_scene(None, end, [])
    # The start position differs only in the small of the back: show that
    # arch as a dashed line over the figure, and the press toward the mat.
    mid = scale(add(arched["hip"], arched["shoulder"]), 0.5)
    d.dashed_curve(arched["hip"], add(mid, (0, 2 * 9 + TORSO / 2)), arched["shoulder"])
    low_back = at(end, "hip", 30, 0)
    arrow(d, add(low_back, (0, 64)), add(low_back, (0, 24)))
    return d


def bridge() -> Drawing:
    start = place(supine_bent(), "shoulder", 0)
    end = place(
        Pose(
            # shoulders, hips and knees in one straight line, shins upright
            torso=-23,
            head=4,
            near_leg=(157.0, 262.0, 180.0),
            far_leg=(155.0, 263.0, 180.0),
            near_arm=(181.0, 180.0),
            far_arm=(180.0, 180.0),
        ),
        "shoulder",
        0,
    )
    hip = end["hip"]
    return side_scene(
        start,
        end,
        [{"from": (hip[0] + 4, 0.0), "to": (hip[0] + 4, hip[1] - 10)}],
    )


def bird_dog() -> Drawing:
    start = place(all_fours(), "far_knee", 0)
    end = place(
        all_fours(
            torso=166,
            near_leg=(352.0, 0.0, 0.0),
            far_arm=(170.0, 174.0),
            head=174,
        ),
        "far_knee",
        0,
    )
    return side_scene(
        start,
        end,
        [
            {"from": at(start, "near_ankle", 8, 24), "to": at(end, "near_toe", 6, 20), "bend": -10},
            {"from": at(start, "far_hand", -14, 40), "to": at(end, "far_hand", -4, 20), "bend": 10},
        ],
    )


def partial_crunch() -> Drawing:
    start = place(supine_bent(), "hip", 0)
    end = place(
        supine_bent(
            torso=19,
            bend=-6,
            head=28,
            near_arm={"to": ("near_knee", 10.0, 4.0), "bend": -1},
            far_arm={"to": ("near_knee", 12.0, 6.0), "bend": -1},
        ),
        "hip",
        0,
    )
    return side_scene(
        start,
        end,
        [{"from": at(start, "head", 26, 0), "to": at(end, "head", 24, 12), "bend": 8}],
    )


def wall_sit() -> Drawing:
    wall = 60.0
    legs_end = {"near_leg": {"to": (-58.0, -50.0), "bend": -1, "foot": 180.0}}
    legs_end["far_leg"] = {"to": (-54.0, -50.0), "bend": -1, "foot": 180.0}
    end = place(
        standing(
            **legs_end,
            near_arm={"to": ("near_knee", 8.0, 10.0), "bend": -1},
            far_arm={"to": ("near_knee", 12.0, 10.0), "bend": -1},
            head=90,
        ),
        "hip",
        wall - TORSO / 2 - 2,
    )
    start = place(
        standing(
            near_leg={"to": (-58.0, -92.0), "bend": -1, "foot": 180.0},
            far_leg={"to": (-54.0, -92.0), "bend": -1, "foot": 180.0},
            head=90,
        ),
        "hip",
        wall - TORSO / 2 - 2,
    )
    return side_scene(
        start,
        end,
        [{"from": at(start, "hip", -26, 4), "to": at(end, "hip", -26, 8)}],
        extras=[f"wall:{wall}"],
    )


def plank() -> Drawing:
    start = place(
        Pose(
            torso=180,
            head=184,
            near_leg=(0.0, 0.0, 0.0),
            far_leg=(1.0, 0.0, 0.0),
            near_arm={"to": ("shoulder", -40.0, -4.0), "bend": 1},
            far_arm={"to": ("shoulder", -36.0, -4.0), "bend": 1},
        ),
        "near_toe",
        0,
    )
    end = place(
        Pose(
            torso=166.0,
            head=170,
            near_leg=(346.0, 346.0, 262.0),
            far_leg=(346.0, 346.0, 266.0),
            near_arm=(268.0, 180.0),
            far_arm=(271.0, 181.0),
        ),
        "near_toe",
        0,
    )
    chest = add(scale(end["hip"], 0.3), scale(end["shoulder"], 0.7))
    return side_scene(
        start,
        end,
        [{"from": (chest[0], 0.0), "to": (chest[0], chest[1] - 12)}],
    )


def cat_cow() -> Drawing:
    start = place(all_fours(bend=-10, head=140), "near_knee", 0)
    end = place(all_fours(bend=14, head=232), "near_knee", 0)
    mid = scale(add(end["hip"], end["shoulder"]), 0.5)
    return side_scene(
        start,
        end,
        [{"from": add(mid, (34, 22)), "to": add(mid, (-30, 24)), "bend": -16}],
    )


def hamstring_stretch() -> Drawing:
    start = place(supine_bent(), "hip", 0)
    end = place(
        supine_bent(
            near_leg=(86.0, 86.0, -4.0),
            near_arm={"to": ("near_knee", 8.0, -8.0), "bend": -1},
            far_arm={"to": ("near_knee", 10.0, -4.0), "bend": -1},
        ),
        "hip",
        0,
    )
    return side_scene(
        start,
        end,
        [{"from": at(start, "near_toe", -4, 22), "to": at(end, "near_toe", -24, 0), "bend": -24}],
    )


def hip_flexor_stretch() -> Drawing:
    def half_kneel(thigh: float) -> Pose:
        return Pose(
            torso=90,
            head=92,
            near_leg=(thigh, 0.0, 0.0),
            far_leg={"to": ("near_knee", -96.0, 0.0), "bend": -1, "foot": 180.0},
            near_arm={"to": ("hip", 4.0, 6.0), "bend": -1},
            far_arm={"to": ("hip", 8.0, 6.0), "bend": -1},
        )

    start = place(half_kneel(270), "near_knee", 0)
    end = place(half_kneel(300), "near_knee", 0)
    hip = end["hip"]
    return side_scene(
        start,
        end,
        [{"from": (start["hip"][0] + 24, hip[1] - 26), "to": (hip[0] - 22, hip[1] - 26)}],
    )


def standing_back_extension() -> Drawing:
    def lean(torso: float, head: float) -> Pose:
        return standing(
            torso=torso,
            head=head,
            near_arm={"to": ("hip", 14.0, 6.0), "bend": -1},
            far_arm={"to": ("hip", 12.0, 8.0), "bend": -1},
        )

    start = place(lean(90, 92))
    end = place(lean(70, 62))
    return side_scene(
        start,
        end,
        [{"from": at(start, "head", 2, 28), "to": at(end, "head", 26, 14), "bend": -10}],
    )


def march_in_place() -> Drawing:
    start = place(standing(), "far_ankle", 0)
    end = place(
        standing(
            near_leg=(196.0, 266.0, 180.0),
            far_arm=(238.0, 165.0),
            near_arm=(292.0, 268.0),
        ),
        "far_ankle",
        0,
    )
    return side_scene(
        start,
        end,
        [
            {
                "from": at(start, "near_knee", -28, -6),
                "to": at(end, "near_knee", -12, 20),
                "bend": -8,
            }
        ],
    )


def shoulder_rolls() -> Drawing:
    """Seen from the front: both shoulders circle up, back and down."""
    pose = Pose(
        torso=90,
        near_arm=(283.0, 274.0),
        far_arm=(257.0, 266.0),
        near_leg=(272.0, 270.0, 0.0),
        far_leg=(268.0, 270.0, 180.0),
        shoulder_w=22.0,
        hip_w=9.0,
    )
    end = place(pose)
    return side_scene(
        None,
        end,
        [],
        circles=[
            {"center": at(end, "near_shoulder", 10, 2), "r": 16, "start": 200, "sweep": -300},
            {"center": at(end, "far_shoulder", -10, 2), "r": 16, "start": 340, "sweep": 300},
        ],
        view="front",
    )


def _pack(kind: str) -> Drawing:
    """Lying on the back, lower legs on a chair, a pack under the lower back."""
    end = place(
        supine_bent(near_leg=(90.0, 180.0, 90.0), far_leg=(92.0, 181.0, 92.0)),
        "hip",
        0,
    )
    d = side_scene(None, end, [])
    knee = end["near_knee"]
    seat = knee[1] - LIMB / 2 - 3
    x0, x1 = knee[0] - 14, knee[0] - 62
    chair = [
        [(x0, seat), (x1, seat)],
        [(x0 + 4, seat), (x0 + 4, 0.0)],
        [(x1 + 6, seat), (x1 + 6, 0.0)],
        [(x1 + 2, seat), (x1 - 4, seat + 70)],
    ]
    pack_color = "#9ec5e6" if kind == "ice" else "#f0a36b"
    figure = d.items[1:]
    d.items = d.items[:1]
    for leg in chair:
        d.line(leg, WALL, 8)
    d.items += figure
    hip = end["hip"]
    d.raw(
        f'<rect x="{hip[0] + d.shift[0] + 12:.1f}" y="{FLOOR - 11}" width="40" height="13" '
        f'rx="5" fill="{pack_color}" stroke="{INK}" stroke-width="2"/>'
    )
    # A symbol over the lower back: a snowflake for ice, rising waves for heat.
    cx, cy = hip[0] + 32, hip[1] + 44
    if kind == "ice":
        for angle in (90.0, 30.0, 150.0):
            a = add((cx, cy), vec(angle, 18))
            b = add((cx, cy), vec(angle + 180, 18))
            d.line([a, b], ARROW, 4)
    else:
        for dx in (-12.0, 0.0, 12.0):
            pts = [(cx + dx + 4 * math.sin(i / 2), cy - 18 + 3 * i) for i in range(13)]
            d.line(pts, ARROW, 4)
    return d


def ice_pack() -> Drawing:
    return _pack("ice")


def heat_pack() -> Drawing:
    return _pack("heat")


# Front and top views ---------------------------------------------------------


def standing_side_bend() -> Drawing:
    """Seen from the front: the figure's left arm goes over, the trunk bends right."""
    front = {"shoulder_w": 19.0, "hip_w": 9.0}
    legs = {"near_leg": (272.0, 270.0, 0.0), "far_leg": (268.0, 270.0, 180.0)}
    start = place(Pose(torso=90, near_arm=(280.0, 272.0), far_arm=(260.0, 268.0), **legs, **front))
    end = place(
        Pose(
            torso=108,
            head=116,
            near_arm=(100.0, 150.0),
            far_arm=(252.0, 282.0),
            **legs,
            **front,
        )
    )
    return side_scene(
        start,
        end,
        [{"from": at(start, "head", 30, 30), "to": at(end, "near_hand", -12, -6), "bend": 18}],
        view="front",
    )


def _top_view(figure: list[tuple[Pose, str]], arrows: list[dict[str, Any]]) -> Drawing:
    """Seen from above, lying on the back, head to the right; the figure's left is down."""
    d = Drawing()
    d.raw(
        f'<rect x="30" y="22" width="{W - 60}" height="{H - 44}" rx="10" fill="{TOP_MAT}" '
        f'stroke="{MAT_EDGE}" stroke-width="1.5"/>'
    )
    # Front-view coordinates are rotated a quarter turn clockwise: up becomes right.
    for pose, style in figure:
        pose.solve()
        placed = Placed(pose, 0.0, 0.0)
        sub_d = Drawing()
        draw_figure(sub_d, placed, style, view="top")
        d.raw(
            f'<g transform="translate({W / 2 - 20:.1f},{H / 2:.1f}) rotate(90) '
            f'translate(0,{-FLOOR})">' + "".join(sub_d.items) + "</g>"
        )
    for a in arrows:
        sub_d = Drawing()
        arrow(sub_d, a["from"], a["to"], a.get("bend", 0.0), 0.0, a.get("both", False))
        d.raw(
            f'<g transform="translate({W / 2 - 20:.1f},{H / 2:.1f}) rotate(90) '
            f'translate(0,{-FLOOR})">' + "".join(sub_d.items) + "</g>"
        )
    return d


TOP = {"shoulder_w": 21.0, "hip_w": 10.0, "torso": 90.0, "head": 90.0}
T_ARMS = {"near_arm": (0.0, 0.0), "far_arm": (180.0, 180.0)}


def lower_trunk_rotation() -> Drawing:
    def knees_to(sign: float) -> Pose:
        # Knees fallen to the figure's left (sign +1) or right (-1), feet together.
        return Pose(
            **TOP,
            **T_ARMS,
            near_leg={"to": (sign * 6.0 + 4, -96.0), "bend": int(sign), "foot": 270.0},
            far_leg={"to": (sign * 6.0 - 4, -96.0), "bend": int(sign), "foot": 270.0},
        )

    left = knees_to(1.0)
    right = knees_to(-1.0)
    left.solve()
    right.solve()
    return _top_view(
        [(right, "ghost"), (left, "solid")],
        [
            {
                "from": add(right.joints["far_knee"], (-14, -18)),
                "to": add(left.joints["near_knee"], (14, -18)),
                "bend": -26,
            }
        ],
    )


def spinal_twist() -> Drawing:
    start = Pose(**TOP, **T_ARMS, near_leg=(270.0, 270.0, 270.0), far_leg=(270.0, 270.0, 270.0))
    end = Pose(
        **TOP,
        **T_ARMS,
        near_leg={"to": ("far_hip", -8.0, -62.0), "bend": -1, "foot": 190.0},
        far_leg=(270.0, 270.0, 270.0),
    )
    start.solve()
    end.solve()
    return _top_view(
        [(start, "ghost"), (end, "solid")],
        [
            {
                "from": add(start.joints["near_knee"], (16, -6)),
                "to": add(end.joints["near_knee"], (-10, -16)),
                "bend": -18,
            }
        ],
    )


EXERCISES = {
    "prayer-stretch": ("Prayer stretch", prayer_stretch),
    "lower-trunk-rotation": ("Lower trunk rotation (seen from above)", lower_trunk_rotation),
    "single-knee-to-chest": ("Single knee to chest", single_knee_to_chest),
    "double-knee-to-chest": ("Double knee to chest", double_knee_to_chest),
    "pelvic-tilt": ("Pelvic tilt", pelvic_tilt),
    "bridge": ("Bridge", bridge),
    "bird-dog": ("Bird dog", bird_dog),
    "partial-crunch": ("Partial crunch", partial_crunch),
    "wall-sit": ("Wall sit", wall_sit),
    "plank": ("Plank", plank),
    "cat-cow": ("Cat-cow", cat_cow),
    "childs-pose": ("Child's pose", childs_pose),
    "spinal-twist": ("Gentle spinal twist (seen from above)", spinal_twist),
    "hamstring-stretch": ("Hamstring stretch", hamstring_stretch),
    "hip-flexor-stretch": ("Hip flexor stretch", hip_flexor_stretch),
    "standing-back-extension": ("Standing back extension", standing_back_extension),
    "standing-side-bend": ("Standing side bend (seen from the front)", standing_side_bend),
    "shoulder-rolls": ("Shoulder rolls", shoulder_rolls),
    "march-in-place": ("March in place", march_in_place),
    "ice-pack": ("Ice pack on the lower back", ice_pack),
    "heat-pack": ("Heat pack on the lower back", heat_pack),
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
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help="where to write the SVGs")
    parser.add_argument("--png", type=Path, help="also render PNG previews into this folder")
    parser.add_argument("only", nargs="*", help="file stems to make (default: all)")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for stem, (title, make) in EXERCISES.items():
        if args.only and stem not in args.only:
            continue
        path = args.out / f"{stem}.svg"
        path.write_text(make().svg(title), encoding="utf-8")
        if args.png:
            args.png.mkdir(parents=True, exist_ok=True)
            render_png(path, args.png / f"{stem}.png")
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
