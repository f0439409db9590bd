# source: https://github.com/yravan/ml_implementation/blob/33864a57f4ec34e161ae418d9c094c2c54cc17d4/python/nn_core/recurrent_functional.py (Yajvan Ravan / yravan, "ml_implementation", learning repository with its own numpy autograd engine (python/foundations: Function subclasses with forward/backward on np.ndarray, wrapped by convert_to_function); commit 33864a5 "lots of reorganization" of 2026-02-17: the RNNCell forward/backward filled in by the author, LSTMCell/GRUCell still template stubs. The RNNCell backward was rewritten in 7241f02 "finished recurrent and attention" (2026-02-19) to grad_W_ih = self.x[-1].T @ grad_pre_act, grad_x = grad_pre_act @ self.W_ih.T etc.). Kept verbatim: file lines 1-117 (module docstring, imports, class RNNCell with forward and backward); cut: lines 118-end (LSTMCell and GRUCell stubs whose bodies are only raise NotImplementedError("TODO ... Hint: ...") strings, and the Bidirectional stub).
"""
Recurrent Functional Operations
================================

This module provides functional operations for recurrent layers.
Function classes handle the forward/backward computation with np.ndarray,
while Module classes in recurrent.py wrap these for Tensor operations.

Function Classes:
    - RNNCell: Vanilla RNN cell functional
    - LSTMCell: LSTM cell functional
    - GRUCell: GRU cell functional
    - Bidirectional: Bidirectional RNN wrapper functional

Helper Functions:
    - rnn_cell, lstm_cell, gru_cell: Functional interfaces
    - sigmoid, tanh: Activation helpers
"""

import numpy as np
from typing import Tuple, Optional, Union

from python.foundations import Function, convert_to_function, _no_grad
from python.nn_core.activations_functional import tanh


# =============================================================================
# RNN Cell Function Class
# =============================================================================

class RNNCell(Function):
    """
    Vanilla RNN Cell functional operation.

    Single step of a recurrent neural network.

    Math:
        h_t = tanh(x_t @ W_ih^T + b_ih + h_{t-1} @ W_hh^T + b_hh)

    Input shapes:
        x: (batch, input_size)
        h: (batch, hidden_size)
        W_ih: (hidden_size, input_size)
        W_hh: (hidden_size, hidden_size)
        b_ih, b_hh: (hidden_size,)

    Output:
        h_new: (batch, hidden_size)
    """

    def forward(
        self,
        x: np.ndarray,
        h: np.ndarray,
        W_ih: np.ndarray,
        W_hh: np.ndarray,
        b_h: np.ndarray,
        nonlinearity: str = 'tanh',
    ) -> np.ndarray:
        """
        Compute one RNN cell step.

        Args:
            x: Input at current timestep (batch, input_size)
            h: Hidden state from previous step (batch, hidden_size)
            W_ih: Input-to-hidden weights
            W_hh: Hidden-to-hidden weights
            b_ih: Input-to-hidden bias
            b_hh: Hidden-to-hidden bias

        Returns:
            New hidden state (batch, hidden_size)
        """
        pre_act = x @ W_ih + h @ W_hh + b_h
        if nonlinearity == 'tanh':
            h_new = np.tanh(pre_act)
        elif nonlinearity == 'relu':
            h_new =  np.maximum(0, pre_act)
        else:
            raise ValueError('Nonlinearity not recognized', nonlinearity)
        global _no_grad
        if not _no_grad:
            self.x = x
            self.W_ih = W_ih
            self.h = h
            self.W_hh = W_hh
            self.nonlinearity = nonlinearity
            self.h_new = h_new
        return h_new

    def backward(
        self,
        grad_h_new: np.ndarray
    ) -> Tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """
        Compute gradients for RNN cell.

        Args:
            grad_h_new: Gradient w.r.t. new hidden state

        Returns:
            Tuple of (grad_x, grad_h, grad_W_ih, grad_W_hh, grad_b_ih, grad_b_hh)
        """
        if self.nonlinearity == 'tanh':
            grad_pre_act = (1 - self.h_new ** 2) * grad_h_new
        if self.nonlinearity == 'relu':
            grad_pre_act = (self.h_new > 0).astype(grad_h_new.dtype) * grad_h_new

        grad_b_h = grad_pre_act.sum(axis=0)

        grad_W_ih = self.x.T @ grad_h_new
        grad_W_hh = self.h.T @ grad_h_new

        grad_x = (self.W_ih @ grad_h_new).T
        grad_h = (self.W_hh @ grad_h_new).T

        return grad_x, grad_h, grad_W_ih, grad_W_hh, grad_b_h
