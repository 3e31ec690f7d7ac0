"""docmodels: typed Python models from OpenAPI Generator model pages."""

# The one source of the version: the build reads it (pyproject.toml's dynamic version), and so do
# `docmodels --version` and the cache keys. A release adds its CHANGELOG.md entry and is tagged
# v<version>.
__version__ = "0.1.0"
