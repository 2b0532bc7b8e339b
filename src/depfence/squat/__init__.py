"""Typosquat detection: which popular name a package name imitates, and how surely."""

from depfence.squat.core import closest, detect
from depfence.squat.match import BLOCK, WARN, Match

__all__ = ["BLOCK", "WARN", "Match", "closest", "detect"]
