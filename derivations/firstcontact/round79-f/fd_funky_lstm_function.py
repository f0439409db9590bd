# Finite-difference check of funky_lstm_function.py (FunkyLSTMFunction), numpy only.
# The author's forward and backward are re-implemented line by line with numpy
# (torch row-major conventions: X (B, S+I), weights (4S, S+I), F.linear(X, W, b) = X @ W.T + b).
import numpy as np

rng = np.random.default_rng(0)

def sig(z): return 1 / (1 + np.exp(-z))
def d_sigmoid(z):                      # line 12-14
    s = sig(z); return (1 - s) * s
def d_tanh(z):                         # line 17-19
    t = np.tanh(z); return 1 - (t * t)

def forward(inp, W, b, old_h, old_cell):
    X = np.concatenate([old_h, inp], axis=1)            # 25
    gw = X @ W.T + b                                     # 27
    S = old_h.shape[1]
    g = [gw[:, k*S:(k+1)*S] for k in range(4)]           # 28
    ig, fg, og, cc = sig(g[0]), sig(g[1]), sig(g[2]), np.tanh(g[3])   # 30-33
    new_cell = old_cell * fg + cc * ig                   # 35
    new_h = np.tanh(new_cell) * og                       # 36
    return new_h, new_cell, (X, fg, ig, og, old_cell, new_cell, cc, gw)

def torch_split(A, size):               # torch.Tensor.split(size, dim=1)
    return [A[:, k:k+size] for k in range(0, A.shape[1], size)]

def backward(W, cache, grad_h, grad_cell):
    X, fg, ig, og, old_cell, new_cell, cc, gw = cache
    d_output_gate = np.tanh(new_cell) * grad_h           # 49
    d_tanh_new_cell = og * grad_h                        # 50
    d_new_cell = d_tanh(new_cell) * d_tanh_new_cell + grad_cell   # 51
    d_old_cell = fg * d_new_cell                         # 53
    d_forget_gate = old_cell * d_new_cell                # 54
    d_candidate_cell = ig * d_new_cell                   # 55
    d_input_gate = cc * d_new_cell                       # 56
    S = fg.shape[1]
    g = [gw[:, k*S:(k+1)*S] for k in range(4)]           # 58
    d_input_gate = d_input_gate * d_sigmoid(g[0])        # 59
    d_forget_gate = d_forget_gate * d_sigmoid(g[1])      # 60
    d_output_gate = d_output_gate * d_sigmoid(g[2])      # 61
    d_candidate_cell = d_candidate_cell * d_tanh(g[3])   # 62
    d_gates = np.concatenate([d_input_gate, d_forget_gate, d_output_gate, d_candidate_cell], axis=1)  # 64
    d_X = d_gates @ W                                    # 68
    parts = torch_split(d_X, d_input_gate.size)          # 69 (numel = B*S)
    d_weights = d_gates.T @ X                            # 70
    d_bias = d_gates                                     # 71
    return dict(d_X=d_X, parts=parts, d_weights=d_weights, d_bias=d_bias,
                d_old_cell=d_old_cell, d_gates=d_gates)

def fd(f, P, eps=1e-6):
    G = np.zeros_like(P)
    it = np.nditer(P, flags=['multi_index'])
    for _ in it:
        i = it.multi_index
        old = P[i]; P[i] = old + eps; fp = f(); P[i] = old - eps; fm = f(); P[i] = old
        G[i] = (fp - fm) / (2 * eps)
    return G

def ok(name, a, b, tol=1e-6):
    good = a.shape == b.shape and np.allclose(a, b, atol=tol, rtol=1e-5)
    print(f"  {'AGREE   ' if good else 'DISAGREE'} {name}" + ("" if good else f"  (max |diff| = {np.max(np.abs(a-b)) if a.shape==b.shape else 'shape '+str(a.shape)+' vs '+str(b.shape)})"))
    return good

def run(B, I, S):
    print(f"--- batch B={B}, input I={I}, state S={S}")
    inp = rng.standard_normal((B, I)); W = rng.standard_normal((4*S, S+I))
    b = rng.standard_normal((4*S,)); h = rng.standard_normal((B, S)); C = rng.standard_normal((B, S))
    Gh = rng.standard_normal((B, S)); Gc = rng.standard_normal((B, S))
    def L():
        nh, nc, _ = forward(inp, W, b, h, C)
        return np.sum(Gh * nh) + np.sum(Gc * nc)
    _, _, cache = forward(inp, W, b, h, C)
    r = backward(W, cache, Gh, Gc)
    # pre-activation gradient check (lines 49-64): perturb gate pre-activations directly
    gw0 = cache[-1].copy()
    def L_from_gw():
        S_ = S
        g = [gw0[:, k*S_:(k+1)*S_] for k in range(4)]
        nc = C * sig(g[1]) + np.tanh(g[3]) * sig(g[0]); nh = np.tanh(nc) * sig(g[2])
        return np.sum(Gh * nh) + np.sum(Gc * nc)
    ok("d_gates (lines 49-64) = dL/d gate pre-activations", r['d_gates'], fd(L_from_gw, gw0))
    ok("d_weights (line 70)", r['d_weights'], fd(L, W))
    ok("d_old_cell (line 53)", r['d_old_cell'], fd(L, C))
    gb = fd(L, b)
    ok("d_bias (line 71) summed over batch, as autograd's sum-to-shape does", r['d_bias'].sum(0), gb)
    dX_fd = np.concatenate([fd(L, h), fd(L, inp)], axis=1)
    ok("d_X (line 68) = dL/d[old_h, input]", r['d_X'], dX_fd)
    parts = r['parts']
    print(f"  line 69 split size d_input_gate.numel() = {B*S} (should be S = {S}); chunks: {[p.shape for p in parts]}")
    if len(parts) != 2:
        print("  DISAGREE line 69: split gives", len(parts), "chunk(s) -> 'd_old_h, d_input = ...' cannot unpack")
    else:
        ok("d_old_h (line 69)", parts[0], fd(L, h))
        ok("d_input (line 69)", parts[1], fd(L, inp))

run(1, 2, 2)   # the author's gradcheck setting
run(3, 2, 2)   # batch 3: B*S = 6 >= S+I = 4 -> one chunk
run(2, 5, 2)   # batch 2: B*S = 4 <  S+I = 7 -> chunks of 4 and 3 columns
