"""Shared helpers every layer may use: errors and exit codes, messages (zh/en), where data lives, atomic writes, the user's settings, amounts."""
