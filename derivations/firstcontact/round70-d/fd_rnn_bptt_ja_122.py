# Finite-difference check of rnn_bptt_ja_122.md (Japanese BPTT notebook 122).
# Part A: the numpy code as written (row-vector convention, z = x Wxh + h Whh + bh).
# Part B: the markdown formulas (column convention h_t = tanh(W_xh x_t + W_hh h_{t-1} + b_h)).
import numpy as np

class RNNWithBPTT:   # forward/backward copied from the note (init simplified: weights passed in)
    def __init__(self, Wxh, Whh, bh, Why, by):
        self.Wxh, self.Whh, self.bh, self.Why, self.by = Wxh, Whh, bh, Why, by
        self.hidden_dim = Whh.shape[0]
    def forward(self, X_seq):
        T, batch, _ = X_seq.shape
        self.T = T; self.batch = batch; self.X_seq = X_seq
        self.h_states = [np.zeros((batch, self.hidden_dim))]
        outputs = []
        for t in range(T):
            x_t = X_seq[t]; h_prev = self.h_states[-1]
            z = x_t @ self.Wxh + h_prev @ self.Whh + self.bh
            h_next = np.tanh(z)
            self.h_states.append(h_next)
            y_t = h_next @ self.Why + self.by
            outputs.append(y_t)
        return np.array(outputs)
    def backward(self, dL_doutput):
        T = self.T
        self.dWxh = np.zeros_like(self.Wxh); self.dWhh = np.zeros_like(self.Whh)
        self.dbh = np.zeros_like(self.bh); self.dWhy = np.zeros_like(self.Why); self.dby = np.zeros_like(self.by)
        dh_next = np.zeros((self.batch, self.hidden_dim))
        self.dh_list = [None] * T; self.dhprev_list = [None] * T
        for t in reversed(range(T)):
            dy_t = dL_doutput[t]
            self.dWhy += self.h_states[t + 1].T @ dy_t
            self.dby += np.sum(dy_t, axis=0)
            dh = dy_t @ self.Why.T + dh_next
            self.dh_list[t] = dh
            h_t = self.h_states[t + 1]
            dtanh = dh * (1 - h_t ** 2)
            x_t = self.X_seq[t]; h_prev = self.h_states[t]
            self.dWxh += x_t.T @ dtanh
            self.dWhh += h_prev.T @ dtanh
            self.dbh += np.sum(dtanh, axis=0)
            dh_next = dtanh @ self.Whh.T
            self.dhprev_list[t] = dh_next

rng = np.random.default_rng(1)
d, H, o, T, B = 3, 5, 2, 5, 4      # output_dim 2 to also probe the loss-gradient line
P = dict(Wxh=rng.normal(size=(d, H)) * .6, Whh=rng.normal(size=(H, H)) * .6, bh=rng.normal(size=H) * .1,
         Why=rng.normal(size=(H, o)) * .6, by=rng.normal(size=o) * .1)
X = rng.normal(size=(T, B, d)); Y = rng.normal(size=(T, B, o))
def loss_of(P):
    return np.mean((RNNWithBPTT(**P).forward(X) - Y) ** 2)
def fd(name, eps=1e-6):
    g = np.zeros_like(P[name])
    for idx in np.ndindex(g.shape):
        Pp = {k: v.copy() for k, v in P.items()}; Pm = {k: v.copy() for k, v in P.items()}
        Pp[name][idx] += eps; Pm[name][idx] -= eps
        g[idx] = (loss_of(Pp) - loss_of(Pm)) / (2 * eps)
    return g
close = lambda a, b: np.allclose(a, b, atol=1e-7, rtol=1e-5)
def rep(row, ok): print(f"{row:62s} {'AGREES' if ok else 'DISAGREES'}")

net = RNNWithBPTT(**{k: v.copy() for k, v in P.items()})
out = net.forward(X)
dL_doutput = 2.0 * (out - Y) / (T * B)                    # line 234 as written
dL_true = 2.0 * (out - Y) / (T * B * o)                    # gradient of np.mean over T*B*o entries
print("output_dim =", o)
rep("L234 dL_doutput = 2(out-tgt)/(T*batch)  [o=2]", close(dL_doutput, dL_true))
# the note's own instance has output_dim = 1: FD of mean((out-Y)^2) w.r.t. out, with out of shape (T, B, 1)
o1 = rng.normal(size=(T, B, 1)); Y1 = rng.normal(size=(T, B, 1)); g1 = np.zeros_like(o1)
for idx in np.ndindex(o1.shape):
    p = o1.copy(); m = o1.copy(); p[idx] += 1e-6; m[idx] -= 1e-6
    g1[idx] = (np.mean((p - Y1) ** 2) - np.mean((m - Y1) ** 2)) / 2e-6
rep("L234 dL_doutput = 2(out-tgt)/(T*batch)  [output_dim=1, as in the note]", close(2.0 * (o1 - Y1) / (T * B), g1))
net.backward(dL_true)
for nm, row in [('Why', 'L192 dWhy += h_t^T dy_t (summed)'), ('by', 'L193 dby += sum dy_t'),
                ('Wxh', 'L209 dWxh += x_t^T dtanh'), ('Whh', 'L210 dWhh += h_prev^T dtanh'), ('bh', 'L211 dbh += sum dtanh')]:
    rep(row, close(getattr(net, 'd' + nm), fd(nm)))
# dh (L196) and dh_next (L214) against FD on h_t (perturb hidden state inside forward)
def loss_pert(t0, E):
    m = RNNWithBPTT(**P); Tn = T
    h = np.zeros((B, H)); outs = []
    for t in range(Tn):
        h = np.tanh(X[t] @ P['Wxh'] + h @ P['Whh'] + P['bh'])
        if t == t0: h = h + E
        outs.append(h @ P['Why'] + P['by'])
    return np.mean((np.array(outs) - Y) ** 2)
def fd_h(t0, eps=1e-6):
    g = np.zeros((B, H))
    for idx in np.ndindex(g.shape):
        E = np.zeros((B, H)); E[idx] = eps
        g[idx] = (loss_pert(t0, E) - loss_pert(t0, -E)) / (2 * eps)
    return g
dh_true = [fd_h(t) for t in range(T)]
rep("L196 dh = dy_t Why^T + dh_next  (total dL/dh_t, all t)", all(close(net.dh_list[t], dh_true[t]) for t in range(T)))
rep("L214 dh_next = dtanh Whh^T  (= dL/dh_{t-1} minus its output part)",
    all(close(net.dhprev_list[t], dh_true[t - 1] - dL_true[t - 1] @ P['Why'].T) for t in range(1, T)))
# single-step RNNCell.backward (L104-L113) equals the same per-step formulas: check dx
cellx = []
for t in range(T):
    dtanh = net.dh_list[t] * (1 - net.h_states[t + 1] ** 2)
    cellx.append(dtanh @ P['Wxh'].T)
def fd_x(t0, eps=1e-6):
    g = np.zeros((B, d))
    for idx in np.ndindex(g.shape):
        Xp = X.copy(); Xm = X.copy(); Xp[t0][idx] += eps; Xm[t0][idx] -= eps
        g[idx] = (np.mean((RNNWithBPTT(**P).forward(Xp) - Y) ** 2) - np.mean((RNNWithBPTT(**P).forward(Xm) - Y) ** 2)) / (2 * eps)
    return g
rep("L112 dx = dtanh Wxh^T", all(close(cellx[t], fd_x(t)) for t in range(T)))

# Part B: markdown formulas, column convention with W_hh (H x H), W_xh (H x d)
Wxh_c = rng.normal(size=(H, d)) * .6; Whh_c = rng.normal(size=(H, H)) * .6; b_c = rng.normal(size=H) * .1
xs = rng.normal(size=(T, d)); r = rng.normal(size=(T, H))          # L = sum_t r_t . h_t
def run(Whh):
    h = np.zeros(H); hs = [h]
    for t in range(T):
        h = np.tanh(Wxh_c @ xs[t] + Whh @ h + b_c); hs.append(h)
    return hs
hs = run(Whh_c)
J = lambda j: np.diag(1 - hs[j] ** 2) @ Whh_c           # L59 / L248: dh_j/dh_{j-1}, hs index j = h_j
eps = 1e-6
Jfd = np.zeros((H, H)); j0 = 3
for k in range(H):
    e = np.zeros(H); e[k] = eps
    hp = np.tanh(Wxh_c @ xs[j0 - 1] + Whh_c @ (hs[j0 - 1] + e) + b_c); hm = np.tanh(Wxh_c @ xs[j0 - 1] + Whh_c @ (hs[j0 - 1] - e) + b_c)
    Jfd[:, k] = (hp - hm) / (2 * eps)
rep("L59/L248 dh_j/dh_{j-1} = diag(1-h_j^2) W_hh  (column form)", close(J(j0), Jfd))
# L51: dL/dWhh = sum_t sum_k dL_t/dh_t (prod J) dh_k/dWhh  (dh_k/dWhh = immediate partial)
G = np.zeros((H, H))
for t in range(1, T + 1):
    for k in range(1, t + 1):
        v = r[t - 1].copy()                                 # dL_t/dh_t (row)
        for j in range(t, k, -1): v = v @ J(j)              # times prod_{j=k+1}^t J_j
        G += np.outer(v * (1 - hs[k] ** 2), hs[k - 1])      # immediate dh_k/dWhh
Gfd = np.zeros((H, H))
for idx in np.ndindex(H, H):
    Wp = Whh_c.copy(); Wm = Whh_c.copy(); Wp[idx] += eps; Wm[idx] -= eps
    Gfd[idx] = (sum(r[t] @ run(Wp)[t + 1] for t in range(T)) - sum(r[t] @ run(Wm)[t + 1] for t in range(T))) / (2 * eps)
rep("L51 dL/dW_hh = sum_t sum_k dL_t/dh_t (prod J) dh_k/dW_hh", close(G, Gfd))
