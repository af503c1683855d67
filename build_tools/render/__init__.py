"""Rendering: (Catalog, language) → a Markdown tree for one MkDocs build."""
