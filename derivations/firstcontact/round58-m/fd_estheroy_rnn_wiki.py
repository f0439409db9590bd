"""FD checks for estheroy_rnn_wiki.md (WildML-style RNN: s_t = tanh(U x_t + W s_{t-1}), o_t = softmax(V s_t))."""
import numpy as np

rng = np.random.default_rng(58)
D, H, C, T = 4, 5, 6, 4          # t = 0..3, s_{-1} = 0
U = rng.normal(0, 0.5, (H, D)); W = rng.normal(0, 0.5, (H, H)); V = rng.normal(0, 0.5, (C, H))
xs = rng.normal(size=(T, D)); ys = rng.integers(0, C, T)
verdict = {}

def softmax(z):
    e = np.exp(z - z.max()); return e / e.sum()

def forward(U, W, V):
    s_prev = np.zeros(H); S = []; O = []
    for t in range(T):
        s = np.tanh(U @ xs[t] + W @ s_prev)
        S.append(s); O.append(softmax(V @ s)); s_prev = s
    return np.array(S), np.array(O)

def E3(W_):
    S, O = forward(U, W_, V)
    return -np.log(O[3][ys[3]])

S, O = forward(U, W, V)

# line 14: s_t = tanh(Ux_t + Ws_t - 1)  (as written: W s_t minus 1)
lit = np.array([np.tanh(U @ xs[t] + W @ S[t] - 1) for t in range(T)])
verdict[14] = "pass" if np.allclose(lit, S) else "fail"
# the intended recursion with s_{t-1} reproduces the model
S_prev = np.vstack([np.zeros(H), S[:-1]])
assert np.allclose(np.tanh(xs @ U.T + S_prev @ W.T), S)

# line 15: o_t = softmax(V s_t)
verdict[15] = "pass" if all(np.allclose(softmax(V @ S[t]), O[t]) for t in range(T)) else "fail"

# line 30: dE3/dW = sum_{k=0}^{3} dE3/dy3 dy3/ds3 (prod_{j=k+1}^{3} ds_j/ds_{j-1}) ds_k/dW (immediate)
y3 = np.zeros(C); y3[ys[3]] = 1
dE_dyhat = -y3 / O[3]                                  # row vector dE3/d yhat3
dyhat_dz = np.diag(O[3]) - np.outer(O[3], O[3])
dyhat_ds3 = dyhat_dz @ V                               # C x H
row = dE_dyhat @ dyhat_ds3                             # 1 x H
G = np.zeros((H, H))
for k in range(0, 4):
    J = np.eye(H)
    for j in range(3, k, -1):                          # prod_{j=k+1}^{3} ds_j/ds_{j-1}, ordered s_3 <- s_k
        J = J @ (np.diag(1 - S[j] ** 2) @ W)
    g = row @ J                                        # dE3/ds_k (1 x H)
    sk_1 = S[k - 1] if k > 0 else np.zeros(H)
    # immediate ds_k/dW_{ab} = delta_{ia} (1 - s_k,i^2) s_{k-1,b}
    G += np.outer(g * (1 - S[k] ** 2), sk_1)
num = np.zeros((H, H)); eps = 1e-6
for a in range(H):
    for b in range(H):
        Wp = W.copy(); Wp[a, b] += eps; Wm = W.copy(); Wm[a, b] -= eps
        num[a, b] = (E3(Wp) - E3(Wm)) / (2 * eps)
verdict[30] = "pass" if np.allclose(G, num, atol=1e-7) else "fail"

# line 43: L(y,o) = -1/N sum_n y_n log O_n  (y_n one-hot, O_n predicted distribution)
N = T
Y = np.eye(C)[ys]
L_row = -(1 / N) * sum(Y[n] @ np.log(O[n]) for n in range(N))
L_ref = -np.mean(np.log(O[np.arange(N), ys]))
verdict[43] = "pass" if np.isclose(L_row, L_ref) else "fail"

expected = {14: "fail", 15: "pass", 30: "pass", 43: "pass"}
print(verdict)
assert verdict == expected, (verdict, expected)
print("all verdicts as expected")
