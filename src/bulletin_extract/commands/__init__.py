"""Subcommands of the ``bulletin-extract`` CLI, one module each with a ``register(subparsers)`` function."""
