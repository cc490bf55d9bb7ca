"""Plain domain objects without Qt or SQL."""
