"""Ground truth: our OpenAPI specs, the pages real generators write for them, and the measure of
how much of each spec docmodels recovers from the pages."""
