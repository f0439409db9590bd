"""Helpers shared by the subcommands."""
from __future__ import annotations

import os
import sys
from pathlib import Path

from ..cells.cell import Cell
from ..cells.registry import available_cells, cell


def add_cell_argument(parser, nargs=None):
    parser.add_argument("cell", metavar="CELL", nargs=nargs,
                        help="a built-in cell name (see `symlstm cells`) or a cell file")


def resolve_cell(arg: str) -> Cell:
    """A built-in name, or a path to a cell written in symlstm's equation language."""
    if arg in available_cells():
        return cell(arg)
    if os.sep in arg or arg.endswith((".cell", ".txt")) or Path(arg).is_file():
        path = Path(arg)
        if path.exists() and not path.is_file():
            raise ValueError(f"{arg!r} is not a regular file; a cell file is UTF-8 text (see docs/cell-language.md)")
        if not path.is_file():
            raise FileNotFoundError(f"no cell file {arg!r}")
        try:
            from ..cells.language import load_cell
        except ImportError as e:  # pragma: no cover - until the language module exists
            raise ValueError(f"cannot read cell file {arg!r}: {e}") from e
        return load_cell(path)
    return cell(arg)   # raises KeyError listing the available cells


def read_bounded(path: str, what: str, limit: int = 10_000_000) -> str:
    """The UTF-8 text of a regular file of at most ``limit`` bytes (never reads more than that)."""
    p = Path(path)
    if p.exists() and not p.is_file():
        raise ValueError(f"{what} {path!r} is not a regular file")
    if not p.is_file():
        raise FileNotFoundError(f"no {what} {path!r}")
    try:
        with p.open("rb") as f:
            data = f.read(limit + 1)
    except OSError as e:
        raise OSError(f"cannot read {what} {path!r}: {e.strerror or e}") from None
    if len(data) > limit:
        raise ValueError(f"{what} {path!r} is over {limit} bytes")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise ValueError(f"{what} {path!r} is not UTF-8 text ({e.reason} at byte {e.start})") from None


def write_text(path: Path, text: str) -> None:
    """Write a file atomically (a failed run leaves the old file intact)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text)
    os.replace(tmp, path)


def status(msg: str) -> None:
    """Progress for people, on stderr so stdout stays clean for pipes."""
    print(msg, file=sys.stderr, flush=True)
