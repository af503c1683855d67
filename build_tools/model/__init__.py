"""Typed, frozen models of every record type; each field carries its help text for editors."""
