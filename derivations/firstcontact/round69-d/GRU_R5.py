# source: public GitHub file in the search tool's code index, file id 69051151377 (the index does not name its repository or path; module docstring "R5: Real trainable GRU and Causal TCN in numpy with manual backprop."; author and date unknown; no git snapshot reachable). Kept verbatim: module docstring, imports, sigmoid, tanh_f, class GRU (__init__, forward, backward). Cut: GRU.adam_step, class CausalTCN and train_sequence_model (which uses pred = out[-1], loss = (pred - y)**2, dL_dy[-1] = 2*(pred - y), all other dL_dy = 0).
"""R5: Real trainable GRU and Causal TCN in numpy with manual backprop."""
from __future__ import annotations
import numpy as np


def sigmoid(x): return 1.0 / (1.0 + np.exp(-np.clip(x, -500, 500)))
def tanh_f(x): return np.tanh(x)


class GRU:
    """Minimal GRU: 1 layer, hidden=32, input=n_features."""
    def __init__(self, n_features: int, hidden: int = 32, seed: int = 42):
        rng = np.random.default_rng(seed)
        self.hidden = hidden
        self.n_features = n_features
        # Gates: reset(r), update(z), candidate(h)
        self.W_r = rng.normal(0, 0.01, (n_features, hidden))
        self.U_r = rng.normal(0, 0.01, (hidden, hidden))
        self.b_r = np.zeros(hidden)
        self.W_z = rng.normal(0, 0.01, (n_features, hidden))
        self.U_z = rng.normal(0, 0.01, (hidden, hidden))
        self.b_z = np.zeros(hidden)
        self.W_h = rng.normal(0, 0.01, (n_features, hidden))
        self.U_h = rng.normal(0, 0.01, (hidden, hidden))
        self.b_h = np.zeros(hidden)
        # Output layer
        self.W_out = rng.normal(0, 0.01, (hidden, 1))
        self.b_out = 0.0
        # Adam state
        self.m = {}
        self.v = {}
        self.t = 0
    
    def forward(self, X: np.ndarray) -> tuple:
        """X: (T, n_features). Returns (output, cache)."""
        T = X.shape[0]
        h = np.zeros(self.hidden)
        outputs = np.zeros(T)
        cache = {"h_prev": [np.zeros(self.hidden)]}
        caches = {"r": [], "z": [], "h_tilde": [], "h": []}
        
        for t in range(T):
            x = X[t]
            r = sigmoid(x @ self.W_r + h @ self.U_r + self.b_r)
            z = sigmoid(x @ self.W_z + h @ self.U_z + self.b_z)
            h_tilde = tanh_f(x @ self.W_h + r * (h @ self.U_h) + self.b_h)
            h_new = z * h + (1 - z) * h_tilde
            out = float((h_new @ self.W_out).flatten()[0] + self.b_out)
            outputs[t] = out
            caches["r"].append(r)
            caches["z"].append(z)
            caches["h_tilde"].append(h_tilde)
            caches["h"].append(h_new)
            h = h_new
        
        return outputs, (caches, X)
    
    def backward(self, dL_dy: np.ndarray, cache: tuple) -> dict:
        """Backprop through time. dL_dy: (T,)"""
        caches, X = cache
        T = X.shape[0]
        H = self.hidden
        grads = {}
        dW_out = np.zeros((H, 1))
        db_out = 0.0
        dh_next = np.zeros(H)
        dW_r = np.zeros_like(self.W_r)
        dU_r = np.zeros_like(self.U_r)
        db_r = np.zeros(H)
        dW_z = np.zeros_like(self.W_z)
        dU_z = np.zeros_like(self.U_z)
        db_z = np.zeros(H)
        dW_h = np.zeros_like(self.W_h)
        dU_h = np.zeros_like(self.U_h)
        db_h = np.zeros(H)
        
        for t in range(T - 1, -1, -1):
            x = X[t]
            h_prev = caches["h"][t-1] if t > 0 else np.zeros(H)
            r = caches["r"][t]
            z = caches["z"][t]
            h_tilde = caches["h_tilde"][t]
            h_new = caches["h"][t]
            
            dy = dL_dy[t]
            dW_out += np.outer(h_new, np.array([dy]))
            db_out += dy
            dh = dy * self.W_out.flatten() + dh_next
            
            dz = dh * (h_tilde - h_prev)
            dh_tilde = dh * (1 - z)
            dr = dh_tilde * (tanh_f(x @ self.W_h + h_prev @ self.U_h + self.b_h) * (1 - tanh_f(x @ self.W_h + r * (h_prev @ self.U_h) + self.b_h)**2))
            
            dz_pre = dz * z * (1 - z)
            dr_pre = dr * r * (1 - r)
            dh_tilde_pre = dh_tilde * (1 - tanh_f(x @ self.W_h + r * (h_prev @ self.U_h) + self.b_h)**2)
            
            dW_out += 0  # already done
            dW_z += np.outer(x, dz_pre)
            dU_z += np.outer(h_prev, dz_pre)
            db_z += dz_pre
            dW_r += np.outer(x, dr_pre)
            dU_r += np.outer(h_prev, dr_pre)
            db_r += dr_pre
            dW_h += np.outer(x, dh_tilde_pre)
            dU_h += np.outer(r * h_prev, dh_tilde_pre)
            db_h += dh_tilde_pre
            
            dh_next = (dz_pre @ self.U_z.T) + (dr_pre @ self.U_r.T) + (dh_tilde_pre * r) @ self.U_h.T
        
        grads.update({"W_r": dW_r, "U_r": dU_r, "b_r": db_r,
                      "W_z": dW_z, "U_z": dU_z, "b_z": db_z,
                      "W_h": dW_h, "U_h": dU_h, "b_h": db_h,
                      "W_out": dW_out, "b_out": db_out})
        return grads
