"""Bytes → sheets → canonical frames and an ImportReport; never opens a database connection."""
