"""Finite-difference checks for rnn_tsx_course_chapter.md (numpy only).
Forward exactly as PY_CODE: z = Wxh @ x_t + Whh @ h_prev + bh, h = tanh(z);
y_pred = softmax(H[-1] @ Why + by) with Why of shape (hidden, out); loss = CE(y_pred, y_target[-1])."""
import numpy as np
rng = np.random.default_rng(0)

def softmax(z):
    e = np.exp(z - np.max(z)); return e / e.sum()

def forward(X, Whh, Wxh, bh):
    H = np.zeros((len(X) + 1, Whh.shape[0]))
    for t in range(len(X)):
        H[t+1] = np.tanh(Wxh @ X[t] + Whh @ H[t] + bh)
    return H

def loss(X, yT, Whh, Wxh, bh, Why, by):
    H = forward(X, Whh, Wxh, bh)
    p = softmax(H[-1] @ Why + by)
    return -np.sum(yT[-1] * np.log(p))

def num_grad(f, P, eps=1e-6):
    G = np.zeros_like(P)
    for ix in np.ndindex(P.shape):
        old = P[ix]; P[ix] = old + eps; a = f(); P[ix] = old - eps; b = f(); P[ix] = old
        G[ix] = (a - b) / (2 * eps)
    return G

def report(name, A, N, line):
    if A.shape != N.shape:
        print(f"line {line:3d} {name:8s}: SHAPE MISMATCH author {A.shape} vs true {N.shape}", end="")
        if A.T.shape == N.shape:
            print(f"; author.T vs FD max err {np.abs(A.T - N).max():.2e}")
        else:
            print()
        return
    e = np.abs(A - N).max(); ok = e < 1e-6
    extra = ""
    if not ok and A.T.shape == N.shape:
        extra = f" (author.T vs FD max err {np.abs(A.T - N).max():.2e})"
    print(f"line {line:3d} {name:8s}: max|author-FD| = {e:.2e} -> {'AGREE' if ok else 'DISAGREE'}{extra}")

def author_bptt(X, yT, Whh, Wxh, bh, Why, by):
    # lines 122-142 of the note, as written (without clipping / updates)
    H = forward(X, Whh, Wxh, bh)
    y_pred = softmax(H[-1] @ Why + by)
    delta_out = y_pred - yT[-1]
    dWhy = np.outer(H[-1], delta_out)
    dby = delta_out
    delta_h = Why @ delta_out
    dWhh = np.zeros_like(Whh); dWxh = np.zeros_like(Wxh); dbh = np.zeros_like(bh)
    for t in reversed(range(len(X))):
        delta_h = delta_h * (1 - H[t+1]**2)
        dWhh += np.outer(H[t], delta_h)
        if dWxh is not None:
            try:
                dWxh += np.outer(X[t], delta_h)
            except ValueError as e:
                dWxh = None
        dbh += delta_h
        delta_h = Whh.T @ delta_h
    return dWhh, dWxh, dbh, dWhy, dby

print("== PY_CODE rnn_bptt, input_dim (3) != hidden_dim (4) ==")
T, D, Hd, O = 5, 3, 4, 3
X = rng.standard_normal((T, D)); yT = np.zeros((T, O)); yT[-1, 1] = 1
Whh = rng.standard_normal((Hd, Hd)) * .5; Wxh = rng.standard_normal((Hd, D)) * .5; bh = rng.standard_normal(Hd) * .1
Why = rng.standard_normal((Hd, O)) * .5; by = rng.standard_normal(O) * .1
dWhh, dWxh, dbh, dWhy, dby = author_bptt(X, yT, Whh, Wxh, bh, Why, by)
f = lambda: loss(X, yT, Whh, Wxh, bh, Why, by)
print("line 140 dWxh    : np.outer(X[t], delta_h) has shape", (D, Hd), "but Wxh is", Wxh.shape,
      "-> in-place += raises ValueError" if dWxh is None else "")
report("dWhh", dWhh, num_grad(f, Whh), 139)
report("dbh", dbh, num_grad(f, bh), 141)
report("dWhy", dWhy, num_grad(f, Why), 128)
report("dby", dby, num_grad(f, by), 129)

print("== same, square case input_dim == hidden_dim == 4 (so the += runs) ==")
D = 4
X = rng.standard_normal((T, D)); Wxh = rng.standard_normal((Hd, D)) * .5
dWhh, dWxh, dbh, dWhy, dby = author_bptt(X, yT, Whh, Wxh, bh, Why, by)
f = lambda: loss(X, yT, Whh, Wxh, bh, Why, by)
report("dWxh", dWxh, num_grad(f, Wxh), 140)
report("dWhh", dWhh, num_grad(f, Whh), 139)
report("dbh", dbh, num_grad(f, bh), 141)
# delta_h recursion (lines 132, 138, 142): compare dL/dh_t from the author's recursion with FD on h
H = forward(X, Whh, Wxh, bh)
def loss_from_h(t0, h):  # run forward from step t0 with H[t0] replaced
    hh = h.copy()
    for t in range(t0, T):
        hh = np.tanh(Wxh @ X[t] + Whh @ hh + bh)
    p = softmax(hh @ Why + by); return -np.sum(yT[-1] * np.log(p))
delta_out = softmax(H[-1] @ Why + by) - yT[-1]
dh = Why @ delta_out; ok = True
for t in reversed(range(T)):
    hv = H[t+1].copy(); g = num_grad(lambda: loss_from_h(t + 1, hv), hv)
    ok &= np.allclose(dh, g, atol=1e-6)
    dh = dh * (1 - H[t+1]**2); dh = Whh.T @ dh
print(f"lines 132/138/142 delta_h recursion: dL/dh_t matches FD at every t -> {'AGREE' if ok else 'DISAGREE'}")

print("== maths claims ==")
def jac(fun, v, eps=1e-6):
    J = np.zeros((len(fun(v)), len(v)))
    for j in range(len(v)):
        a = v.copy(); a[j] += eps; b = v.copy(); b[j] -= eps
        J[:, j] = (fun(a) - fun(b)) / (2 * eps)
    return J
Hd = 4; W = rng.standard_normal((Hd, Hd)) * .8; U = rng.standard_normal((Hd, 3)); b = rng.standard_normal(Hd) * .3
Xs = rng.standard_normal((8, 3))
hs = [np.zeros(Hd)]; zs = [None]
for t in range(1, 8):
    zs.append(W @ hs[-1] + U @ Xs[t] + b); hs.append(np.tanh(zs[-1]))
t, k = 7, 3
def roll(h, a, bnd):
    for i in range(a + 1, bnd + 1):
        h = np.tanh(W @ h + U @ Xs[i] + b)
    return h
Jtrue = jac(lambda h: roll(h, t - k, t), hs[t - k])
dtanh = lambda z: 1 - np.tanh(z)**2
dsig = lambda z: 1 / (1 + np.exp(-z)) * (1 - 1 / (1 + np.exp(-z)))
P = np.eye(Hd)
for i in range(t - k, t): P = P @ np.diag(dsig(zs[i]) if i > 0 else dsig(np.zeros(Hd)))
claim_sig = np.linalg.matrix_power(W.T, k) @ P
P2 = np.eye(Hd)
for i in range(t - k + 1, t + 1): P2 = P2 @ np.diag(dtanh(zs[i]))
claim_tanh_shift = np.linalg.matrix_power(W.T, k) @ P2
correct = np.eye(Hd)
for i in range(t, t - k, -1): correct = correct @ (np.diag(dtanh(zs[i])) @ W)
print(f"line  21 (W^T)^k prod diag(sigma'(z_i)), i=t-k..t-1: max err vs true Jacobian {np.abs(claim_sig - Jtrue).max():.2e} (transpose: {np.abs(claim_sig - Jtrue.T).max():.2e}) -> DISAGREE")
print(f"         even with tanh' and i=t-k+1..t: err {np.abs(claim_tanh_shift - Jtrue).max():.2e}, vs transpose {np.abs(claim_tanh_shift - Jtrue.T).max():.2e} -> DISAGREE (W and diag do not commute)")
print(f"         correct prod_(i=t..t-k+1) diag(tanh'(z_i)) W: err {np.abs(correct - Jtrue).max():.2e} -> AGREE")
# line 46
J1 = jac(lambda h: np.tanh(W @ h + U @ Xs[5] + b), hs[4])
fac = W.T @ np.diag(dtanh(zs[5]))
print(f"line  46 factor W^T diag(tanh'(z_i)) vs dh_i/dh_(i-1)[a,b]=d h_i[a]/d h_(i-1)[b]: err {np.abs(fac - J1).max():.2e}; vs its transpose: {np.abs(fac - J1.T).max():.2e}")
prodinc = np.eye(Hd)
for i in range(t - k + 1, t + 1): prodinc = prodinc @ (W.T @ np.diag(dtanh(zs[i])))
print(f"         prod_(i=t+1..T) W^T diag(tanh') read left-to-right = (dh_T/dh_t)^T: err {np.abs(prodinc - Jtrue.T).max():.2e} -> AGREE as denominator-layout (transposed) Jacobian")
# line 42: sum_t dL/dh_T . dh_T/dh_t . (immediate dh_t/dW) == dL/dW for a loss at T only
T2 = 6; Xq = rng.standard_normal((T2, 3)); v = rng.standard_normal(Hd)
def Lw():
    h = np.zeros(Hd)
    for tt in range(T2): h = np.tanh(W @ h + U @ Xq[tt] + b)
    return v @ h
G = num_grad(Lw, W)
hq = [np.zeros(Hd)]; zq = [None]
for tt in range(T2): zq.append(W @ hq[-1] + U @ Xq[tt] + b); hq.append(np.tanh(zq[-1]))
S = np.zeros_like(W); g = v.copy()  # g = dL/dh_t (row) = dL/dh_T . dh_T/dh_t
for tt in range(T2, 0, -1):
    S += np.outer(g * dtanh(zq[tt]), hq[tt - 1])  # g . (immediate dh_t/dW)
    g = W.T @ (g * dtanh(zq[tt]))
print(f"line  42 sum_t dL/dh_T dh_T/dh_t dh_t/dW (immediate): err vs FD {np.abs(S - G).max():.2e} -> AGREE")
# lines 49-50: ||W|| < 4 does not make gradients vanish when tanh' ~ 1
Q, _ = np.linalg.qr(rng.standard_normal((Hd, Hd))); W2 = 2.0 * Q  # ||W2|| = 2 < 4
h = np.zeros(Hd); Jp = np.eye(Hd)
for s in range(20):
    z = W2 @ h * 0 + 1e-3 * rng.standard_normal(Hd)  # keep pre-activations near 0 (tanh' ~ 1)
    Jp = (np.diag(dtanh(z)) @ W2) @ Jp
print(f"lines 49-50 ||W||=2<4, tanh'~1: ||dh_20/dh_0|| = {np.linalg.norm(Jp, 2):.3e} (grows like 2^20, no vanishing) -> bound ||W||*0.25 DISAGREE")
print(f"         single factor spectral norm {np.linalg.norm(np.diag(dtanh(np.zeros(Hd))) @ W2, 2):.3f} > ||W||*0.25 = {0.25*np.linalg.norm(W2, 2):.3f}")
# line 56
A = rng.standard_normal((Hd, Hd)); lam, Qe = np.linalg.eig(A); kk = 3
lhs = np.linalg.matrix_power(A.T, kk); rhs = (Qe @ np.diag(lam**kk) @ np.linalg.inv(Qe)).real
print(f"line  56 (W^T)^k = Q Lambda^k Q^-1: err {np.abs(lhs - rhs).max():.2e} -> DISAGREE; W^k = Q Lambda^k Q^-1: err {np.abs(np.linalg.matrix_power(A, kk) - rhs).max():.2e}")
# line 68: saturated f=1, i=0 -> dc_t/dc_(t-k) = I
Hc = 3; Wf = rng.standard_normal((Hc, Hc)); Wi = rng.standard_normal((Hc, Hc)); Wo = rng.standard_normal((Hc, Hc)); Wc = rng.standard_normal((Hc, Hc))
sg = lambda z: 1 / (1 + np.exp(-z))
def lstm_roll(c, h, k):
    for _ in range(k):
        f = sg(Wf @ h + 60.); i = sg(Wi @ h - 60.); o = sg(Wo @ h); ct = np.tanh(Wc @ h)
        c = f * c + i * ct; h = o * np.tanh(c)
    return c
c0 = rng.standard_normal(Hc); h0 = rng.standard_normal(Hc)
Jc = jac(lambda c: lstm_roll(c, h0, 4), c0)
print(f"line  68 f=1,i=0: dc_t/dc_(t-k) vs identity: err {np.abs(Jc - np.eye(Hc)).max():.2e} -> AGREE")
