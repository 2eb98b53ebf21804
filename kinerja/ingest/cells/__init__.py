"""Cell parsers for messy Indonesian workbooks: numbers, dates, choices, personal data (DOMAIN §4)."""
