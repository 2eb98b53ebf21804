"""The store: SQLAlchemy Core on SQLite or PostgreSQL; every function takes an Engine or Connection."""
