"""docmodels: typed Python models from OpenAPI Generator model pages."""

__version__ = "0.1.0"
