"""Importing this module registers every command on the app."""

from cxgap.cli import spec_cmds  # noqa: F401
