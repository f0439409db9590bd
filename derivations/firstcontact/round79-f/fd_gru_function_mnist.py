# Finite-difference check of gru_function_mnist.py (GRUFunction), numpy only.
# Author's forward (lines 36-52) and backward (lines 60-86) re-implemented line by line;
# torch conventions: F.linear(x, W, b) = x @ W.T + b, chunk(3, 1) = column thirds [r, z('i'), n].
import numpy as np
rng = np.random.default_rng(1)

def sig(z): return 1 / (1 + np.exp(-z))
def d_sigmoid(s): return (1 - s) * s       # line 26 (on the activation)
def d_tanh(t): return 1 - (t * t)          # line 30 (on the activation)

def cell_forward(x, x2h_w, h2h_w, x2h_b, h2h_b, old_h):
    gate_x = x @ x2h_w.T + x2h_b                          # 38
    gate_h = old_h @ h2h_w.T + h2h_b                      # 39
    H = old_h.shape[1]
    i_r, i_i, i_n = gate_x[:, :H], gate_x[:, H:2*H], gate_x[:, 2*H:]   # 44
    h_r, h_i, h_n = gate_h[:, :H], gate_h[:, H:2*H], gate_h[:, 2*H:]   # 45
    resetgate = sig(i_r + h_r)                            # 48
    inputgate = sig(i_i + h_i)                            # 49
    newgate = np.tanh(i_n + (resetgate * h_n))            # 50
    hy = newgate + inputgate * (old_h - newgate)          # 52
    return hy, (resetgate, inputgate, newgate, h_n, old_h, x)

def cell_backward(grad_hy, saved, x2h_w, h2h_w):
    rg, ig, ng, hn, hx, x = saved
    grad_hx = grad_hy * ig                                # 65
    gig = d_sigmoid(ig) * grad_hy * (hx - ng)             # 67
    gin = d_tanh(ng) * grad_hy * (1 - ig)                 # 68
    ghn = gin * rg                                        # 69
    grg = d_sigmoid(rg) * gin * hn                        # 70
    grad_input_gates = np.concatenate([grg, gig, gin], axis=1)    # 72
    grad_hidden_gates = np.concatenate([grg, gig, ghn], axis=1)   # 75
    grad_input_weights = grad_input_gates.T @ x           # 79
    grad_hidden_weights = grad_hidden_gates.T @ hx        # 80
    grad_input_bias = grad_input_gates.sum(axis=0, keepdims=True)   # 82
    grad_hidden_bias = grad_hidden_gates.sum(axis=0, keepdims=True) # 83
    grad_hx = grad_hx + grad_hidden_gates @ h2h_w         # 86
    return dict(gig=gig, gin=gin, ghn=ghn, grg=grg, gx=grad_input_gates, gh=grad_hidden_gates,
                dWx=grad_input_weights, dWh=grad_hidden_weights, dbx=grad_input_bias,
                dbh=grad_hidden_bias, dhx=grad_hx)

def fd(f, P, eps=1e-6):
    G = np.zeros_like(P); it = np.nditer(P, flags=['multi_index'])
    for _ in it:
        i = it.multi_index; o = P[i]
        P[i] = o + eps; fp = f(); P[i] = o - eps; fm = f(); P[i] = o
        G[i] = (fp - fm) / (2 * eps)
    return G

def ok(name, a, b):
    good = a.shape == b.shape and np.allclose(a, b, atol=1e-6, rtol=1e-5)
    print(f"  {'AGREE   ' if good else 'DISAGREE'} {name}" + ("" if good else f" max|diff|={np.max(np.abs(a-b)):.3g}"))

B, D, H = 3, 4, 3
x = rng.standard_normal((B, D)); hx = rng.standard_normal((B, H))
Wx = rng.standard_normal((3*H, D)); Wh = rng.standard_normal((3*H, H))
bx = rng.standard_normal((1, 3*H)); bh = rng.standard_normal((1, 3*H))
G = rng.standard_normal((B, H))
L = lambda: np.sum(G * cell_forward(x, Wx, Wh, bx, bh, hx)[0])
hy, saved = cell_forward(x, Wx, Wh, bx, bh, hx)
r = cell_backward(G, saved, Wx, Wh)

print("--- one cell, L = sum(G * hy)")
# pre-activation gradients: perturb gate_x / gate_h directly
gx0 = x @ Wx.T + bx; gh0 = hx @ Wh.T + bh
def L_pre():
    rr = sig(gx0[:, :H] + gh0[:, :H]); zz = sig(gx0[:, H:2*H] + gh0[:, H:2*H])
    nn_ = np.tanh(gx0[:, 2*H:] + rr * gh0[:, 2*H:])
    return np.sum(G * (nn_ + zz * (hx - nn_)))
ok("grad_input_gates (line 72: grg 70, gig 67, gin 68) = dL/d gate_x", r['gx'], fd(L_pre, gx0))
ok("grad_hidden_gates (line 75: ghn 69) = dL/d gate_h", r['gh'], fd(L_pre, gh0))
ok("grad_input_weights (line 79)", r['dWx'], fd(L, Wx))
ok("grad_hidden_weights (line 80)", r['dWh'], fd(L, Wh))
ok("grad_input_bias (line 82)", r['dbx'], fd(L, bx))
ok("grad_hidden_bias (line 83)", r['dbh'], fd(L, bh))
ok("grad_hx (lines 65 + 86)", r['dhx'], fd(L, hx))

print("--- sequence as in GRUModel.forward (lines 148-157): h_0 = 0, T steps, out = fc(h_T)")
T, O = 5, 2
X = rng.standard_normal((B, T, D)); Wfc = rng.standard_normal((O, H)); bfc = rng.standard_normal(O)
Gout = rng.standard_normal((B, O))
def Lseq():
    hn = np.zeros((B, H))
    for t in range(T):
        hn, _ = cell_forward(X[:, t, :], Wx, Wh, bx, bh, hn)
    return np.sum(Gout * (hn @ Wfc.T + bfc))
hs = [np.zeros((B, H))]; caches = []
for t in range(T):
    h1, c = cell_forward(X[:, t, :], Wx, Wh, bx, bh, hs[-1]); hs.append(h1); caches.append(c)
dWx = np.zeros_like(Wx); dWh = np.zeros_like(Wh); dbx = np.zeros_like(bx); dbh = np.zeros_like(bh)
dh = Gout @ Wfc                      # what autograd hands to the last GRUFunction
for t in reversed(range(T)):
    rr = cell_backward(dh, caches[t], Wx, Wh)
    dWx += rr['dWx']; dWh += rr['dWh']; dbx += rr['dbx']; dbh += rr['dbh']; dh = rr['dhx']
ok("x2h weight grad summed over steps by autograd", dWx, fd(Lseq, Wx))
ok("h2h weight grad summed over steps by autograd", dWh, fd(Lseq, Wh))
ok("x2h bias grad", dbx, fd(Lseq, bx))
ok("h2h bias grad", dbh, fd(Lseq, bh))
