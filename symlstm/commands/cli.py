"""The ``symlstm`` command line: wiring only; each subcommand lives in symlstm/commands/."""
from __future__ import annotations

import argparse
import importlib
import math
import os
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


class _CommandParser(argparse.ArgumentParser):
    """A subcommand's parser: options anywhere among the positionals (``verify lstm --rename M CLAIM``),
    and every usage error (unknown arguments included) reported with the subcommand's own usage."""

    _inner = False

    def parse_known_args(self, args=None, namespace=None):
        if self._inner:          # parse_known_intermixed_args calls back into this method
            return super().parse_known_args(args, namespace)
        self._inner = True
        try:
            namespace, extras = self.parse_known_intermixed_args(args, namespace)
        finally:
            self._inner = False
        if extras:
            self.error(f"unrecognized arguments: {' '.join(extras)}")
        return namespace, extras


def _finite(convert):
    """A float option's type that refuses inf and nan (``--timeout inf``, ``1e999``)."""
    def finite(text):
        value = convert(text)
        if not math.isfinite(value):
            raise argparse.ArgumentTypeError(f"expected a finite number, got {text!r}")
        return value
    finite.__name__ = getattr(convert, "__name__", "float")
    return finite


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="symlstm",
        description="Recurrent cells as mathematics: equations, derived BPTT, LaTeX and verified code.")
    parser.add_argument("--version", action="version", version=f"symlstm {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_CommandParser)
    sub.required = True
    for module in _command_modules():
        p = sub.add_parser(module.NAME, help=module.HELP, description=module.HELP)
        module.add_arguments(p)
        for action in p._actions:
            if action.type is float:
                action.type = _finite(float)
        p.set_defaults(_run=module.run)
    return parser


#: Errors a user's input can cause: one line on stderr and exit status 2.
_USER_ERRORS = (ValueError, KeyError, OSError, OverflowError, MemoryError, RecursionError, ImportError,
                NotImplementedError, TypeError, LookupError, ArithmeticError)


def main(argv=None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        _check_input_files(args)
        code = args._run(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as e:   # no traceback reaches a user (SYMLSTM_DEBUG=1 shows it)
        if os.environ.get("SYMLSTM_DEBUG"):
            raise
        print(f"symlstm {args.command}: error: {_message(e)}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK if code is None else code


#: Options that name a file to read (``verify --file``, ``verify --macros``, ``unroll --values``), and the largest
#: accepted.
_INPUT_FILE_OPTIONS = ("file", "values", "macros")
MAX_INPUT_FILE_BYTES = 10_000_000


def _check_input_files(args):
    """A file named by an option is a regular file of bounded size (``--file /dev/zero`` never ends)."""
    for dest in _INPUT_FILE_OPTIONS:
        name = getattr(args, dest, None)
        if not isinstance(name, str):
            continue
        path = Path(name)
        if path.exists() and not path.is_file():
            raise ValueError(f"--{dest} {name!r} is not a regular file")
        if path.is_file() and path.stat().st_size > MAX_INPUT_FILE_BYTES:
            raise ValueError(f"--{dest} {name!r} is {path.stat().st_size} bytes; the limit is "
                             f"{MAX_INPUT_FILE_BYTES} bytes")


def _message(e: BaseException) -> str:
    if isinstance(e, KeyError) and e.args:
        msg = str(e.args[0])
    elif isinstance(e, MemoryError):
        msg = f"out of memory{': ' + str(e) if str(e) else ''}; try smaller sizes"
    elif isinstance(e, RecursionError):
        msg = "input nested too deeply"
    else:
        msg = str(e) or type(e).__name__
    if not isinstance(e, _USER_ERRORS):
        msg = f"{type(e).__name__}: {msg} (an internal error; SYMLSTM_DEBUG=1 shows the traceback)"
    return msg


if __name__ == "__main__":
    sys.exit(main())
