"""Svodka: one warehouse for a seller's marketplaces, accounting and competitors."""

__version__ = "0.1.0"
