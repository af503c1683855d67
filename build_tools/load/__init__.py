"""Loading: YAML files → validated, cross-checked Catalog, or every problem found."""
