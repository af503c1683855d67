"""The `portal` command line: thin wiring over the stages."""
