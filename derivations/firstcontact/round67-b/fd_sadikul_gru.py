"""Finite-difference check of sadikul_gru.py (sadikul1500/SPL-1 gru.py, commit 98405e8).

Model (author's forward, column vectors, one-hot input x_t = input_gate[t]):
  r_t  = sigmoid(W_r x_t + U_r h_{t-1} + b_r)
  u_t  = sigmoid(W_u x_t + U_u h_{t-1} + b_u)
  C~_t = tanh(W_C x_t + U_C (r_t * h_{t-1}) + b_C)
  h_t  = u_t * h_{t-1} + (1 - u_t) * C~_t          (h_t = cell_state[t])
  p_t  = softmax(W_y h_t + b_y),  L = sum_t -log p_t[y_t]
The author's `return cache, loss` sits inside the time loop (forward stops after t=0);
we run the intended multi-step recurrence (T=3) so that the recurrent lines are exercised.

Each backward line of the note is evaluated with CORRECT upstream quantities (from a
reference BPTT that is itself checked against finite differences), so that a line is
judged on its own and not on errors inherited from earlier lines.
"""
import numpy as np

rng = np.random.default_rng(0)
H, V, T = 4, 5, 3
P = {
    'W_r': rng.normal(size=(H, V)) * .5, 'W_C': rng.normal(size=(H, V)) * .5,
    'W_u': rng.normal(size=(H, V)) * .5, 'W_y': rng.normal(size=(V, H)) * .5,
    'U_r': rng.normal(size=(H, H)) * .5, 'U_C': rng.normal(size=(H, H)) * .5,
    'U_u': rng.normal(size=(H, H)) * .5,
    'b_r': rng.normal(size=(H, 1)) * .3, 'b_C': rng.normal(size=(H, 1)) * .3,
    'b_u': rng.normal(size=(H, 1)) * .3, 'b_y': rng.normal(size=(V, 1)) * .3,
}
xs = [1, 3, 0]
ys = [2, 4, 1]
h0 = rng.normal(size=(H, 1)) * .5


# --- the author's helpers, as written (lines 26-70) --------------------------------
def sigmoid(p):
    p = p.copy()
    for i in range(p.shape[0]):
        for j in range(p.shape[1]):
            if p[i][j] > 0:
                p[i][j] = 1. / (1. + np.exp(-p[i][j]))
            elif p[i][j] <= 0:
                p[i][j] = np.exp(p[i][j]) / (1 + np.exp(p[i][j]))
    return p


def dsigmoid(x):
    return x * (1 - x)


def TANH(p):
    p = p.copy()
    for i in range(p.shape[0]):
        for j in range(p.shape[1]):
            if p[i][j] > 0:
                p[i][j] = (1 - np.exp(-2 * p[i][j])) / (1 + np.exp(-2 * p[i][j]))
            elif p[i][j] <= 0:
                p[i][j] = (np.exp(2 * p[i][j]) - 1) / (np.exp(2 * p[i][j]) + 1)
    return p


def dtanh(z):
    return 1 - z * z


def softmax(x):
    e_x = np.exp(x - np.max(x))
    return e_x / np.sum(e_x, axis=0)


def forward(P, h0):
    c = {-1: h0.copy()}
    X, R, U, CB, PR = {}, {}, {}, {}, {}
    loss = 0.
    for t in range(T):
        X[t] = np.zeros((V, 1)); X[t][xs[t]] = 1
        R[t] = sigmoid(P['W_r'] @ X[t] + P['U_r'] @ c[t - 1] + P['b_r'])
        U[t] = sigmoid(P['W_u'] @ X[t] + P['U_u'] @ c[t - 1] + P['b_u'])
        CB[t] = TANH(P['W_C'] @ X[t] + P['U_C'] @ (R[t] * c[t - 1]) + P['b_C'])
        c[t] = U[t] * c[t - 1] + (1 - U[t]) * CB[t]
        PR[t] = softmax(P['W_y'] @ c[t] + P['b_y'])
        loss += -np.log(PR[t][ys[t], 0])
    return loss, (X, c, CB, R, U, PR)


def fd_param(name, eps=1e-6):
    g = np.zeros_like(P[name])
    for idx in np.ndindex(*P[name].shape):
        Pp = {k: v.copy() for k, v in P.items()}; Pm = {k: v.copy() for k, v in P.items()}
        Pp[name][idx] += eps; Pm[name][idx] -= eps
        g[idx] = (forward(Pp, h0)[0] - forward(Pm, h0)[0]) / (2 * eps)
    return g


def fd_h0(eps=1e-6):
    g = np.zeros_like(h0)
    for idx in np.ndindex(*h0.shape):
        hp = h0.copy(); hm = h0.copy(); hp[idx] += eps; hm[idx] -= eps
        g[idx] = (forward(P, hp)[0] - forward(P, hm)[0]) / (2 * eps)
    return g


def close(a, b, tol=1e-5):
    a = np.asarray(a, float); b = np.asarray(b, float)
    return a.shape == b.shape and np.max(np.abs(a - b)) <= tol * (1 + np.max(np.abs(b)))


results = []


def report(line, ok, what):
    results.append((line, ok))
    print(f"line {line:4d}: {'AGREES   ' if ok else 'DISAGREES'}  {what}")


# --- helper definitions --------------------------------------------------------------
z = np.linspace(-3, 3, 7).reshape(-1, 1)
report(32, close(sigmoid(np.abs(z) + .1), 1 / (1 + np.exp(-(np.abs(z) + .1)))), "sigmoid branch p>0")
report(34, close(sigmoid(-np.abs(z)), 1 / (1 + np.exp(np.abs(z)))), "sigmoid branch p<=0")
e = 1e-6
s = 1 / (1 + np.exp(-z))
report(44, close(dsigmoid(s), (1 / (1 + np.exp(-(z + e))) - 1 / (1 + np.exp(-(z - e)))) / (2 * e)), "dsigmoid(output) = sigma'(z)")
report(54, close(TANH(np.abs(z) + .1), np.tanh(np.abs(z) + .1)), "TANH branch p>0")
report(56, close(TANH(-np.abs(z)), np.tanh(-np.abs(z))), "TANH branch p<=0")
report(64, close(dtanh(np.tanh(z)), (np.tanh(z + e) - np.tanh(z - e)) / (2 * e)), "dtanh(output) = tanh'(z)")
report(70, close(softmax(z), np.exp(z) / np.exp(z).sum()), "softmax (lines 68-70)")

# --- reference BPTT (correct), checked against finite differences ---------------------
loss, (X, c, CB, R, U, PR) = forward(P, h0)
ref = {k: np.zeros_like(v) for k, v in P.items()}
steps = {}
dnext = np.zeros((H, 1))
for t in reversed(range(T)):
    dy = PR[t].copy(); dy[ys[t]] -= 1
    ref['W_y'] += dy @ c[t].T; ref['b_y'] += dy
    dh = P['W_y'].T @ dy + dnext
    dCB = dh * (1 - U[t]); daC = dCB * (1 - CB[t] ** 2)
    ref['W_C'] += daC @ X[t].T; ref['U_C'] += daC @ (R[t] * c[t - 1]).T; ref['b_C'] += daC
    dr = (P['U_C'].T @ daC) * c[t - 1]; dar = dr * R[t] * (1 - R[t])
    ref['W_r'] += dar @ X[t].T; ref['U_r'] += dar @ c[t - 1].T; ref['b_r'] += dar
    du = dh * (c[t - 1] - CB[t]); dau = du * U[t] * (1 - U[t])
    ref['W_u'] += dau @ X[t].T; ref['U_u'] += dau @ c[t - 1].T; ref['b_u'] += dau
    paths = dict(update=P['U_u'].T @ dau, reset=P['U_r'].T @ dar, cell=dh * U[t],
                 Cbar=(P['U_C'].T @ daC) * R[t])
    steps[t] = dict(dy=dy, dh=dh, dnext=dnext, dCB=dCB, daC=daC, dr=dr, dar=dar, du=du, dau=dau, paths=paths)
    dnext = sum(paths.values())
fdg = {k: fd_param(k) for k in P}
ref_ok = all(close(ref[k], fdg[k]) for k in P) and close(dnext, fd_h0())
print("reference BPTT vs finite differences (all params and dL/dh0):", "OK" if ref_ok else "MISMATCH")
assert ref_ok

# --- author's backward lines, each fed correct upstream values -----------------------
def acc(f):
    return sum(f(t, steps[t]) for t in range(T))

report(131, all(close(steps[t]['dy'], (lambda d: (d.__setitem__(ys[t], d[ys[t]] - 1), d)[1])(PR[t].copy())) for t in range(T)), "d_y = p - onehot (dL/dlogits)")
report(133, close(acc(lambda t, s: s['dy'] @ c[t - 1].T), fdg['W_y']), "d_W_y += d_y . cell_state[t-1]^T  vs FD dL/dW_y")
print("           (with cell_state[t] instead it would agree:", close(acc(lambda t, s: s['dy'] @ c[t].T), fdg['W_y']), ")")
report(134, close(acc(lambda t, s: s['dy']), fdg['b_y']), "d_b_y += d_y")
report(136, all(close(P['W_y'].T @ steps[t]['dy'] + steps[t]['dnext'], steps[t]['dh']) for t in range(T)), "d_cell = W_y^T d_y + dC_next (total dL/dh_t)")
report(137, all(close(steps[t]['dh'] * (1 - U[t]), steps[t]['dCB']) for t in range(T)), "dC_bar = d_cell*(1-u)")
report(139, close(acc(lambda t, s: (s['dCB'] * dtanh(CB[t])) @ X[t].T), fdg['W_C']), "d_W_C")
report(140, close(acc(lambda t, s: (s['dCB'] * dtanh(CB[t])) @ (R[t] * c[t - 1]).T), fdg['U_C']), "d_U_C")
report(141, close(acc(lambda t, s: s['dCB'] * dtanh(c[t])), fdg['b_C']), "d_b_C += dC_bar*dtanh(cell_state[t])  vs FD dL/db_C")
report(143, all(close((P['U_C'].T @ (steps[t]['dCB'] * dtanh(c[t]))) * c[t - 1], steps[t]['dr']) for t in range(T)), "d_r = U_C^T(dC_bar*dtanh(cell_state[t]))*h_prev  vs true dL/dr_t")
report(145, close(acc(lambda t, s: (s['dr'] * dsigmoid(R[t])) @ X[t].T), fdg['W_r']), "d_W_r (given true d_r)")
report(146, close(acc(lambda t, s: (s['dr'] * dsigmoid(R[t])) @ c[t - 1].T), fdg['U_r']), "d_U_r (given true d_r)")
report(147, close(acc(lambda t, s: s['dr'] * dsigmoid(R[t])), fdg['b_r']), "d_b_r (given true d_r)")
report(149, all(close(steps[t]['dh'] * (c[t - 1] - CB[t]), steps[t]['du']) for t in range(T)), "d_u = d_cell*(h_prev - C_bar)")
report(151, close(acc(lambda t, s: (s['du'] * dsigmoid(U[t])) @ X[t].T), fdg['W_u']), "d_W_u")
report(152, close(acc(lambda t, s: (s['du'] * dsigmoid(U[t])) @ c[t - 1].T), fdg['U_u']), "d_U_u")
report(153, close(acc(lambda t, s: s['du'] * dsigmoid(U[t])), fdg['b_u']), "d_b_u")
report(155, all(close(P['U_C'].T @ (steps[t]['du'] * dsigmoid(U[t])), steps[t]['paths']['update']) for t in range(T)), "d_cell_update = U_C^T(...)  vs true path U_u^T(...)")
report(156, all(close(P['U_r'].T @ (steps[t]['dr'] * dsigmoid(R[t])), steps[t]['paths']['reset']) for t in range(T)), "d_cell_reset = U_r^T(d_r*dsigmoid(r)) (given true d_r)")
# line 157 literally multiplies the running gradients['d_W_C'] (shape H x V) by u_t
runWC = np.zeros_like(P['W_C']); ok157 = True
for t in reversed(range(T)):
    runWC = runWC + (steps[t]['dCB'] * dtanh(CB[t])) @ X[t].T
    ok157 &= close(runWC * U[t], steps[t]['paths']['cell'])
report(157, ok157, "d_cell_cell = gradients['d_W_C']*u  vs true path d_cell*u")
report(158, all(close((P['U_C'].T @ (steps[t]['dCB'] * dtanh(c[t]))) * R[t], steps[t]['paths']['Cbar']) for t in range(T)), "d_cell_C_bar uses dtanh(cell_state[t])  vs true path")
report(160, close(sum(steps[0]['paths'].values()), fd_h0()), "dC_next = sum of the four paths (correct paths) vs FD dL/dh0")

# --- the author's backward exactly as written, end to end ----------------------------
grads = {k: np.zeros_like(v) for k, v in P.items()}
dC_next = np.zeros_like(c[0])
with np.errstate(all='ignore'):
    for t in range(T - 1, -1, -1):
        d_y = PR[t].copy(); d_y[ys[t]] -= 1
        grads['W_y'] += d_y.dot(c[t - 1].T); grads['b_y'] += d_y
        d_cell = P['W_y'].T.dot(d_y) + dC_next
        dC_bar = d_cell * (1 - U[t])
        grads['W_C'] = grads['W_C'] + (dC_bar * dtanh(CB[t])).dot(X[t].T) if dC_bar.shape[1] == 1 else grads['W_C']
        grads['b_C'] = grads['b_C'] + (dC_bar * dtanh(c[t]) if dC_bar.shape[1] == 1 else 0)
        d_u = d_cell * (c[t - 1] - CB[t])
        d_r = (P['U_C'].T.dot(dC_bar * dtanh(c[t]))) * c[t - 1]
        d_cell_update = P['U_C'].T.dot(d_u * dsigmoid(U[t]))
        d_cell_reset = P['U_r'].T.dot(d_r * dsigmoid(R[t]))
        d_cell_cell = grads['W_C'] * U[t]
        d_cell_C_bar = (P['U_C'].T.dot(dC_bar * dtanh(c[t]))) * R[t]
        dC_next = d_cell_update + d_cell_reset + d_cell_cell + d_cell_C_bar
print("as written end to end: dC_next after t=0 has shape", dC_next.shape,
      "(true dL/dh0 has shape", h0.shape, ") -> line 157 broadcasts to H x V")

fails = [l for l, ok in results if not ok]
print("\nlines that DISAGREE:", fails)
print("lines that agree:", [l for l, ok in results if ok])
