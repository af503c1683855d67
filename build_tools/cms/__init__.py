"""The staff web editor at /admin/: Sveltia CMS, configured from the record models."""
