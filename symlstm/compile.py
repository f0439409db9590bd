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
from .cell import Cell
from .cells import cell as _lookup
from .derive import derive

__all__ = ["compile", "CompiledCell", "generate", "cache_dir", "BACKENDS"]

BACKENDS = ("numpy",)


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
    from .codegen.numpy_backend import generate_numpy
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
    """Generate, cache and load the numeric code of ``cell`` (a Cell or a built-in name)."""
    if hasattr(cell, "compile_model"):      # a symlstm.model.Model -> CompiledModel
        return cell.compile_model(backend)
    c = _resolve(cell)
    _check_backend(backend)
    source = generate(c, backend)
    key = hashlib.sha256(f"{__version__}\0{backend}\0{source}".encode()).hexdigest()[:16]
    folder = cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{c.name}_{backend}_{key}.py"
    if not path.exists() or path.read_text() != source:
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(source)
        os.replace(tmp, path)
    return CompiledCell(c, backend, _load(path), path)


def _load(path: Path) -> ModuleType:
    name = f"symlstm_generated.{path.stem}"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    sys.modules[name] = module
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
