"""Use cases: each checks the acting Scope, runs in one transaction and writes the audit row."""
