"""symlstm: recurrent cells as SymPy equations, derived BPTT, LaTeX and generated numeric code."""
__version__ = "0.1.0"

from .algebra import mat, param, sigmoid, t, tanh, vec  # noqa: E402
from .cell import Cell  # noqa: E402
from .cells import available_cells, cell, register  # noqa: E402
from .derive import Derivation, derive  # noqa: E402
from .compile import compile  # noqa: E402

__all__ = ["Cell", "Derivation", "available_cells", "cell", "compile", "derive", "mat", "param",
           "register", "sigmoid", "t", "tanh", "vec", "__version__"]
