"""symlstm: recurrent cells as SymPy equations, derived BPTT, LaTeX and generated numeric code."""
import importlib
import inspect as _inspect
import sys as _sys
import types as _types

from .codegen import __version__
from .cells.registry import available_cells, cell, register
from .cells.algebra import mat, param, sigmoid, t, tanh, vec
from .cells.cell import Cell
from .codegen.compile import compile
from .derive import Derivation
from .models import Model, model
from . import unroll  # noqa: F401  (made callable below)
from .verify import verify_file, verify_tex


class _CallableModule(_types.ModuleType):
    """A module that is also its main function, for the three whose function has the module's name.

    ``symlstm.verify`` stays the package symlstm/verify/ (so ``import symlstm.verify.judging.judge as j``
    and ``symlstm.verify.api`` work) and ``symlstm.verify(cell, claim)`` calls
    :func:`symlstm.verify.api.verify`; likewise ``symlstm.derive(...)`` and ``symlstm.unroll(...)``.
    Binding the function itself to the name would hide the module from attribute access."""

    def __call__(self, *args, **kwargs):
        return getattr(self, self.__name__.rpartition(".")[2])(*args, **kwargs)


for _name in ("derive", "unroll", "verify"):
    _module = _sys.modules[f"{__name__}.{_name}"]
    _module.__class__ = _CallableModule
    _module.__signature__ = _inspect.signature(getattr(_module, _name))
    globals()[_name] = _module
del _name, _module

# Names served lazily from their modules (keeps `import symlstm` light).
_LAZY = {
    "reference": "symlstm.checks.reference",
    "gradcheck": "symlstm.checks.gradcheck",
    "parse_cell": "symlstm.cells.language:parse_cell",
    "load_cell": "symlstm.cells.language:load_cell",
    "format_cell": "symlstm.cells.language:format_cell",
    "CellError": "symlstm.cells.language:CellError",
    "remove_gate": "symlstm.cells.transforms:remove_gate",
    "couple": "symlstm.cells.transforms:couple",
    "drop_activation": "symlstm.cells.transforms:drop_activation",
    "drop_memory": "symlstm.cells.transforms:drop_memory",
    "drop_params": "symlstm.cells.transforms:drop_params",
    "export": "symlstm.codegen.export:export",
}


def __getattr__(name):
    target = _LAZY.get(name)
    if target is None:
        raise AttributeError(f"module 'symlstm' has no attribute {name!r}")
    module, _, attr = target.partition(":")
    value = importlib.import_module(module)
    return getattr(value, attr) if attr else value


def __dir__():
    return sorted(set(globals()) | set(_LAZY))


__all__ = ["Cell", "Derivation", "Model", "available_cells", "cell", "compile", "derive", "mat", "model",
           "param", "register", "unroll", "verify", "verify_file", "verify_tex", "sigmoid", "t", "tanh", "vec",
           "__version__", *_LAZY]
