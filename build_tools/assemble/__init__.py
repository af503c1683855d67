"""Building: rendered Markdown → one Material build per language → site/, swapped in whole."""
