"""Test plumbing: workbook builders, databases built once, accounts, the browser server."""
