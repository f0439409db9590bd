# source: https://github.com/keywind127/keydnn_v2/blob/693524213b2d60c46d21e74e5427c35f641cb556/src/keydnn/infrastructure/recurrent/_gru_module.py (GitHub user keywind127 / git author "Keywind", KeyDNN v2, a small CPU deep-learning framework with its own Tensor/Context autograd; commit 6935242 "feat(rnn): add GRU and Bidirectional support with comprehensive tests" of 2025-12-22, the first version of the file: GRUCell.forward in numpy attaches a Context whose backward_fn is the hand-written GRUCell._backward. From 9c2c300 (2025-12-24) on, forward is rewritten with Tensor ops and _backward is kept as an unwired legacy reference). Kept verbatim: file lines 1-483 (module docstring, imports, tensor_from_numpy, _sigmoid, class GRUCell: __post_init__, forward, _backward); cut: lines 484-699 (GRUCell.get_config/from_config and the GRU sequence layer, which loops h_prev = self.cell.forward(x[t], h_prev) over t and stacks the states, so BPTT is done by the engine summing the per-step Context gradients).
"""
Gated Recurrent Unit (GRU) layers for KeyDNN.

This module provides a minimal, CPU-only implementation of a vanilla GRU,
including both a single-timestep cell (`GRUCell`) and a unidirectional
sequence layer (`GRU`) that applies the cell over a time-major input.

Implemented components
----------------------
- `tensor_from_numpy`:
    Utility to construct a KeyDNN `Tensor` from a NumPy array.
- `_sigmoid`:
    Numerically stable sigmoid used for gate activations.
- `GRUCell`:
    Computes one GRU step using packed parameters and a manual backward.
- `GRU`:
    Applies `GRUCell` over a time-major sequence input of shape (T, N, D).

GRU equations (per timestep)
----------------------------
Given x_t (N, D) and h_{t-1} (N, H):

    a_z = x_t W_iz + h_{t-1} W_hz + b_z
    a_r = x_t W_ir + h_{t-1} W_hr + b_r
    z   = sigmoid(a_z)
    r   = sigmoid(a_r)

    a_n = x_t W_in + (r * h_{t-1}) W_hn + b_n
    n   = tanh(a_n)

    h_t = (1 - z) * n + z * h_{t-1}

Parameter packing
-----------------
Weights and biases are stored in packed form, similar to the LSTM module:

    W_ih : (D, 3H)  -> [W_iz | W_ir | W_in]
    W_hh : (H, 3H)  -> [W_hz | W_hr | W_hn]
    b_ih : (3H,) optional
    b_hh : (3H,) optional

Biases are expanded explicitly in NumPy to avoid relying on Tensor broadcasting
semantics (KeyDNN enforces strict shape equality for elementwise operations).

Autograd notes
--------------
- `GRUCell` constructs an explicit `Context` and provides a manual backward.
- `GRU` builds a BPTT graph by indexing x[t] (preserving gradient connectivity)
  and stacking per-timestep hidden states via `Tensor.stack`.

Notes
-----
- This implementation targets correctness and readability (NumPy on CPU),
  not performance.
- Device handling is CPU-only; parameters are created on CPU.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Dict, Optional

import numpy as np

from ...domain.device._device import Device
from .._module import Module
from .._parameter import Parameter
from .._tensor import Context, Tensor
from ..module._serialization_core import register_module


def tensor_from_numpy(
    arr: np.ndarray, *, device: Device, requires_grad: bool = False
) -> Tensor:
    """
    Construct a KeyDNN Tensor from a NumPy array.

    Parameters
    ----------
    arr : np.ndarray
        Input array to copy into tensor storage. The array is converted to
        float32.
    device : Device
        Target device for the constructed tensor.
    requires_grad : bool, optional
        Whether the resulting tensor should participate in autograd.

    Returns
    -------
    Tensor
        A KeyDNN Tensor with the same shape as `arr`, stored on `device`,
        containing a float32 copy of the input data.
    """
    arr = np.asarray(arr, dtype=np.float32)
    out = Tensor(shape=arr.shape, device=device, requires_grad=requires_grad)
    out.copy_from_numpy(arr)
    return out


def _sigmoid(x: np.ndarray) -> np.ndarray:
    """
    Compute a numerically stable sigmoid on a NumPy array.

    Parameters
    ----------
    x : np.ndarray
        Input array.

    Returns
    -------
    np.ndarray
        Output array with sigmoid applied elementwise (float32).

    Notes
    -----
    This implementation avoids overflow by treating positive and negative
    values separately.
    """
    # numerically stable sigmoid
    x = x.astype(np.float32, copy=False)
    out = np.empty_like(x, dtype=np.float32)
    pos = x >= 0
    neg = ~pos
    out[pos] = 1.0 / (1.0 + np.exp(-x[pos], dtype=np.float32))
    ex = np.exp(x[neg], dtype=np.float32)
    out[neg] = ex / (1.0 + ex)
    return out


@register_module()
@dataclass
class GRUCell(Module):
    """
    Vanilla GRU cell operating on a single timestep.

    This cell computes the next hidden state h_t from the current input x_t
    and previous hidden state h_{t-1} using update/reset gates.

    Parameters
    ----------
    input_size : int
        Input feature dimension D.
    hidden_size : int
        Hidden state dimension H.
    bias : bool, optional
        If True, includes packed bias parameters b_ih and b_hh (both shape (3H,)).
        Default is True.

    Attributes
    ----------
    W_ih : Parameter
        Packed input-to-hidden weight matrix of shape (D, 3H).
    W_hh : Parameter
        Packed hidden-to-hidden weight matrix of shape (H, 3H).
    b_ih : Optional[Parameter]
        Packed input bias of shape (3H,) if `bias=True`, else None.
    b_hh : Optional[Parameter]
        Packed hidden bias of shape (3H,) if `bias=True`, else None.

    Input / Output shapes
    ---------------------
    x_t    : (N, D)
    h_prev : (N, H)
    h_t    : (N, H)

    Autograd notes
    -------------
    - A manual backward is implemented in `_backward` and connected through `Context`.
    - Since this is a dataclass, `Module.__init__()` is not invoked automatically;
      it is called explicitly in `__post_init__` to enable parameter auto-registration.
    """

    input_size: int
    hidden_size: int
    bias: bool = True

    def __post_init__(self) -> None:
        """
        Dataclass post-initialization hook.

        Initializes the Module base class (required for parameter/module
        auto-registration) and allocates packed GRU parameters on CPU with
        small uniform random initialization.
        """
        # dataclass does not call Module.__init__
        Module.__init__(self)

        k = 1.0 / np.sqrt(self.hidden_size)
        device = Device("cpu")

        # Packed weights
        Wih = np.random.uniform(
            -k, k, size=(self.input_size, 3 * self.hidden_size)
        ).astype(np.float32)
        Whh = np.random.uniform(
            -k, k, size=(self.hidden_size, 3 * self.hidden_size)
        ).astype(np.float32)

        self.W_ih = Parameter(shape=Wih.shape, device=device, requires_grad=True)
        self.W_hh = Parameter(shape=Whh.shape, device=device, requires_grad=True)
        self.W_ih.copy_from_numpy(Wih)
        self.W_hh.copy_from_numpy(Whh)

        if self.bias:
            bih = np.random.uniform(-k, k, size=(3 * self.hidden_size,)).astype(
                np.float32
            )
            bhh = np.random.uniform(-k, k, size=(3 * self.hidden_size,)).astype(
                np.float32
            )
            self.b_ih = Parameter(shape=bih.shape, device=device, requires_grad=True)
            self.b_hh = Parameter(shape=bhh.shape, device=device, requires_grad=True)
            self.b_ih.copy_from_numpy(bih)
            self.b_hh.copy_from_numpy(bhh)
        else:
            self.b_ih = None
            self.b_hh = None

    def forward(self, x_t: Tensor, h_prev: Tensor) -> Tensor:
        """
        Compute the next hidden state for one GRU timestep.

        Parameters
        ----------
        x_t : Tensor
            Input at the current timestep, shape (N, D).
        h_prev : Tensor
            Previous hidden state, shape (N, H).

        Returns
        -------
        Tensor
            Next hidden state h_t, shape (N, H).

        Notes
        -----
        - Parameters are stored in packed form (3H columns) and split internally.
        - Biases are expanded in NumPy to match batch shape, avoiding reliance on
          Tensor broadcasting.
        - If autograd is required, this method attaches a `Context` that routes
          gradients through `_backward`.
        """
        """
        Forward pass for one timestep.

        x_t : (N, D)
        h_prev : (N, H)
        returns h_t : (N, H)
        """
        x = x_t.to_numpy().astype(np.float32, copy=False)  # (N, D)
        h = h_prev.to_numpy().astype(np.float32, copy=False)  # (N, H)

        Wih = self.W_ih.to_numpy().astype(np.float32, copy=False)  # (D, 3H)
        Whh = self.W_hh.to_numpy().astype(np.float32, copy=False)  # (H, 3H)

        a = x @ Wih + h @ Whh  # (N, 3H)

        if self.bias:
            N = x.shape[0]
            bih = self.b_ih.to_numpy().reshape(1, -1)  # (1, 3H)
            bhh = self.b_hh.to_numpy().reshape(1, -1)  # (1, 3H)
            a = a + np.repeat(bih, N, axis=0) + np.repeat(bhh, N, axis=0)

        H = self.hidden_size
        a_z = a[:, 0:H]
        a_r = a[:, H : 2 * H]
        a_n_base = a[
            :, 2 * H : 3 * H
        ]  # this is xWin + hWhn + biases; we'll adjust with r*h

        # But for GRU, candidate uses (r*h) @ Whn, not h @ Whn.
        # Since our packed 'a' used h @ Whh, we cannot reuse a_n_base directly.
        # So compute gates separately:
        # Split packed weights.
        W_iz = Wih[:, 0:H]
        W_ir = Wih[:, H : 2 * H]
        W_in = Wih[:, 2 * H : 3 * H]

        W_hz = Whh[:, 0:H]
        W_hr = Whh[:, H : 2 * H]
        W_hn = Whh[:, 2 * H : 3 * H]

        # Bias split
        if self.bias:
            b_ih = self.b_ih.to_numpy().astype(np.float32, copy=False)
            b_hh = self.b_hh.to_numpy().astype(np.float32, copy=False)
            b_z = (b_ih[0:H] + b_hh[0:H]).reshape(1, -1)
            b_r = (b_ih[H : 2 * H] + b_hh[H : 2 * H]).reshape(1, -1)
            b_n = (b_ih[2 * H : 3 * H] + b_hh[2 * H : 3 * H]).reshape(1, -1)
        else:
            b_z = None
            b_r = None
            b_n = None

        a_z = x @ W_iz + h @ W_hz
        a_r = x @ W_ir + h @ W_hr
        if b_z is not None:
            a_z = a_z + np.repeat(b_z, x.shape[0], axis=0)
            a_r = a_r + np.repeat(b_r, x.shape[0], axis=0)

        z = _sigmoid(a_z)  # (N, H)
        r = _sigmoid(a_r)  # (N, H)

        rh = r * h  # (N, H)
        a_n = x @ W_in + rh @ W_hn
        if b_n is not None:
            a_n = a_n + np.repeat(b_n, x.shape[0], axis=0)

        n = np.tanh(a_n).astype(np.float32)  # (N, H)

        h_t_np = ((1.0 - z) * n + z * h).astype(np.float32)  # (N, H)

        req = Tensor._result_requires_grad(
            x_t,
            h_prev,
            self.W_ih,
            self.W_hh,
            *([self.b_ih, self.b_hh] if self.bias else []),
        )

        out = Tensor(shape=h_t_np.shape, device=x_t.device, requires_grad=req)
        out.copy_from_numpy(h_t_np)

        if req:
            parents = (x_t, h_prev, self.W_ih, self.W_hh)
            if self.bias:
                parents = parents + (self.b_ih, self.b_hh)

            ctx = Context(
                parents=parents,
                backward_fn=lambda grad_out: self._backward(ctx, grad_out),
            )
            # Save tensors needed for backward:
            # x_t, h_prev, z, r, n, plus raw weights splits
            z_t = tensor_from_numpy(z, device=x_t.device, requires_grad=False)
            r_t = tensor_from_numpy(r, device=x_t.device, requires_grad=False)
            n_t = tensor_from_numpy(n, device=x_t.device, requires_grad=False)
            ctx.save_for_backward(x_t, h_prev, z_t, r_t, n_t)
            out._set_ctx(ctx)

        return out

    def _backward(self, ctx: Context, grad_out: Tensor):
        """
        Backward pass for one GRU timestep.

        Computes gradients with respect to inputs, previous hidden state,
        and packed parameters using the stored forward intermediates.

        Parameters
        ----------
        ctx : Context
            Autograd context containing saved tensors and parent references.
        grad_out : Tensor
            Upstream gradient with respect to h_t, shape (N, H).

        Returns
        -------
        tuple
            Gradients aligned with `ctx.parents`:
            (dx_t, dh_prev, dW_ih, dW_hh[, db_ih, db_hh])
            where entries may be None when the corresponding parent does not
            require gradients.

        Notes
        -----
        - Bias gradients are computed for the combined per-gate bias
          b_gate = b_ih_gate + b_hh_gate and then mirrored to both b_ih and b_hh,
          matching the forward bias composition used in this implementation.
        """
        """
        Returns grads aligned with ctx.parents:
          (dx, dh_prev, dW_ih, dW_hh[, db_ih, db_hh])
        """
        x_t, h_prev, z_t, r_t, n_t = ctx.saved_tensors

        x = x_t.to_numpy().astype(np.float32, copy=False)  # (N, D)
        h = h_prev.to_numpy().astype(np.float32, copy=False)  # (N, H)
        z = z_t.to_numpy().astype(np.float32, copy=False)  # (N, H)
        r = r_t.to_numpy().astype(np.float32, copy=False)  # (N, H)
        n = n_t.to_numpy().astype(np.float32, copy=False)  # (N, H)
        gh = grad_out.to_numpy().astype(np.float32, copy=False)  # (N, H)

        N, D = x.shape
        H = self.hidden_size

        Wih = self.W_ih.to_numpy().astype(np.float32, copy=False)  # (D, 3H)
        Whh = self.W_hh.to_numpy().astype(np.float32, copy=False)  # (H, 3H)

        # Split weights
        W_iz = Wih[:, 0:H]
        W_ir = Wih[:, H : 2 * H]
        W_in = Wih[:, 2 * H : 3 * H]

        W_hz = Whh[:, 0:H]
        W_hr = Whh[:, H : 2 * H]
        W_hn = Whh[:, 2 * H : 3 * H]

        # h_t = n + z*(h - n)
        grad_z = gh * (h - n)  # (N, H)
        grad_n = gh * (1.0 - z)  # (N, H)
        grad_h = gh * z  # (N, H)  (direct path)

        # n = tanh(a_n)
        grad_a_n = grad_n * (1.0 - n * n)  # (N, H)

        # a_n = x @ W_in + (r*h) @ W_hn + b_n
        rh = r * h
        grad_x = grad_a_n @ W_in.T  # (N, D)
        grad_W_in = x.T @ grad_a_n  # (D, H)
        grad_W_hn = rh.T @ grad_a_n  # (H, H)
        grad_rh = grad_a_n @ W_hn.T  # (N, H)

        # rh = r*h
        grad_r = grad_rh * h  # (N, H)
        grad_h += grad_rh * r  # add h path through rh

        # r = sigmoid(a_r)
        grad_a_r = grad_r * (r * (1.0 - r))  # (N, H)

        grad_x += grad_a_r @ W_ir.T
        grad_h += grad_a_r @ W_hr.T
        grad_W_ir = x.T @ grad_a_r
        grad_W_hr = h.T @ grad_a_r

        # z = sigmoid(a_z)
        grad_a_z = grad_z * (z * (1.0 - z))  # (N, H)

        grad_x += grad_a_z @ W_iz.T
        grad_h += grad_a_z @ W_hz.T
        grad_W_iz = x.T @ grad_a_z
        grad_W_hz = h.T @ grad_a_z

        # Pack weight grads to (D, 3H) and (H, 3H)
        grad_Wih = np.concatenate([grad_W_iz, grad_W_ir, grad_W_in], axis=1).astype(
            np.float32
        )
        grad_Whh = np.concatenate([grad_W_hz, grad_W_hr, grad_W_hn], axis=1).astype(
            np.float32
        )

        gx = (
            tensor_from_numpy(grad_x, device=x_t.device, requires_grad=False)
            if x_t.requires_grad
            else None
        )
        gh_prev = (
            tensor_from_numpy(grad_h, device=h_prev.device, requires_grad=False)
            if h_prev.requires_grad
            else None
        )
        gWih = (
            tensor_from_numpy(grad_Wih, device=self.W_ih.device, requires_grad=False)
            if self.W_ih.requires_grad
            else None
        )
        gWhh = (
            tensor_from_numpy(grad_Whh, device=self.W_hh.device, requires_grad=False)
            if self.W_hh.requires_grad
            else None
        )

        if self.bias:
            # For our split-bias design we treat b_ih and b_hh as combined per-gate in forward:
            # b_gate = b_ih_gate + b_hh_gate, so gradient should be split identically to both.
            db_z = grad_a_z.sum(axis=0).astype(np.float32)
            db_r = grad_a_r.sum(axis=0).astype(np.float32)
            db_n = grad_a_n.sum(axis=0).astype(np.float32)
            db = np.concatenate([db_z, db_r, db_n], axis=0).astype(np.float32)

            gbih = (
                tensor_from_numpy(db, device=self.b_ih.device, requires_grad=False)
                if self.b_ih.requires_grad
                else None
            )
            gbhh = (
                tensor_from_numpy(db, device=self.b_hh.device, requires_grad=False)
                if self.b_hh.requires_grad
                else None
            )
            return (gx, gh_prev, gWih, gWhh, gbih, gbhh)

        return (gx, gh_prev, gWih, gWhh)
