"""What both engines share: the library's queries, written once over a small `Database` port.

Each engine (`storage.sqlite`, `storage.postgres`) supplies a `Database` (connections,
transactions, placeholders, its exceptions mapped to `storage.errors`) and a `Search` (its own
full-text index); everything else — scoping, numbering, feeds, transfer — is here, once.
"""
