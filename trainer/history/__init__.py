"""History: every set the user did, kept in SQLite in the data folder (no Qt)."""
