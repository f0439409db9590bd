"""The ``symlstm`` command line: wiring only; each subcommand lives in symlstm/commands/."""
from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from pathlib import Path

from ..codegen import __version__

__all__ = ["main", "build_parser"]

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2


def _command_modules():
    for info in sorted(pkgutil.iter_modules([str(Path(__file__).parent)]), key=lambda m: m.name):
        if not info.name.startswith("_") and info.name != "cli":
            yield importlib.import_module(f"{__package__}.{info.name}")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="symlstm",
        description="Recurrent cells as mathematics: equations, derived BPTT, LaTeX and verified code.")
    parser.add_argument("--version", action="version", version=f"symlstm {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for module in _command_modules():
        p = sub.add_parser(module.NAME, help=module.HELP, description=module.HELP)
        module.add_arguments(p)
        p.set_defaults(_run=module.run)
    return parser


def main(argv=None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code = args._run(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except (ValueError, KeyError, FileNotFoundError, IsADirectoryError) as e:
        msg = e.args[0] if isinstance(e, KeyError) and e.args else e
        print(f"symlstm {args.command}: error: {msg}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK if code is None else code


if __name__ == "__main__":
    sys.exit(main())
