# Finite-difference check of iqailab_bptt_derivation.md (iq-ai-lab/rnn-lstm-deep-dive, ch2-bptt/02-bptt-derivation.md).
# numpy only. Column vectors, z_t = Whh h_{t-1} + Wxh x_t + bh, h_t = tanh(z_t), y_t = Why h_t + by,
# L = sum_t 0.5*||y_t - y*_t||^2 (the loss used in the author's code, line 146).
import numpy as np

def check(name, a, b, tol=1e-6):
    a = np.asarray(a, float); b = np.asarray(b, float)
    ok = a.shape == b.shape and np.allclose(a, b, atol=tol, rtol=1e-5)
    err = np.abs(a - b).max() if a.shape == b.shape else float('nan')
    print(f"{'AGREE ' if ok else 'DIFFER'}  {name}   (max abs diff {err:.2e}, shapes {a.shape} vs {b.shape})")
    return ok

# ---- the author's class, copied from lines 125-181 ----
class RNN_BPTT:
    def __init__(self, D, H, O, seed=0):
        rng = np.random.RandomState(seed)
        s = np.sqrt(1.0 / H)
        self.Wxh = rng.randn(H, D) * s
        self.Whh = rng.randn(H, H) * s
        self.Why = rng.randn(O, H) * s
        self.bh = np.zeros(H); self.by = np.zeros(O)
        self.D, self.H, self.O = D, H, O
    def forward(self, x_seq, targets):
        T = len(x_seq); H = self.H
        hs = np.zeros((T+1, H)); zs = np.zeros((T, H)); ys = np.zeros((T, self.O)); L_total = 0.0
        for t in range(T):
            zs[t] = self.Whh @ hs[t] + self.Wxh @ x_seq[t] + self.bh
            hs[t+1] = np.tanh(zs[t])
            ys[t] = self.Why @ hs[t+1] + self.by
            L_total += 0.5 * np.sum((ys[t] - targets[t])**2)
        return L_total, hs, zs, ys
    def bptt(self, x_seq, targets, hs, zs, ys):
        T = len(x_seq)
        dWxh = np.zeros_like(self.Wxh); dWhh = np.zeros_like(self.Whh); dWhy = np.zeros_like(self.Why)
        dbh = np.zeros_like(self.bh); dby = np.zeros_like(self.by)
        dh_next = np.zeros(self.H)
        for t in reversed(range(T)):
            dy = ys[t] - targets[t]
            dWhy += np.outer(dy, hs[t+1]); dby += dy
            dh = self.Why.T @ dy + dh_next
            dz = dh * (1 - np.tanh(zs[t])**2)
            dbh += dz; dWxh += np.outer(dz, x_seq[t]); dWhh += np.outer(dz, hs[t])
            dh_next = self.Whh.T @ dz
        return dWxh, dWhh, dWhy, dbh, dby

def jacobian_chain(rnn, zs, k, t):          # lines 201-208, verbatim
    H = rnn.H
    prod = np.eye(H)
    for j in range(k+1, t+1):
        Jj = rnn.Whh.T @ np.diag(1 - np.tanh(zs[j-1])**2)
        prod = Jj @ prod
    return prod

D, H, O, T = 3, 5, 2, 4
rnn = RNN_BPTT(D, H, O, seed=42)
rnn.bh = np.random.RandomState(7).randn(H) * 0.3   # nonzero biases so that every term is exercised
rnn.by = np.random.RandomState(8).randn(O) * 0.3
rs = np.random.RandomState(0)
x_seq = rs.randn(T, D); targets = rs.randn(T, O)
L, hs, zs, ys = rnn.forward(x_seq, targets)
g = rnn.bptt(x_seq, targets, hs, zs, ys)

def loss_of(name, val, which=None):
    old = getattr(rnn, name).copy(); setattr(rnn, name, val)
    out = rnn.forward(x_seq, targets)
    setattr(rnn, name, old)
    return out

def fd_param(name, eps=1e-6, only_t=None):
    P = getattr(rnn, name); G = np.zeros_like(P)
    for idx in np.ndindex(P.shape):
        Pp = P.copy(); Pp[idx] += eps; Pm = P.copy(); Pm[idx] -= eps
        if only_t is None:
            Lp = loss_of(name, Pp)[0]; Lm = loss_of(name, Pm)[0]
        else:
            _, _, _, yp = loss_of(name, Pp); _, _, _, ym = loss_of(name, Pm)
            Lp = 0.5*np.sum((yp[only_t]-targets[only_t])**2); Lm = 0.5*np.sum((ym[only_t]-targets[only_t])**2)
        G[idx] = (Lp - Lm) / (2*eps)
    return G

print("== code of 실험 1 (lines 125-181): bptt vs finite differences ==")
for nm, gi in zip(['Wxh', 'Whh', 'Why', 'bh', 'by'], g):
    check(f"line 171-181 code gradient d{nm}", gi, fd_param(nm))

# helpers: 1-based math index t=1..T <-> code index
z = lambda t: zs[t-1]; h = lambda t: hs[t]
tp = lambda t: 1 - np.tanh(z(t))**2
J = lambda t: np.diag(tp(t)) @ rnn.Whh                      # definition 2.3 (line 33)

def fd_dh_dhprev(t, eps=1e-6):
    # true Jacobian d h_t / d h_{t-1}: perturb h_{t-1}, recompute h_t
    Jn = np.zeros((H, H))
    for j in range(H):
        e = np.zeros(H); e[j] = eps
        hp = np.tanh(rnn.Whh @ (h(t-1)+e) + rnn.Wxh @ x_seq[t-1] + rnn.bh)
        hm = np.tanh(rnn.Whh @ (h(t-1)-e) + rnn.Wxh @ x_seq[t-1] + rnn.bh)
        Jn[:, j] = (hp - hm) / (2*eps)
    return Jn

print("\n== Jacobian claims ==")
check("line 33  J_t = diag(tanh'(z_t)) W_hh", J(3), fd_dh_dhprev(3))
check("line 36  J_t^T = W_hh^T diag(tanh'(z_t))", rnn.Whh.T @ np.diag(tp(3)), fd_dh_dhprev(3).T)
check("line 7   dh_j/dh_{j-1} = W_hh^T diag(sigma'(z_j))  [claimed equal to the Jacobian]", rnn.Whh.T @ np.diag(tp(3)), fd_dh_dhprev(3))

# total delta_t = dL/dh_t by finite differences on h_t (re-running the rest of the sequence)
def L_from_h(t, ht):
    Ltot = 0.0
    for s in range(1, t):
        Ltot += 0.5*np.sum((rnn.Why @ h(s) + rnn.by - targets[s-1])**2)
    hcur = ht
    Ltot += 0.5*np.sum((rnn.Why @ hcur + rnn.by - targets[t-1])**2)
    for s in range(t+1, T+1):
        hcur = np.tanh(rnn.Whh @ hcur + rnn.Wxh @ x_seq[s-1] + rnn.bh)
        Ltot += 0.5*np.sum((rnn.Why @ hcur + rnn.by - targets[s-1])**2)
    return Ltot
def fd_delta(t, eps=1e-6):
    d = np.zeros(H)
    for j in range(H):
        e = np.zeros(H); e[j] = eps
        d[j] = (L_from_h(t, h(t)+e) - L_from_h(t, h(t)-e)) / (2*eps)
    return d
delta = {t: fd_delta(t) for t in range(1, T+1)}
dLt_dht = lambda t: rnn.Why.T @ (ys[t-1] - targets[t-1])

print("\n== theorems (section 정리와 증명) ==")
for t in [2, 3]:
    check(f"line 53  delta_t = dL_t/dh_t + J_(t+1)^T delta_(t+1), t={t}", dLt_dht(t) + J(t+1).T @ delta[t+1], delta[t])
    check(f"line 61  dL/dh_t = dL_t/dh_t + (dL/dh_(t+1)) (dh_(t+1)/dh_t) [row form], t={t}", dLt_dht(t) + delta[t+1] @ J(t+1), delta[t])
check("line 56  boundary delta_T = dL_T/dh_T", dLt_dht(T), delta[T])
G_whh = sum(np.outer(delta[t]*tp(t), h(t-1)) for t in range(1, T+1))
check("line 69  dL/dW_hh = sum_t (delta_t . tanh'(z_t)) h_(t-1)^T", G_whh, fd_param('Whh'))
check("line 75  dL/dW_hh = sum_t dL/dz_t dz_t/dW_hh (same, via dL/dz_t)", G_whh, fd_param('Whh'))
check("line 103 dL/dW_xh = sum_t (delta_t . tanh') x_t^T", sum(np.outer(delta[t]*tp(t), x_seq[t-1]) for t in range(1, T+1)), fd_param('Wxh'))
check("line 103 dL/db_h  = sum_t (delta_t . tanh')", sum(delta[t]*tp(t) for t in range(1, T+1)), fd_param('bh'))
check("line 111 dL/dW_hy = sum_t dL_t/dy_t h_t^T", sum(np.outer(ys[t-1]-targets[t-1], h(t)) for t in range(1, T+1)), fd_param('Why'))
check("line 111 dL/db_y  = sum_t dL_t/dy_t", sum(ys[t-1]-targets[t-1] for t in range(1, T+1)), fd_param('by'))

# Theorem 2.3 for a single loss term L_t (t = 3): product read with j increasing from left to right
t0 = 3
def prod_up(k, t):       # J_{k+1}^T J_{k+2}^T ... J_t^T
    P = np.eye(H)
    for j in range(k+1, t+1): P = P @ J(j).T
    return P
Gt = sum(np.outer((prod_up(k, t0) @ dLt_dht(t0)) * tp(k), h(k-1)) for k in range(1, t0+1))
check("line 83/91 dL_t/dW_hh = sum_k (prod_(j=k+1..t) J_j^T) dL_t/dh_t dh_k/dW|partial  (t=3)", Gt, fd_param('Whh', only_t=t0-1))

# line 228, literal: (prod J^T) dL_t/dh_t  h_(k-1)^T tanh'(z_k)  -> h_(k-1)^T tanh'(z_k) is a scalar
lit = sum((prod_up(k, t0) @ dLt_dht(t0)) * float(h(k-1) @ tp(k)) for k in range(1, t0+1))
check("line 228 literal: sum_k (prod J^T) dL_t/dh_t (h_(k-1)^T tanh'(z_k))  [vector, not H x H]", lit, fd_param('Whh', only_t=t0-1))
print("        (for comparison: the same term with tanh'(z_k) applied element-wise before the outer product is line 83 above)")

print("\n== 실험 3: jacobian_chain (lines 201-208) ==")
# true d h_3 / d h_0 by finite differences
def fd_dht_dhk(t, k, eps=1e-6):
    Jn = np.zeros((H, H))
    for j in range(H):
        e = np.zeros(H); e[j] = eps
        def run(h0):
            hc = h0
            for s in range(k+1, t+1): hc = np.tanh(rnn.Whh @ hc + rnn.Wxh @ x_seq[s-1] + rnn.bh)
            return hc
        Jn[:, j] = (run(h(k)+e) - run(h(k)-e)) / (2*eps)
    return Jn
C = jacobian_chain(rnn, zs, k=0, t=3)
Jtrue = fd_dht_dhk(3, 0)
check("line 207 jacobian_chain(k=0,t=3) vs (dh_3/dh_0)^T = J_1^T J_2^T J_3^T", C, Jtrue.T)
check("line 207 jacobian_chain(k=0,t=3) vs  dh_3/dh_0   = J_3 J_2 J_1", C, Jtrue)
print(f"        spectral radius: jacobian_chain {np.abs(np.linalg.eigvals(C)).max():.6f}  vs true chain {np.abs(np.linalg.eigvals(Jtrue)).max():.6f}")
print(f"        Frobenius norm : jacobian_chain {np.linalg.norm(C):.6f}  vs true chain {np.linalg.norm(Jtrue):.6f}")

print("\n== 문제 1 (lines 247-269), scalar RNN, T=2, loss only at step 2 ==")
rs2 = np.random.RandomState(3)
whh, wxh, why = rs2.randn(3); x1, x2, ystar, h0 = rs2.randn(4)
def Lsc(whh, wxh=wxh, why=why, h0=h0):
    z1 = whh*h0 + wxh*x1; h1 = np.tanh(z1); z2 = whh*h1 + wxh*x2; h2 = np.tanh(z2); y2 = why*h2
    return 0.5*(y2-ystar)**2, h1, h2, y2
_, h1, h2, y2 = Lsc(whh)
dy = y2 - ystar; dz2 = why*dy*(1-h2**2); dz1 = whh*dz2*(1-h1**2)
eps = 1e-6
fd_whh = (Lsc(whh+eps)[0]-Lsc(whh-eps)[0])/(2*eps)
fd_h1 = (0.5*(why*np.tanh(whh*(h1+eps)+wxh*x2)-ystar)**2 - 0.5*(why*np.tanh(whh*(h1-eps)+wxh*x2)-ystar)**2)/(2*eps)
check("line 256 dL/dh_1 = w_hh dz_2", whh*dz2, fd_h1)
check("line 263 dL/dw_hh = dz_2 h_1 + dz_1 h_0", dz2*h1 + dz1*h0, fd_whh)
check("line 269 expanded form", why*dy*(1-h2**2)*h1 + whh*why*dy*(1-h2**2)*(1-h1**2)*h0, fd_whh)
