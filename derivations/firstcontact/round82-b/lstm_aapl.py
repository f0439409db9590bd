# source: https://github.com/JeffChou32/LSTM-Apple-Stock/blob/52976b2eeff6fa0e8f83b79f239d53603dd01105/lstm2.py (Jeff Chou, 'From-Scratch LSTM for AAPL Next-Day Forecasting', CS4375 term project, numpy LSTM + dense head with hand-written BPTT, commit 52976b2e of 2025-08-10, unchanged at HEAD adcff096). Kept verbatim: source lines 1-5 (imports) and 85-265 (activation helpers, class LSTM: __init__, _forward_sample, _backward_sample, fit, predict). Cut: lines 6-84 (CSV download, plots, sliding windows: X of shape (N, 3, 1) = three previous closes, y = next close; 80/10/10 split) and 266-end (training call, plots, logging).
import pandas as pd
import numpy as np
import matplotlib.pyplot as plt
from sklearn.metrics import mean_squared_error, r2_score
import logging
### Implement LSTM ###
def sigmoid(x): return 1.0 / (1.0 + np.exp(-np.clip(x, -50, 50)))
def dsigmoid(y): return y * (1.0 - y)            # y is sigmoid(x)
def dtanh(y): return 1.0 - y * y                 # y is tanh(x)
def relu(x): return np.maximum(0.0, x)
def drelu(x): return (x > 0).astype(x.dtype)

class LSTM:
    def __init__(self, input_dim=1, hidden=64, seed=42, clip=1.0):
        rng = np.random.default_rng(seed)
        self.I = input_dim
        self.H = hidden
        self.clip = clip

        Z = self.H + self.I
        scale = 1.0 / np.sqrt(Z)

        # LSTM gates
        self.Wf = rng.normal(0, scale, size=(self.H, Z)); self.bf = np.zeros(self.H)
        self.Wi = rng.normal(0, scale, size=(self.H, Z)); self.bi = np.zeros(self.H)
        self.Wo = rng.normal(0, scale, size=(self.H, Z)); self.bo = np.zeros(self.H)
        self.Wc = rng.normal(0, scale, size=(self.H, Z)); self.bc = np.zeros(self.H)

        # Dense head: H -> 32 -> 32 -> 1
        self.D1 = 32
        self.D2 = 32
        self.W1 = rng.normal(0, 1/np.sqrt(self.H), size=(self.D1, self.H)); self.b1 = np.zeros(self.D1)
        self.W2 = rng.normal(0, 1/np.sqrt(self.D1), size=(self.D2, self.D1)); self.b2 = np.zeros(self.D2)
        self.W3 = rng.normal(0, 1/np.sqrt(self.D2), size=(1, self.D2));      self.b3 = np.zeros(1)

    def _forward_sample(self, x):  # x: (T, I)
        T = x.shape[0]; H = self.H; I = self.I
        h = np.zeros((T, H)); c = np.zeros((T, H))  # hidden and cell states
        f = np.zeros((T, H)); i = np.zeros((T, H))  # save gate activations for backprop
        o = np.zeros((T, H)); g = np.zeros((T, H))  # concatenated [h_{t-1}, x_t]
        z = np.zeros((T, H + I))

        h_prev = np.zeros(H); c_prev = np.zeros(H)

        for t in range(T):
            z_t = np.concatenate([h_prev, x[t].reshape(-1)])
            z[t] = z_t
            f[t] = sigmoid(self.Wf @ z_t + self.bf)
            i[t] = sigmoid(self.Wi @ z_t + self.bi)
            o[t] = sigmoid(self.Wo @ z_t + self.bo)
            g[t] = np.tanh(self.Wc @ z_t + self.bc)

            c[t] = f[t] * c_prev + i[t] * g[t]
            h[t] = o[t] * np.tanh(c[t])

            h_prev = h[t]; c_prev = c[t]

        h_T = h[T-1]  # final hidden

        # MLP head adds a bit of nonlinearity capacity after the LSTM
        z1 = self.W1 @ h_T + self.b1        
        a1 = relu(z1)
        z2 = self.W2 @ a1 + self.b2       
        a2 = relu(z2)
        y_hat = (self.W3 @ a2 + self.b3).reshape(())            # scalar

        cache = (x, z, f, i, o, g, c, h, h_T, z1, a1, z2, a2)   # save for backward pass
        return y_hat, cache

    def _backward_sample(self, cache, dy):        
        x, z, f, i, o, g, c, h, h_T, z1, a1, z2, a2 = cache             # dy is dL/dy_hat — derivative of loss w.r.t. prediction for this sample
        T, H = h.shape; I = self.I
        
        dWf = np.zeros_like(self.Wf); dWi = np.zeros_like(self.Wi)      # grads init (same shapes as params)
        dWo = np.zeros_like(self.Wo); dWc = np.zeros_like(self.Wc)
        dbf = np.zeros_like(self.bf); dbi = np.zeros_like(self.bi)
        dbo = np.zeros_like(self.bo); dbc = np.zeros_like(self.bc)

        dW1 = np.zeros_like(self.W1); db1 = np.zeros_like(self.b1)
        dW2 = np.zeros_like(self.W2); db2 = np.zeros_like(self.b2)
        dW3 = np.zeros_like(self.W3); db3 = np.zeros_like(self.b3)

        # backprop through the dense head 
        g3 = float(dy)                                   
        dW3 += g3 * a2[None, :]                          
        db3 += np.array([g3])                            
        da2 = (self.W3.reshape(-1) * g3)                 
        dz2 = da2 * drelu(z2)                            

        dW2 += dz2[:, None] @ a1[None, :]                
        db2 += dz2                                       
        da1 = self.W2.T @ dz2                            

        dz1 = da1 * drelu(z1)                            
        dW1 += dz1[:, None] @ h_T[None, :]               
        db1 += dz1                                       
        dh_T = self.W1.T @ dz1                           

        # LSTM backward (through time)
        dh_next = dh_T
        dc_next = np.zeros(H)

        for t in reversed(range(T)):
            tanhc = np.tanh(c[t])
            do = dh_next * tanhc
            dc = dh_next * o[t] * dtanh(tanhc) + dc_next

            df = dc * (c[t-1] if t > 0 else 0.0)
            di = dc * g[t]
            dg = dc * i[t]
            dc_prev = dc * f[t]

            df_raw = df * dsigmoid(f[t])                    # gate local gradients
            di_raw = di * dsigmoid(i[t])
            do_raw = do * dsigmoid(o[t])
            dg_raw = dg * dtanh(g[t])

            z_t = z[t]

            dWf += np.outer(df_raw, z_t); dbf += df_raw     # accumulate param grads
            dWi += np.outer(di_raw, z_t); dbi += di_raw
            dWo += np.outer(do_raw, z_t); dbo += do_raw
            dWc += np.outer(dg_raw, z_t); dbc += dg_raw

            dz = (self.Wf.T @ df_raw                        # split gradient to h_{t-1} and x_t (we only need h_{t-1} here)
                + self.Wi.T @ di_raw
                + self.Wo.T @ do_raw
                + self.Wc.T @ dg_raw)

            dh_prev = dz[:H]                                # dx = dz[H:]  # not used           

            dh_next = dh_prev
            dc_next = dc_prev

        # clip all grads to avoid exploding updates
        for G in (dWf, dWi, dWo, dWc, dbf, dbi, dbo, dbc, dW1, db1, dW2, db2, dW3, db3):
            np.clip(G, -self.clip, self.clip, out=G)

        return (dWf, dWi, dWo, dWc, dbf, dbi, dbo, dbc,
                dW1, db1, dW2, db2, dW3, db3)

    def fit(self, X, y, X_val=None, y_val=None, epochs=100, lr=1e-3, verbose=True):
        N, T, I = X.shape
        assert I == self.I                      # input dimension must match 

        for epoch in range(1, epochs+1):
            perm = np.random.permutation(N)     # randomize sample order each epoch
            total = 0.0
            for idx in perm:                    
                x_i = X[idx]; y_i = y[idx]

                y_hat, cache = self._forward_sample(x_i)
                err = y_hat - y_i
                total += 0.5 * (err ** 2)       # half MSE loss

                grads = self._backward_sample(cache, dy=err)

                (dWf, dWi, dWo, dWc, dbf, dbi, dbo, dbc,
                 dW1, db1, dW2, db2, dW3, db3) = grads
                
                self.Wf -= lr * dWf; self.bf -= lr * dbf    # SGD update
                self.Wi -= lr * dWi; self.bi -= lr * dbi
                self.Wo -= lr * dWo; self.bo -= lr * dbo
                self.Wc -= lr * dWc; self.bc -= lr * dbc

                self.W1 -= lr * dW1; self.b1 -= lr * db1
                self.W2 -= lr * dW2; self.b2 -= lr * db2
                self.W3 -= lr * dW3; self.b3 -= lr * db3

            train_mse = total / N
            if verbose and (epoch % max(1, epochs//10) == 0 or epoch == 1):
                msg = f"Epoch {epoch}/{epochs} - train MSE: {train_mse:.6f}"
                if X_val is not None and y_val is not None:
                    val_preds = self.predict(X_val)
                    val_mse = np.mean((val_preds - y_val) ** 2)
                    msg += f" | val MSE: {val_mse:.6f}"
                print(msg)

    def predict(self, X):
        N = X.shape[0]
        out = np.zeros((N,))
        for n in range(N):
            y_hat, _ = self._forward_sample(X[n])
            out[n] = y_hat
        return out          # vector of predictions aligned with X

