"""The documented input limits (README, "Limits and safety"). Kept free of
imports so that the command line can name them without loading the parser."""

DEFAULT_MAX_BYTES = 32 * 1024 * 1024
"""Largest input read by default (``--max-bytes`` changes it)."""
MAX_DEPTH = 64
"""Deepest nesting of mappings and lists accepted in a spec."""
MAX_FLOW_DEPTH = 256
"""Deepest ``[``/``{`` nesting let through to libyaml (it crashes far beyond)."""
MAX_ALIAS_NODES = 100_000
"""How many nodes aliases (``*anchor``, ``<<: *anchor``) may add in all."""
