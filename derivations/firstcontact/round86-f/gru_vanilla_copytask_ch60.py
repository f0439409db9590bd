# source: public GitHub Python file, search-index file id 59293025318 (13,764 characters; the index does not name its repository, path or author). Code extracted from a textbook chapter ("Chapter 60 — Recurrent Networks: RNN, LSTM, and GRU", src/.../ch060-rnns.md, "Regenerate with: make code"); sibling extracts of the same chapter are file ids 59216723620 (vanilla BPTT / matrix power) and 59250397539 (LSTM carry path, no backward). Kept verbatim: the header, docstring, import, rng, sigmoid, make_copy_task, class GRUNet, class VanillaNet, train(). Cut: everything after train() (the printed experiment tables, the "gradient reaching step 0" measurement, train_truncated and the truncated-BPTT table).
# -*- coding: utf-8 -*-
# Extracted from: Chapter 60 — Recurrent Networks: RNN, LSTM, and GRU
# Source: src/.../ch060-rnns.md   Tier: A
# Regenerate with: make code  (do not edit by hand)

"""The task recurrence exists for: a dependency spanning the sequence.
Vanilla RNN against GRU against LSTM, as the distance grows.
"""
import numpy as np

rng = np.random.default_rng(3)


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-np.clip(z, -60, 60)))


# --- the task: remember a bit across T steps --------------------------------
def make_copy_task(n, T, seed):
    """The first token carries the label; everything after is noise.
    Solving it REQUIRES carrying information T steps."""
    rs = np.random.default_rng(seed)
    X = rs.normal(0, 0.5, (n, T, 4))
    y = rs.integers(0, 2, n)
    X[:, 0, 0] = np.where(y == 1, 3.0, -3.0)      # the signal, at step 0
    X[:, 0, 1] = 1.0                              # a marker
    return X, y


class GRUNet:
    """Eqs. 60.13-60.14, fused."""

    def __init__(self, n_in, d, seed=0, z_bias=0.0):
        rs = np.random.default_rng(seed)
        k = 1.0 / np.sqrt(d + n_in)
        self.Wzr = rs.normal(0, k, (d + n_in, 2 * d))
        self.bzr = np.zeros(2 * d)
        # Section 7.5's argument, applied to the GRU. h_t = (1-z)h + z*cand,
        # so a NEGATIVE z bias starts the update gate closed and the state
        # held — the GRU's equivalent of a positive LSTM forget bias.
        self.bzr[:d] = z_bias
        self.Wh = rs.normal(0, k, (d + n_in, d))
        self.bh = np.zeros(d)
        self.Wo = rs.normal(0, 1 / np.sqrt(d), (d, 2))
        self.bo = np.zeros(2)
        self.d = d

    def params(self):
        return [self.Wzr, self.bzr, self.Wh, self.bh, self.Wo, self.bo]

    def forward(self, X):
        B, T, _ = X.shape
        d = self.d
        h = np.zeros((B, d))
        self.cache = []
        for t in range(T):
            hx = np.concatenate([h, X[:, t]], axis=1)
            zr = sigmoid(hx @ self.Wzr + self.bzr)
            z, r = zr[:, :d], zr[:, d:]
            hx2 = np.concatenate([r * h, X[:, t]], axis=1)
            cand = np.tanh(hx2 @ self.Wh + self.bh)
            h_new = (1 - z) * h + z * cand                # eq. 60.14
            self.cache.append((hx, z, r, hx2, cand, h))
            h = h_new
        self.hT = h
        self.T = T
        return h @ self.Wo + self.bo

    def backward(self, dlogits):
        d = self.d
        gWo = self.hT.T @ dlogits
        gbo = dlogits.sum(axis=0)
        dh = dlogits @ self.Wo.T
        gWzr = np.zeros_like(self.Wzr)
        gbzr = np.zeros_like(self.bzr)
        gWh = np.zeros_like(self.Wh)
        gbh = np.zeros_like(self.bh)
        carry = []
        for t in reversed(range(self.T)):
            hx, z, r, hx2, cand, h_prev = self.cache[t]
            carry.append(float(np.sqrt(np.mean(dh ** 2))))
            dz = dh * (cand - h_prev)
            dcand = dh * z
            dh_prev = dh * (1 - z)
            dc_pre = dcand * (1 - cand ** 2)
            gWh += hx2.T @ dc_pre
            gbh += dc_pre.sum(axis=0)
            dhx2 = dc_pre @ self.Wh.T
            dr_h = dhx2[:, :d]
            dr = dr_h * h_prev
            dh_prev = dh_prev + dr_h * r
            dzr_pre = np.concatenate(
                [dz * z * (1 - z), dr * r * (1 - r)], axis=1)
            gWzr += hx.T @ dzr_pre
            gbzr += dzr_pre.sum(axis=0)
            dhx = dzr_pre @ self.Wzr.T
            dh = dh_prev + dhx[:, :d]
        return [gWzr, gbzr, gWh, gbh, gWo, gbo], list(reversed(carry))


class VanillaNet:
    def __init__(self, n_in, d, seed=0, ortho=False):
        rs = np.random.default_rng(seed)
        if ortho:
            Q, R = np.linalg.qr(rs.normal(size=(d, d)))
            self.Whh = Q * np.sign(np.diag(R))
        else:
            self.Whh = rs.normal(0, 1 / np.sqrt(d), (d, d))
        self.Wxh = rs.normal(0, 1 / np.sqrt(n_in), (n_in, d))
        self.bh = np.zeros(d)
        self.Wo = rs.normal(0, 1 / np.sqrt(d), (d, 2))
        self.bo = np.zeros(2)
        self.d = d

    def params(self):
        return [self.Whh, self.Wxh, self.bh, self.Wo, self.bo]

    def forward(self, X):
        B, T, _ = X.shape
        h = np.zeros((B, self.d))
        self.H = [h]
        for t in range(T):
            h = np.tanh(h @ self.Whh + X[:, t] @ self.Wxh + self.bh)
            self.H.append(h)
        self.X, self.T = X, T
        return h @ self.Wo + self.bo

    def backward(self, dlogits):
        gWo = self.H[-1].T @ dlogits
        gbo = dlogits.sum(axis=0)
        dh = dlogits @ self.Wo.T
        gWhh = np.zeros_like(self.Whh)
        gWxh = np.zeros_like(self.Wxh)
        gbh = np.zeros_like(self.bh)
        carry = []
        for t in reversed(range(self.T)):
            carry.append(float(np.sqrt(np.mean(dh ** 2))))
            dz = dh * (1 - self.H[t + 1] ** 2)
            gWhh += self.H[t].T @ dz
            gWxh += self.X[:, t].T @ dz
            gbh += dz.sum(axis=0)
            dh = dz @ self.Whh.T
        return [gWhh, gWxh, gbh, gWo, gbo], list(reversed(carry))


def train(net, X, y, Xv, yv, steps=600, lr=5e-3, batch=64, clip=1.0, seed=0):
    ps = net.params()
    m = [np.zeros_like(p) for p in ps]
    v = [np.zeros_like(p) for p in ps]
    rs = np.random.default_rng(seed + 5)
    for t in range(1, steps + 1):
        idx = rs.integers(0, len(X), batch)
        logits = net.forward(X[idx])
        e = np.exp(logits - logits.max(axis=1, keepdims=True))
        p = e / e.sum(axis=1, keepdims=True)
        p[np.arange(len(idx)), y[idx]] -= 1.0
        gs, _ = net.backward(p / len(idx))
        total = np.sqrt(sum(float(np.sum(g ** 2)) for g in gs))
        scale = min(1.0, clip / (total + 1e-12))       # global-norm clipping
        for i, (pp, g) in enumerate(zip(ps, gs)):
            g = g * scale
            m[i] = 0.9 * m[i] + 0.1 * g
            v[i] = 0.999 * v[i] + 0.001 * g * g
            pp -= lr * (m[i] / (1 - 0.9 ** t)) / (
                np.sqrt(v[i] / (1 - 0.999 ** t)) + 1e-8)
    lg = net.forward(Xv)
    return float((lg.argmax(axis=1) == yv).mean())
