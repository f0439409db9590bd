"""Models (a cell with an output head and a loss), their generated code, training, gradient flow."""
from .model import Model, model

__all__ = ["Model", "model"]
