"""Overlays: a TOML file of facts the pages lose (enum values, wire names, formats, nullability,
constraints), added to or corrected in the models read from the pages.

    [models.PetStatus]
    enum = ["available", "pending", "sold"]

    [models.Pet.properties.photoUrls]
    wire_name = "photo_urls"
    min_items = 1

``read_overlay`` reads and checks a file (``docmodels.overlay.file``); ``apply_overlays`` applies
what it says to the models (``docmodels.overlay.apply``), before references are resolved. Each
is imported from its module: a run with nothing changed finds the overlays (their paths and
bytes are part of its fingerprint) and applies none, so the package imports neither.
"""
