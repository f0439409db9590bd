"""symlstm: recurrent cells as SymPy equations, derived BPTT, LaTeX and generated numeric code."""
__version__ = "0.1.0"

import importlib

from .algebra import mat, param, sigmoid, t, tanh, vec  # noqa: E402
from .cell import Cell  # noqa: E402
from .cells import available_cells, cell, register  # noqa: E402
from .compile import compile  # noqa: E402
from .derive import Derivation, derive  # noqa: E402
from .model import Model, model  # noqa: E402
from .unroll import unroll  # noqa: E402
from .verify import verify  # noqa: E402

# Names served lazily from their modules (keeps `import symlstm` light).
_LAZY = {
    "reference": "symlstm.reference",
    "gradcheck": "symlstm.gradcheck",
    "parse_cell": "symlstm.language:parse_cell",
    "load_cell": "symlstm.language:load_cell",
    "remove_gate": "symlstm.transforms:remove_gate",
    "couple": "symlstm.transforms:couple",
    "drop_activation": "symlstm.transforms:drop_activation",
    "drop_memory": "symlstm.transforms:drop_memory",
}


def __getattr__(name):
    target = _LAZY.get(name)
    if target is None:
        raise AttributeError(f"module 'symlstm' has no attribute {name!r}")
    module, _, attr = target.partition(":")
    value = importlib.import_module(module)
    return getattr(value, attr) if attr else value


__all__ = ["Cell", "Derivation", "Model", "available_cells", "cell", "compile", "derive", "mat", "model",
           "param", "register", "unroll", "verify", "sigmoid", "t", "tanh", "vec", "__version__", *_LAZY]
