# Finite-difference check of rnn_ko_minseoc.md: 3-step many-to-one RNN, assumed forward (not in the stored text):
# h_t = tanh(W_x x_t + W_h h_{t-1} + b), h_0 = 0, yhat_3 = softmax(W_y h_3 + b_y), L = cross-entropy at step 3.
# Each chain-rule term of lines 13/15/18 is evaluated with explicit Jacobians (dh_t/dW = "immediate" partial).
import numpy as np
rng = np.random.default_rng(2)
D, H, K = 4, 5, 4
Wx, Wh, Wy = rng.normal(size=(H, D))*.6, rng.normal(size=(H, H))*.6, rng.normal(size=(K, H))*.6
b, by = rng.normal(size=H)*.1, rng.normal(size=K)*.1
xs = [rng.normal(size=D) for _ in range(3)]; target = 2

def forward(Wx, Wh, Wy, h0):
    h = h0; hs = [h0]
    for x in xs:
        h = np.tanh(Wx @ x + Wh @ h + b); hs.append(h)
    z = Wy @ h + by; p = np.exp(z - z.max()); p /= p.sum()
    return -np.log(p[target]), hs, p
def fd(f, P, eps=1e-6):
    G = np.zeros_like(P); it = np.nditer(P, flags=["multi_index"])
    for _ in it:
        i = it.multi_index; o = P[i]; P[i] = o+eps; a = f(); P[i] = o-eps; c = f(); P[i] = o; G[i] = (a-c)/(2*eps)
    return G

for h0name, h0 in [("h_0 = 0", np.zeros(H)), ("h_0 != 0", rng.normal(size=H))]:
    L, hs, p = forward(Wx, Wh, Wy, h0)
    dL_dz = p.copy(); dL_dz[target] -= 1                 # dL/dyhat3 * dyhat3/dz (softmax + CE)
    dL_dh3 = Wy.T @ dL_dz                                # dL/dyhat3 dyhat3/dh3
    J = lambda t: np.diag(1 - hs[t]**2) @ Wh             # dh_t/dh_{t-1}
    da = lambda t: np.diag(1 - hs[t]**2)                 # dh_t/da_t
    # line 13: dL/dW_y = dL/dyhat3 dyhat3/dW_y
    gWy = np.outer(dL_dz, hs[3])
    # line 15: two terms (immediate dh3/dW_h, and dh3/dh2 * immediate dh2/dW_h)
    g3 = da(3).T @ dL_dh3; g2 = da(2).T @ (J(3).T @ dL_dh3)
    gWh = np.outer(g3, hs[2]) + np.outer(g2, hs[1])
    # line 18: three terms for W_x
    g1 = da(1).T @ (J(2).T @ (J(3).T @ dL_dh3))
    gWx = np.outer(g3, xs[2]) + np.outer(g2, xs[1]) + np.outer(g1, xs[0])
    f = lambda: forward(Wx, Wh, Wy, h0)[0]
    print(h0name, "| line 13 dL/dW_y agree:", np.allclose(gWy, fd(f, Wy), atol=1e-7),
          "| line 15 dL/dW_h (2 terms) agree:", np.allclose(gWh, fd(f, Wh), atol=1e-7),
          "| line 18 dL/dW_x (3 terms) agree:", np.allclose(gWx, fd(f, Wx), atol=1e-7))
print("(with h_0 != 0 the W_h sum needs a third term dh3/dh2 dh2/dh1 dh1/dW_h; the stated h_0 convention is not in the stored text)")
