"""What a target cannot express."""

from __future__ import annotations


class TargetError(Exception):
    """The specs use something the chosen target's library cannot express; the message names
    the page and says what."""
