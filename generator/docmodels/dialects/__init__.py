"""Per-dialect readers of type expressions, defaults and names: one module per dialect."""

# The dialect names in the registry's order, spelled out so that `docmodels --help` can list them
# without importing every dialect module (and markdown-it behind them). A test keeps this equal
# to what the registry discovers.
NAMES = (
    "python", "rust", "bash", "c", "csharp", "dart", "dart-dio", "eiffel", "go", "java",
    "javascript", "julia", "kotlin", "ktorm-schema", "markdown", "objc", "perl", "php",
    "php-symfony", "powershell", "python6", "python-prior", "r", "ruby", "rust-server", "scala",
    "swift", "typescript-axios", "typescript-fetch", "universal",
)
