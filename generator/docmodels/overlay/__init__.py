"""Overlays: a TOML file of facts the pages lose (enum values, wire names, formats, nullability,
constraints), added to or corrected in the models read from the pages.

    [models.PetStatus]
    enum = ["available", "pending", "sold"]

    [models.Pet.properties.photoUrls]
    wire_name = "photo_urls"
    min_items = 1

``read_overlay`` reads and checks a file (``docmodels.overlay.file``); ``apply_overlays`` applies
what it says to the models (``docmodels.overlay.apply``), before references are resolved.
"""

from docmodels.overlay.apply import apply_overlays
from docmodels.overlay.file import OVERLAY_NAME, Overlay, overlay_paths, read_overlay

__all__ = ["OVERLAY_NAME", "Overlay", "apply_overlays", "overlay_paths", "read_overlay"]
