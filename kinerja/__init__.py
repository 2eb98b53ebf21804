"""Kinerja: Perjanjian Kinerja and complaint tracker for Pemerintah Kota Kupang (pure core, no UI)."""

__version__ = "0.1.0"
