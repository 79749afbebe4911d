"""The tool's version: in the package metadata (pyproject.toml) and in every cache key."""
__version__ = "0.1.0"
