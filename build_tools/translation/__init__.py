"""Content translation workflow: record texts out to PO files for translators, and back."""
