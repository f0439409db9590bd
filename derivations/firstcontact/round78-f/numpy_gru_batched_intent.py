# source: public GitHub Python file, search-index file id 54302769120 (15,500 characters; the index does not name its repository, path, author or date): "EcoMind RNN Intent Classifier — Built from scratch using NumPy only", token ids -> Embedding -> batched GRU layer -> soft attention over time -> Dense(ReLU) -> Dropout -> Dense -> softmax, trained with mean cross-entropy over the batch and Adam. Kept verbatim: the module docstring and imports (file lines 1-21) and class GRULayer (__init__, _sigmoid, _tanh, forward, backward, params). Cut: Tokenizer, EmbeddingLayer, AttentionLayer, DenseLayer, DropoutLayer, IntentClassifier (its backward sets dlogits = probs - onehot, divides by the batch size and passes the attention layer's dH, shape (batch, seq_len, hidden), as dAll to GRULayer.backward) and AdamOptimizer.
"""
EcoMind RNN Intent Classifier
Built from scratch using NumPy only — no PyTorch, no TensorFlow.

Architecture:
  Input tokens (max_len=20)
      ↓
  Embedding Layer (vocab_size × embed_dim=32)
      ↓
  GRU Layer (hidden_dim=64) — understands word sequences
      ↓
  Attention Layer (weights each time step)
      ↓
  Dense (64 → 32) + ReLU
      ↓
  Output (32 → 8 classes) + Softmax
"""

import numpy as np
import json
import os


class GRULayer:
    """
    Gated Recurrent Unit — processes sequences, remembers context.
    
    Unlike simple RNN, GRU has:
    - Update gate z: decides how much of old hidden state to keep
    - Reset gate r: decides how much of old state influences new candidate
    This helps with longer sequences and avoids vanishing gradients.
    """

    def __init__(self, input_dim, hidden_dim):
        self.input_dim  = input_dim
        self.hidden_dim = hidden_dim
        h = hidden_dim
        d = input_dim

        # Xavier init for gates
        scale_z = np.sqrt(2.0 / (d + h))
        scale_h = np.sqrt(2.0 / (d + h))

        # Update gate z
        self.Wz = np.random.randn(d, h) * scale_z
        self.Uz = np.random.randn(h, h) * scale_z
        self.bz = np.zeros(h)

        # Reset gate r
        self.Wr = np.random.randn(d, h) * scale_z
        self.Ur = np.random.randn(h, h) * scale_z
        self.br = np.zeros(h)

        # Candidate hidden state
        self.Wh = np.random.randn(d, h) * scale_h
        self.Uh = np.random.randn(h, h) * scale_h
        self.bh = np.zeros(h)

        # Gradients
        self.dWz = np.zeros_like(self.Wz)
        self.dUz = np.zeros_like(self.Uz)
        self.dbz = np.zeros(h)
        self.dWr = np.zeros_like(self.Wr)
        self.dUr = np.zeros_like(self.Ur)
        self.dbr = np.zeros(h)
        self.dWh = np.zeros_like(self.Wh)
        self.dUh = np.zeros_like(self.Uh)
        self.dbh = np.zeros(h)

    def _sigmoid(self, x):
        return 1.0 / (1.0 + np.exp(-np.clip(x, -15, 15)))

    def _tanh(self, x):
        return np.tanh(np.clip(x, -15, 15))

    def forward(self, X):
        """
        X: (batch, seq_len, input_dim)
        Returns all_hidden: (batch, seq_len, hidden_dim)
        """
        batch, seq_len, _ = X.shape
        h = np.zeros((batch, self.hidden_dim))

        self._X  = X
        self._hs = np.zeros((batch, seq_len + 1, self.hidden_dim))
        self._zs = np.zeros((batch, seq_len, self.hidden_dim))
        self._rs = np.zeros((batch, seq_len, self.hidden_dim))
        self._hs_tilde = np.zeros((batch, seq_len, self.hidden_dim))
        self._hs[: , 0, :] = h

        for t in range(seq_len):
            x_t = X[:, t, :]
            z = self._sigmoid(x_t @ self.Wz + h @ self.Uz + self.bz)
            r = self._sigmoid(x_t @ self.Wr + h @ self.Ur + self.br)
            h_tilde = self._tanh(x_t @ self.Wh + (r * h) @ self.Uh + self.bh)
            h = (1 - z) * h + z * h_tilde
            self._hs[:, t+1, :] = h
            self._zs[:, t, :]   = z
            self._rs[:, t, :]   = r
            self._hs_tilde[:, t, :] = h_tilde

        return self._hs[:, 1:, :]  # (batch, seq_len, hidden_dim)

    def backward(self, dAll):
        """dAll: (batch, seq_len, hidden_dim)"""
        batch, seq_len, _ = dAll.shape
        dh_next = np.zeros((batch, self.hidden_dim))

        self.dWz = np.zeros_like(self.Wz)
        self.dUz = np.zeros_like(self.Uz)
        self.dbz = np.zeros(self.hidden_dim)
        self.dWr = np.zeros_like(self.Wr)
        self.dUr = np.zeros_like(self.Ur)
        self.dbr = np.zeros(self.hidden_dim)
        self.dWh = np.zeros_like(self.Wh)
        self.dUh = np.zeros_like(self.Uh)
        self.dbh = np.zeros(self.hidden_dim)
        dX = np.zeros_like(self._X)

        for t in reversed(range(seq_len)):
            dh = dAll[:, t, :] + dh_next
            z  = self._zs[:, t, :]
            r  = self._rs[:, t, :]
            h_tilde = self._hs_tilde[:, t, :]
            h_prev  = self._hs[:, t, :]
            x_t     = self._X[:, t, :]

            # d h_tilde
            dh_tilde = dh * z
            dtanh    = dh_tilde * (1 - h_tilde ** 2)

            self.dWh += x_t.T @ dtanh
            self.dUh += (r * h_prev).T @ dtanh
            self.dbh += dtanh.sum(axis=0)
            dX[:, t, :] += dtanh @ self.Wh.T
            dr_h   = dtanh @ self.Uh.T
            dr     = dr_h * h_prev
            dh_prev_from_r = dr_h * r

            # d z gate
            dz   = dh * (h_tilde - h_prev)
            dsig_z = dz * z * (1 - z)
            self.dWz += x_t.T @ dsig_z
            self.dUz += h_prev.T @ dsig_z
            self.dbz += dsig_z.sum(axis=0)
            dX[:, t, :] += dsig_z @ self.Wz.T
            dh_prev_from_z = dsig_z @ self.Uz.T

            # d r gate
            dsig_r = dr * r * (1 - r)
            self.dWr += x_t.T @ dsig_r
            self.dUr += h_prev.T @ dsig_r
            self.dbr += dsig_r.sum(axis=0)
            dX[:, t, :] += dsig_r @ self.Wr.T
            dh_prev_from_r2 = dsig_r @ self.Ur.T

            dh_next = (dh * (1 - z) + dh_prev_from_z +
                       dh_prev_from_r + dh_prev_from_r2)

        return dX

    def params(self):
        return [
            ('Wz', self.Wz, self.dWz), ('Uz', self.Uz, self.dUz), ('bz', self.bz, self.dbz),
            ('Wr', self.Wr, self.dWr), ('Ur', self.Ur, self.dUr), ('br', self.br, self.dbr),
            ('Wh', self.Wh, self.dWh), ('Uh', self.Uh, self.dUh), ('bh', self.bh, self.dbh),
        ]
