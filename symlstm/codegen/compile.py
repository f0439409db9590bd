"""Generate a cell's numeric code, write it to a cache folder and load it as a module."""
from __future__ import annotations

import hashlib
import importlib.util
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from . import __version__
from ..cells.cell import Cell
from ..cells.registry import cell as _lookup
from ..derive import derive

__all__ = ["compile", "CompiledCell", "generate", "cache_dir", "cache_key", "BACKENDS"]

BACKENDS = ("numpy", "numba")

#: Modules whose source decides what code is generated: part of the cache key, so a changed
#: generator never loads a stale module (and an unchanged one loads without deriving again).
#: Paths are relative to the package folder; a missing one is an error, never silently skipped.
#: Every module of codegen/ but the exports counts, so a new generator module is never left out.
_GENERATOR_MODULES = ("cells/algebra.py", "cells/cell.py", "derive.py", "latex/printing.py")


def _generator_files(root: Path) -> list[Path]:
    codegen = sorted(f for f in (root / "codegen").glob("*.py") if not f.name.startswith("export"))
    return [root / name for name in _GENERATOR_MODULES] + codegen


def cache_dir() -> Path:
    """Folder of generated modules: $SYMLSTM_CACHE_DIR, else ~/.cache/symlstm."""
    env = os.environ.get("SYMLSTM_CACHE_DIR")
    base = Path(env) if env else Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "symlstm"
    return base


def generate(cell, backend: str = "numpy") -> str:
    """Source of the standalone module for ``cell`` (deterministic: same input, same bytes)."""
    if hasattr(cell, "generate_model"):     # a symlstm.model.Model
        return cell.generate_model(backend)
    c = _resolve(cell)
    _check_backend(backend)
    if backend == "numba":
        from .numba_backend import generate_numba
        return generate_numba(derive(c))
    from .numpy_backend import generate_numpy
    return generate_numpy(derive(c))


@dataclass(frozen=True)
class CompiledCell:
    """A generated cell: ``forward(x, params, state0=None)`` and ``backward(x, params, dh, state0=None)``.

    x (T, B, I); params dict name -> array; state0 dict state -> (B, H). ``forward`` returns
    hs (T, B, H) and the final states; ``backward`` returns a dict of gradients: every
    parameter, ``x`` and ``<state>0``.
    """

    cell: Cell
    backend: str
    module: ModuleType
    path: Path

    @property
    def source(self) -> str:
        return self.path.read_text()

    def forward(self, x, params, state0=None):
        return self.module.forward(x, params, state0)

    def backward(self, x, params, dh, state0=None):
        return self.module.backward(x, params, dh, state0)

    def param_shapes(self, n_in, n_hidden):
        return self.cell.param_shapes(n_in, n_hidden)


def compile(cell, backend: str = "numpy") -> CompiledCell:  # noqa: A001 - the public name the API asks for
    """Generate, cache and load the numeric code of ``cell`` (a Cell or a built-in name).

    ``backend``: "numpy" (needs NumPy only) or "numba" (one compiled loop per pass; needs numba:
    ``pip install symlstm[numba]``). The module is written to :func:`cache_dir` under a key made
    of the cell's equations, the backend, the versions of symlstm and SymPy and the generator's
    own source, so a second call (or process) loads it without deriving again; Numba's compiled
    kernels are cached next to it, one entry per dtype.
    """
    if hasattr(cell, "compile_model"):      # a symlstm.model.Model -> CompiledModel
        return cell.compile_model(backend)
    c = _resolve(cell)
    _check_backend(backend)
    if backend == "numba":
        _require_numba()
    folder = cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{c.name}_{backend}_{cache_key(c, backend)}.py"
    if not path.exists():
        source = generate(c, backend)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(source)
        os.replace(tmp, path)
    return CompiledCell(c, backend, _load(path), path)


def cache_key(cell, backend: str) -> str:
    """16 hex digits naming the generated module of ``cell`` for ``backend`` (see :func:`compile`)."""
    import sympy
    c = _resolve(cell)
    h = hashlib.sha256()
    for part in (__version__, sympy.__version__, backend, c.name, repr(tuple(c.states)),
                 *(sympy.srepr(eq) for eq in c.equations)):
        h.update(part.encode())
        h.update(b"\0")
    for f in _generator_files(Path(__file__).parent.parent):
        h.update(f.read_bytes())
    return h.hexdigest()[:16]


def _require_numba():
    try:
        import numba  # noqa: F401
    except ImportError as e:
        raise ImportError("the numba backend needs the numba package, which is not installed; "
                          "install it with `pip install symlstm[numba]` (or `pip install numba`), "
                          "or use backend='numpy'") from e


def _load(path: Path) -> ModuleType:
    name = f"symlstm_generated.{path.stem}"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    # registered before it runs: Numba's on-disk cache finds the module again by this name
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        del sys.modules[name]
        raise
    return module


def _resolve(cell) -> Cell:
    if isinstance(cell, Cell):
        return cell
    if isinstance(cell, str):
        return _lookup(cell)
    raise TypeError(f"expected a Cell or a cell name, got {type(cell).__name__}")


def _check_backend(backend):
    if backend not in BACKENDS:
        raise ValueError(f"unknown backend {backend!r}; available: {', '.join(BACKENDS)}")
