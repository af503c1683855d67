"""Assets made from the catalog outside MkDocs: QR codes, short-link pages, printed boards."""
