"""One module per command; shared options are declared once, in ``options``."""
