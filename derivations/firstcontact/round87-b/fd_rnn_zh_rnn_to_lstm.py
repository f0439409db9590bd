# Finite-difference check of rnn_zh_rnn_to_lstm.md (numpy only).
# Model (author's 3.1/4.1): h_t = tanh(W_hx x_t + W_hh h_{t-1} + b_h), h_0 = 0, o_t = W_oh h_t + b_o,
# sequence-to-vector: yhat = o_T, L = 1/2 (y - yhat)^2 (author's 4.2).
import numpy as np

def forward(p, xs):
    h = np.zeros(p['W_hh'].shape[0]); hs = [h]
    for x in xs:
        h = np.tanh(p['W_hx'] @ x + p['W_hh'] @ h + p['b_h']); hs.append(h)
    yhat = p['W_oh'] @ hs[-1] + p['b_o']
    return hs, yhat

def loss(p, xs, y):
    _, yhat = forward(p, xs)
    return 0.5 * float(np.sum((y - yhat) ** 2))

def fd(p, xs, y, name, eps=1e-6):
    g = np.zeros_like(p[name])
    for idx in np.ndindex(p[name].shape):
        q = {k: v.copy() for k, v in p.items()}; q[name][idx] += eps; lp = loss(q, xs, y)
        q[name][idx] -= 2 * eps; lm = loss(q, xs, y); g[idx] = (lp - lm) / (2 * eps)
    return g

def report(row, ok, extra=''):
    print(f"line {row}: {'AGREES' if ok else 'DISAGREES'} {extra}")

rng = np.random.default_rng(0)
D, H, T = 2, 3, 4
p = {'W_hx': rng.normal(size=(H, D)), 'W_hh': rng.normal(size=(H, H)) * 0.5, 'b_h': rng.normal(size=H),
     'W_oh': rng.normal(size=(1, H)), 'b_o': rng.normal(size=1)}
xs = [rng.normal(size=D) for _ in range(T)]
y = np.array([0.3])
hs, yhat = forward(p, xs)

# line 90: dL/dh_T = (yhat - y) W_oh^T  (column gradient)
dhT = ((yhat - y) * p['W_oh'].T).ravel()
# FD of dL/dh_T: perturb h_T directly
def L_of_hT(hT): return 0.5 * float(np.sum((y - (p['W_oh'] @ hT + p['b_o'])) ** 2))
fd_hT = np.array([(L_of_hT(hs[-1] + e * 1e-6) - L_of_hT(hs[-1] - e * 1e-6)) / 2e-6 for e in np.eye(H)])
report(90, np.allclose(dhT, fd_hT, atol=1e-6), "(and 25/87: chain rule dL/dh_T)")

# lines 28/93 + 96: dL/dh_{t-1} = dL/dh_t diag(1-h_t^2) W_hh  (row-vector gradient times Jacobian)
dh = {T: dhT}
for t in range(T, 0, -1):
    J = np.diag(1 - hs[t] ** 2) @ p['W_hh']          # line 96
    dh[t - 1] = dh[t] @ J                              # line 28 / 93
# check dL/dh_{t-1} by FD on the hidden state with a forward re-run from step t
def L_from(hstart, t0):
    h = hstart
    for x in xs[t0:]:
        h = np.tanh(p['W_hx'] @ x + p['W_hh'] @ h + p['b_h'])
    return 0.5 * float(np.sum((y - (p['W_oh'] @ h + p['b_o'])) ** 2))
ok = True
for t in range(1, T + 1):
    g = np.array([(L_from(hs[t] + e * 1e-6, t) - L_from(hs[t] - e * 1e-6, t)) / 2e-6 for e in np.eye(H)])
    ok &= np.allclose(dh[t], g, atol=1e-6)
report(96, ok, "(Jacobian diag(1-h_t^2) W_hh used in the recursion of lines 28/93)")
report(28, ok, "(= line 93)")
# wrong orderings for contrast
Jbad = lambda t: p['W_hh'].T @ np.diag(1 - hs[t] ** 2)
print("   contrast: W_hh^T diag(1-h^2) in the same row recursion ->",
      np.allclose(dh[T] @ Jbad(T), dh[T - 1], atol=1e-6))

# lines 31-33: sum_t dL/dh_t * (immediate) dh_t/dW
dW_hx = sum(np.outer(dh[t] * (1 - hs[t] ** 2), xs[t - 1]) for t in range(1, T + 1))
dW_hh = sum(np.outer(dh[t] * (1 - hs[t] ** 2), hs[t - 1]) for t in range(1, T + 1))
db_h = sum(dh[t] * (1 - hs[t] ** 2) for t in range(1, T + 1))
report(31, np.allclose(dW_hx, fd(p, xs, y, 'W_hx'), atol=1e-6))
report(32, np.allclose(dW_hh, fd(p, xs, y, 'W_hh'), atol=1e-6))
report(33, np.allclose(db_h, fd(p, xs, y, 'b_h'), atol=1e-6))
# lines 34-35
dW_oh = (yhat - y)[:, None] * hs[-1][None, :]
db_o = (yhat - y)
report(34, np.allclose(dW_oh, fd(p, xs, y, 'W_oh'), atol=1e-6))
report(35, np.allclose(db_o, fd(p, xs, y, 'b_o'), atol=1e-6))

# Worked numeric example, lines 66-78
W_hx = np.array([[0.1, 0.2], [0.3, 0.4], [0.5, 0.6]])
W_hh = np.array([[0.7, 0.8, 0.9], [0.1, 0.2, 0.3], [0.4, 0.5, 0.6]])
W_oh = np.array([[0.1, 0.2, 0.3]]); b_h = np.array([0.1, 0.2, 0.3]); b_o = 0.4
x1, x2 = np.array([0.1, 0.2]), np.array([0.3, 0.4])
pre1 = W_hx @ x1 + b_h
print("line 68: pre-activation W_hx x_1 + b_h =", pre1.round(4), "(author: [0.33 0.58 0.83]);",
      "tanh(author's [0.33,0.58,0.83]) =", np.tanh([0.33, 0.58, 0.83]).round(3), "(author: [0.31 0.53 0.70])")
report(68, np.allclose(pre1, [0.33, 0.58, 0.83], atol=5e-3))
h1_author = np.array([0.31, 0.53, 0.70])
o1_from_author_h1 = float((W_oh @ h1_author)[0] + b_o)
print("line 70: W_oh h_1(author) + b_o =", round(o1_from_author_h1, 4), "(author: 0.73); with true h_1:",
      round(float((W_oh @ np.tanh(pre1))[0] + b_o), 4))
report(70, abs(o1_from_author_h1 - 0.73) < 5e-3)
pre2 = W_hx @ x2 + W_hh @ h1_author + b_h
print("line 76: pre-activation with the author's h_1 =", pre2.round(4), "(author: [1.02 1.27 1.52]);",
      "tanh(author's [1.02,1.27,1.52]) =", np.tanh([1.02, 1.27, 1.52]).round(3), "(author: [0.74 0.84 0.90])")
report(76, np.allclose(pre2, [1.02, 1.27, 1.52], atol=5e-3))
o2 = float((W_oh @ np.array([0.74, 0.84, 0.90]))[0] + b_o)
print("line 78: W_oh h_2(author) + b_o =", round(o2, 4), "(author: 0.88)")
report(78, abs(o2 - 0.88) < 5e-3)
