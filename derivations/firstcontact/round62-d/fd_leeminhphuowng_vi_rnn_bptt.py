# FD check for leeminhphuowng_vi_rnn_bptt.md (numpy only, float64, deterministic)
import numpy as np
rng = np.random.default_rng(0)
D, H, K, T, B = 2, 3, 2, 4, 2
sig = lambda z: 1/(1+np.exp(-z))
res = {}
def close(a, b, tol=1e-6):
    return np.allclose(a, b, atol=tol, rtol=1e-5)
def num_grad(f, P, eps=1e-6):
    g = np.zeros_like(P)
    it = np.nditer(P, flags=['multi_index'])
    for _ in it:
        i = it.multi_index; o = P[i]
        P[i] = o+eps; fp = f(); P[i] = o-eps; fm = f(); P[i] = o
        g[i] = (fp-fm)/(2*eps)
    return g

Wxh = rng.normal(size=(H, D))*0.7; Whh = rng.normal(size=(H, H))*0.7; Why = rng.normal(size=(K, H))*0.7
bh = rng.normal(size=(H, 1))*0.3; by = rng.normal(size=(K, 1))*0.3
X = rng.normal(size=(T, D, 1)); Y = rng.normal(size=(T, K, 1)); h0 = rng.normal(size=(H, 1))*0.5

def fwd():
    hs = {0: h0}; a = {}; yh = {}
    for t in range(1, T+1):
        a[t] = Whh @ hs[t-1] + Wxh @ X[t-1] + bh          # line 6
        hs[t] = np.tanh(a[t])                              # line 8
        yh[t] = Why @ hs[t] + by                           # line 21/25 (g = identity)
    return hs, a, yh
def loss():
    hs, a, yh = fwd()
    return sum(0.5*np.sum((Y[t-1]-yh[t])**2) for t in range(1, T+1))   # lines 32, 36
hs, a, yh = fwd()
# line 8: tanh identity
z = a[1]; res[8] = close(np.tanh(z), (np.exp(z)-np.exp(-z))/(np.exp(z)+np.exp(-z)))
res[6] = True; res[21] = True; res[25] = True; res[32] = True; res[36] = True  # definitions
# line 40
g_why = sum((yh[t]-Y[t-1]) @ hs[t].T for t in range(1, T+1))
res[40] = close(g_why, num_grad(loss, Why))
# true Jacobians (numerator layout, column vectors)
def J(j):  # d h_j / d h_{j-1}
    return np.diag((1-hs[j]**2).ravel()) @ Whh
def Jnum(j):
    Jn = np.zeros((H, H))
    for b in range(H):
        e = np.zeros((H, 1)); e[b] = 1e-6
        hp = np.tanh(Whh @ (hs[j-1]+e) + Wxh @ X[j-1] + bh); hm = np.tanh(Whh @ (hs[j-1]-e) + Wxh @ X[j-1] + bh)
        Jn[:, b] = ((hp-hm)/2e-6).ravel()
    return Jn
assert close(J(2), Jnum(2))
# line 48: local derivative tensor d+h_k/dW_hh [a,b,c] vs diag(1-h_k^2) (outer) h_{k-1}^T
k = 2
Tnum = np.zeros((H, H, H))
for b in range(H):
    for c in range(H):
        E = np.zeros((H, H)); E[b, c] = 1e-6
        hp = np.tanh((Whh+E) @ hs[k-1] + Wxh @ X[k-1] + bh); hm = np.tanh((Whh-E) @ hs[k-1] + Wxh @ X[k-1] + bh)
        Tnum[:, b, c] = ((hp-hm)/2e-6).ravel()
Tauth = np.einsum('ab,c->abc', np.diag((1-hs[k]**2).ravel()), hs[k-1].ravel())
res[48] = close(Tnum, Tauth)
# line 52: author's product prod_{j=k+1}^t W_hh^T diag(1-h_j^2) (left-to-right ascending j) vs true dh_t/dh_k
t, k = 4, 1
Ptrue = np.eye(H)
for j in range(k+1, t+1):
    Ptrue = J(j) @ Ptrue
Pauth = np.eye(H)
for j in range(k+1, t+1):
    Pauth = Pauth @ (Whh.T @ np.diag((1-hs[j]**2).ravel()))
res[52] = close(Pauth, Ptrue)
single_auth = Whh.T @ np.diag((1-hs[3]**2).ravel())
assert not close(single_auth, Jnum(3))      # the single-step factor is also the transpose
assert close(single_auth.T, Jnum(3))
# line 44: dL/dWhh = sum_t sum_k dL_t/dh_t . dh_t/dh_k . d+h_k/dWhh (numerator layout, true Jacobians)
G = np.zeros((H, H))
for t in range(1, T+1):
    gt = (Why.T @ (yh[t]-Y[t-1])).T          # 1xH row: dL_t/dh_t
    P = np.eye(H)
    for kk in range(t, 0, -1):
        if kk < t:
            P = P @ J(kk+1)                  # dh_t/dh_kk
        row = gt @ P                         # 1xH
        G += np.einsum('a,abc->bc', row.ravel(), np.einsum('ab,c->abc', np.diag((1-hs[kk]**2).ravel()), hs[kk-1].ravel()))
res[44] = close(G, num_grad(loss, Whh))

# LSTM forward (lines 61-73) and GRU forward (78-84): check against independent implementation
Wf, Wi, Wc, Wo = [rng.normal(size=(H, H+D))*0.5 for _ in range(4)]
bf, bi, bc, bo = [rng.normal(size=(H, 1))*0.2 for _ in range(4)]
hp_, cp_, x_ = rng.normal(size=(H, 1)), rng.normal(size=(H, 1)), rng.normal(size=(D, 1))
hx = np.vstack([hp_, x_])
f = sig(Wf@hx+bf); i = sig(Wi@hx+bi); cc = np.tanh(Wc@hx+bc); o = sig(Wo@hx+bo)
c = f*cp_ + i*cc; h = o*np.tanh(c)
# reference: split-weight formulation
ref_c = sig(Wf[:, :H]@hp_+Wf[:, H:]@x_+bf)*cp_ + sig(Wi[:, :H]@hp_+Wi[:, H:]@x_+bi)*np.tanh(Wc[:, :H]@hp_+Wc[:, H:]@x_+bc)
ref_h = sig(Wo[:, :H]@hp_+Wo[:, H:]@x_+bo)*np.tanh(ref_c)
res[61] = res[63] = res[65] = res[69] = True
res[67] = close(c, ref_c); res[71] = close(h, ref_h)
# line 73: dc_t/dc_{t-1} (single step, h_{t-1}, x_t fixed) = diag(f_t) -> ~I when f_t ~ 1
def cfun(cp):
    return f*cp + i*cc
Jc = np.zeros((H, H))
for b in range(H):
    e = np.zeros((H, 1)); e[b] = 1e-6
    Jc[:, b] = ((cfun(cp_+e)-cfun(cp_-e))/2e-6).ravel()
res[73] = close(Jc, np.diag(f.ravel()))
Wr, Wz, Wh_ = [rng.normal(size=(H, H+D))*0.5 for _ in range(3)]
br, bz, bhh = [rng.normal(size=(H, 1))*0.2 for _ in range(3)]
r = sig(Wr@hx+br); zz = sig(Wz@hx+bz); ht = np.tanh(Wh_@np.vstack([r*hp_, x_])+bhh); hn = (1-zz)*hp_ + zz*ht
# Cho et al. 2014 (eq. 5-8 in the paper's convention h = z*h_prev + (1-z)*h~ with z<->1-z relabelled) -> same family
res[78] = res[80] = res[82] = True
res[84] = close(hn, hp_ + zz*(ht-hp_))

# ---------------- code (lines 101-150) ----------------
class M: pass
m = M(); m.hidden_dim = H; m.output_dim = K; m.clip_value = 5.0
m.W_xh = rng.normal(size=(H, D))*0.5; m.W_hh = rng.normal(size=(H, H))*0.5; m.W_hy = rng.normal(size=(K, H))*0.5
m.b_h = rng.normal(size=(H, 1))*0.2; m.b_y = rng.normal(size=(K, 1))*0.2
Xc = rng.normal(size=(T, B, D)); Yc = rng.normal(size=(T, B, K))
def forward(self, X, h_prev=None):
    seq_len, batch_size, _ = X.shape
    if h_prev is None:
        h_prev = np.zeros((self.hidden_dim, batch_size))
    h_states = {-1: h_prev.copy()}; a_states = {}
    y_preds = np.zeros((seq_len, batch_size, self.output_dim))
    for t in range(seq_len):
        x_t = X[t].T
        a_t = np.dot(self.W_hh, h_states[t - 1]) + np.dot(self.W_xh, x_t) + self.b_h
        h_t = np.tanh(a_t)
        y_t = np.dot(self.W_hy, h_t) + self.b_y
        a_states[t] = a_t; h_states[t] = h_t; y_preds[t] = y_t.T
    self.cache = {"X": X, "h_states": h_states, "a_states": a_states, "seq_len": seq_len, "batch_size": batch_size}
    return y_preds, h_states
def compute_loss_and_grad(self, y_preds, y_true):
    N = y_true.size
    loss = np.mean((y_preds - y_true) ** 2)
    dy = (2.0 / N) * (y_preds - y_true)
    return loss, dy
def backward(self, dy):
    X = self.cache["X"]; h_states = self.cache["h_states"]; seq_len = self.cache["seq_len"]; batch_size = self.cache["batch_size"]
    dW_xh = np.zeros_like(self.W_xh); dW_hh = np.zeros_like(self.W_hh); dW_hy = np.zeros_like(self.W_hy)
    db_h = np.zeros_like(self.b_h); db_y = np.zeros_like(self.b_y)
    dh_next = np.zeros((self.hidden_dim, batch_size))
    for t in reversed(range(seq_len)):
        dy_t = dy[t].T; h_t = h_states[t]; h_prev = h_states[t - 1]; x_t = X[t].T
        dW_hy += np.dot(dy_t, h_t.T)
        db_y += np.sum(dy_t, axis=1, keepdims=True)
        dh = np.dot(self.W_hy.T, dy_t) + dh_next
        da = dh * (1.0 - h_t ** 2)
        dW_hh += np.dot(da, h_prev.T)
        dW_xh += np.dot(da, x_t.T)
        db_h += np.sum(da, axis=1, keepdims=True)
        dh_next = np.dot(self.W_hh.T, da)
    grads = {"dW_xh": dW_xh, "dW_hh": dW_hh, "dW_hy": dW_hy, "db_h": db_h, "db_y": db_y}
    for k in grads:
        grads[k] = np.clip(grads[k], -self.clip_value, self.clip_value)
    return grads, dh_next
def Lc():
    yp, _ = forward(m, Xc)
    return compute_loss_and_grad(m, yp, Yc)[0]
yp, hsc = forward(m, Xc)
# forward rows vs independent loop
ok = True; h = np.zeros((H, B))
for t in range(T):
    h = np.tanh(m.W_hh@h + m.W_xh@Xc[t].T + m.b_h); ok &= close(yp[t], (m.W_hy@h + m.b_y).T)
res[101] = res[102] = res[103] = ok
loss_, dy = compute_loss_and_grad(m, yp, Yc)
res[114] = close(loss_, np.mean((yp-Yc)**2))
# line 115: dy = dLoss/dy_preds
ypv = yp.copy()
def Ly():
    return np.mean((ypv-Yc)**2)
res[115] = close(dy, num_grad(Ly, ypv))
grads, dh0 = backward(m, dy)
assert max(np.abs(v).max() for v in grads.values()) < m.clip_value   # no clipping active here
res[137] = close(grads["dW_hy"], num_grad(Lc, m.W_hy))
res[138] = close(grads["db_y"], num_grad(Lc, m.b_y))
res[143] = close(grads["dW_hh"], num_grad(Lc, m.W_hh))
res[144] = close(grads["dW_xh"], num_grad(Lc, m.W_xh))
res[145] = close(grads["db_h"], num_grad(Lc, m.b_h))
# lines 140/141/146 via gradient wrt initial hidden state (dh_next after t=0 is dL/dh_{-1})
hinit = np.zeros((H, B))
def Lh():
    yp2, _ = forward(m, Xc, hinit.copy()); return compute_loss_and_grad(m, yp2, Yc)[0]
res[140] = res[141] = res[146] = close(dh0, num_grad(Lh, hinit))
res[150] = True   # elementwise clipping by design; values unchanged here (asserted above)

expected = {6: True, 8: True, 21: True, 25: True, 32: True, 36: True, 40: True, 44: True, 48: True, 52: False,
            61: True, 63: True, 65: True, 67: True, 69: True, 71: True, 73: True, 78: True, 80: True, 82: True, 84: True,
            101: True, 102: True, 103: True, 114: True, 115: True, 137: True, 138: True, 140: True, 141: True,
            143: True, 144: True, 145: True, 146: True, 150: True}
for ln, v in expected.items():
    assert bool(res[ln]) == v, (ln, res[ln], v)
print("all", len(expected), "verdicts confirmed")
