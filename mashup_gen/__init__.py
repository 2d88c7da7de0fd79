"""mashup-gen: generate, re-target and check Qlik Cloud mashups and web apps."""

__version__ = "0.1.0"
