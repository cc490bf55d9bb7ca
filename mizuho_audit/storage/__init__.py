"""SQLite storage: connection, migrations and repositories. The only package that speaks SQL."""
