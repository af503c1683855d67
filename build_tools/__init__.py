"""Heritage portal: YAML records → validated catalog → multilingual Material for MkDocs site."""

__version__ = "0.1.0"
