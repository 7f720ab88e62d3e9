"""Backing up and restoring Prevent Hub: the database and the private files
together, with a manifest of SHA-256 sums (docs/operations.md "Backups",
decision 0028). The commands are `manage.py backup`, `restore` and
`restore_drill` (prevent/core/management/commands/)."""
