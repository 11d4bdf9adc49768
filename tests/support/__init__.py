"""What the test suites share: a request builder, one `ask`, libraries seeded per space, and a
real PostgreSQL server for the store's contract tests (registered in `tests/conftest.py`)."""
