"""Numbers read from untrusted text (a page's cells, an overlay's TOML).

Python reads an integer of any length exactly, but ``math.isfinite`` converts it to a float
first and raises OverflowError past about 309 digits: a page whose enum value or default is a
400-digit integer must not become a traceback. An integer is finite whatever its length, and
is kept exactly (JSON and Python both write it back as it was).
"""

from __future__ import annotations

import math
import sys


def is_finite(number: float) -> bool:  # an int too (PEP 484's numeric tower)
    """Whether ``number`` is a JSON number: any integer, a float that is not nan or infinite."""
    return isinstance(number, int) or math.isfinite(number)


def integer(text: str) -> int:
    """``int(text)``, exactly, however long; past the digits Python converts (4,300 by default:
    a guard against quadratic conversion time) a ValueError that says so in the page's terms."""
    try:
        return int(text)
    except ValueError:
        digits = sum(char.isdigit() for char in text)
        limit = sys.get_int_max_str_digits()
        if limit and digits > limit:
            raise ValueError(f"an integer of {digits} digits; the limit is {limit}") from None
        raise
