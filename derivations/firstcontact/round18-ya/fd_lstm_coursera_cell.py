"""Coursera-notation LSTM and RNN cell (column vectors, batch of m examples in columns), one time step.
Upstream gradients da_next, dc_next enter through the scalar L = sum(da_next*a_next) + sum(dc_next*c_next),
so every FD gradient below is one step's contribution, as in the notes' lstm_cell_backward / rnn_cell_backward.
Forward (both notes): concat = [a_prev; x_t];  Gamma_f = sig(W_f concat + b_f);  Gamma_u(=Gamma_i) = sig(W_u concat + b_u);
ctilde = tanh(W_c concat + b_c);  c_next = Gamma_f*c_prev + Gamma_u*ctilde;  Gamma_o = sig(W_o concat + b_o);
a_next = Gamma_o*tanh(c_next).  RNN: a_next = tanh(W_aa a_prev + W_ax x + b_a)."""
import numpy as np
from fd_common import sig, num_grad, check

rng = np.random.default_rng(0)
n_a, n_x, m = 3, 4, 2   # n_x != n_a != m so that wrong shapes show up

P = {k: rng.normal(size=(n_a, n_a + n_x)) * 0.7 for k in "fuco"}
B = {k: rng.normal(size=(n_a, 1)) * 0.3 for k in "fuco"}
x = rng.normal(size=(n_x, m)); a_prev = rng.normal(size=(n_a, m)); c_prev = rng.normal(size=(n_a, m))
da_next = rng.normal(size=(n_a, m)); dc_next = rng.normal(size=(n_a, m))

def fwd():
    z = np.vstack([a_prev, x])
    pre = {k: P[k] @ z + B[k] for k in "fuco"}
    G = {"f": sig(pre["f"]), "u": sig(pre["u"]), "c": np.tanh(pre["c"]), "o": sig(pre["o"])}
    c = G["f"] * c_prev + G["u"] * G["c"]
    a = G["o"] * np.tanh(c)
    return z, pre, G, c, a

def L():
    _, _, _, c, a = fwd()
    return np.sum(da_next * a) + np.sum(dc_next * c)

def lstm_truth():
    T = {}
    for k in "fuco":
        T["W" + k] = num_grad(L, P[k]); T["b" + k] = num_grad(L, B[k])
    T["x"] = num_grad(L, x); T["a_prev"] = num_grad(L, a_prev); T["c_prev"] = num_grad(L, c_prev)
    # gradients w.r.t. pre-activations: perturb via bias per column (dL/dpre = dL/db restricted to one column)
    z, pre, G, c, a = fwd()
    dpre = {}
    for k in "fuco":
        g = np.zeros((n_a, m))
        for i in range(n_a):
            for j in range(m):
                eps = 1e-6
                def Lp(s):
                    zz = np.vstack([a_prev, x]); pp = {q: P[q] @ zz + B[q] for q in "fuco"}
                    pp[k] = pp[k].copy(); pp[k][i, j] += s
                    GG = {"f": sig(pp["f"]), "u": sig(pp["u"]), "c": np.tanh(pp["c"]), "o": sig(pp["o"])}
                    cc = GG["f"] * c_prev + GG["u"] * GG["c"]; aa = GG["o"] * np.tanh(cc)
                    return np.sum(da_next * aa) + np.sum(dc_next * cc)
                g[i, j] = (Lp(eps) - Lp(-eps)) / (2 * eps)
        dpre[k] = g
    T["dpre"] = dpre
    return T

# ---- vanilla RNN cell ----
Waa = rng.normal(size=(n_a, n_a)); Wax = rng.normal(size=(n_a, n_x)); ba = rng.normal(size=(n_a, 1))
def rnn_fwd():
    return np.tanh(Waa @ a_prev + Wax @ x + ba)
def Lr():
    return np.sum(da_next * rnn_fwd())
def rnn_truth():
    return {"Waa": num_grad(Lr, Waa), "Wax": num_grad(Lr, Wax), "ba": num_grad(Lr, ba),
            "x": num_grad(Lr, x), "a_prev": num_grad(Lr, a_prev)}
