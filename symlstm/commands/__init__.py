"""Subcommands of the ``symlstm`` CLI: each module defines NAME, HELP, add_arguments(parser), run(args)."""
