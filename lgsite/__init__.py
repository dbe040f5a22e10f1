"""lgsite: council websites from shared content, built with MkDocs."""

__version__ = "0.1.0"
