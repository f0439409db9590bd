# Finite-difference check of ttperr/DD2424-DL-KTH Assignment4.ipynb (RNN.forward_pass / backward_pass),
# re-implemented in numpy (torch.tanh/softmax/@ -> numpy). Column vectors: h_t = tanh(W h_{t-1} + U x_t + b),
# o_t = V h_t + c, p_t = softmax(o_t), L = sum_t -y_t^T log p_t.  H[:,0] = h_0, H[:,t+1] = h_t.
import numpy as np
rng = np.random.default_rng(2)
K, m, T = 5, 4, 6
P0 = dict(V=rng.normal(size=(K, m)) * .5, c=rng.normal(size=(K, 1)) * .2, W=rng.normal(size=(m, m)) * .5,
          b=rng.normal(size=(m, 1)) * .2, U=rng.normal(size=(m, K)) * .5)
X = np.eye(K)[:, rng.integers(K, size=T)]; Y = np.eye(K)[:, rng.integers(K, size=T)]
h_0 = rng.normal(size=(m, 1)) * .3
softmax = lambda o: np.exp(o - o.max(0)) / np.exp(o - o.max(0)).sum(0)

def forward_pass(P):
    h = h_0; H = np.zeros((m, T + 1)); Pm = np.zeros((K, T)); H[:, 0] = h.flatten(); loss = 0
    for i in range(T):
        x = X[:, i].reshape(K, 1)
        h = np.tanh(P['W'] @ h + P['U'] @ x + P['b']); p = softmax(P['V'] @ h + P['c'])
        H[:, i + 1] = h.flatten(); Pm[:, i] = p.flatten()
        loss += -np.sum(Y[:, i].reshape(K, 1).T @ np.log(p))
    return H, Pm, loss

def backward_pass(P, H, Pm):                      # as written in the notebook
    G = {k: np.zeros_like(v) for k, v in P.items()}; dh_stash = {}
    dL_dh_next = np.zeros((m, 1)); h0 = H[:, 0].reshape(m, 1); H = H[:, 1:]
    for i in range(T - 1, -1, -1):
        x = X[:, i].reshape(K, 1); y = Y[:, i].reshape(K, 1); h = H[:, i].reshape(m, 1); p = Pm[:, i].reshape(K, 1)
        g = (p - y).T
        G['V'] += g.T @ h.T
        G['c'] += g.T
        dL_dh = P['V'].T @ g.T + P['W'].T @ dL_dh_next
        dL_dh_next = dL_dh * (1 - h ** 2)
        G['W'] += dL_dh_next @ H[:, i - 1].reshape(1, m) if i != 0 else dL_dh_next @ h0.T
        G['b'] += dL_dh_next
        G['U'] += dL_dh_next @ x.T
        dh_stash[i] = (g, dL_dh, dL_dh_next)
    return G, dh_stash

H, Pm, L = forward_pass(P0)
G, st = backward_pass(P0, H, Pm)
eps = 1e-6; FD = {}
for k in P0:
    FD[k] = np.zeros_like(P0[k])
    for idx in np.ndindex(P0[k].shape):
        Q = {a: v.copy() for a, v in P0.items()}; Q[k][idx] += eps; lp = forward_pass(Q)[2]
        Q[k][idx] -= 2 * eps; lm = forward_pass(Q)[2]; FD[k][idx] = (lp - lm) / (2 * eps)
ok = lambda a, b: np.allclose(a, b, rtol=1e-5, atol=1e-8)
print("parameter gradients vs FD (lines 97, 98, 101, 102, 103 accumulated):", {k: ok(G[k], FD[k]) for k in P0})

# per-step checks: g = dL/do_t (line 96) and dL_dh = dL/dh_t (line 99), via FD on the logits / hidden state
def loss_with_offsets(t, d_o=None, d_h=None):
    h = h_0; loss = 0
    for i in range(T):
        x = X[:, i].reshape(K, 1)
        h = np.tanh(P0['W'] @ h + P0['U'] @ x + P0['b'])
        if d_h is not None and i == t: h = h + d_h
        o = P0['V'] @ h + P0['c']
        if d_o is not None and i == t: o = o + d_o
        loss += -np.sum(Y[:, i].reshape(K, 1).T @ np.log(softmax(o)))
    return loss
t = 2
fo = np.array([[(loss_with_offsets(t, d_o=eps * e[:, None]) - loss_with_offsets(t, d_o=-eps * e[:, None])) / (2 * eps)] for e in np.eye(K)]).reshape(K, 1)
fh = np.array([[(loss_with_offsets(t, d_h=eps * e[:, None]) - loss_with_offsets(t, d_h=-eps * e[:, None])) / (2 * eps)] for e in np.eye(m)]).reshape(m, 1)
g, dL_dh, da = st[t]
print("line 96 g.T == dL/do_t:", ok(g.T, fo))
print("line 99 dL_dh == dL/dh_t (total, through later steps):", ok(dL_dh, fh))
print("line 100 dL_dh*(1-h^2) == dL/da_t (tanh'):", ok(da, dL_dh * (1 - np.tanh(np.arctanh(H[:, t + 1].reshape(m, 1))) ** 2)))
