"""Code generation: a backend-neutral plan, NumPy and Numba printers, the on-disk cache.

``__version__`` is the package's version (``symlstm.__version__``): it stamps every generated
module and keys the cache, so it lives at the bottom of the pipeline that reads it.
"""
__version__ = "0.1.0"
