# Finite-difference check of ru_vzhou_rnn_copy.py (numpy only).
# Forward = the note's RNN.forward (loaded from the note file). Backward = lines 37-63 re-typed without the
# clipping and the SGD update (the gradients are local variables there). Loss as in the tutorial driver:
# L = -log softmax(y)[target], so d_y = softmax(y) - onehot(target).
import numpy as np, os
src = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "ru_vzhou_rnn_copy.py"), encoding="utf-8").read()
ns = {}; exec(src, ns); RNN = ns["RNN"]

def grads(rnn, d_y, fix_transpose=False):
    n = len(rnn.last_inputs)
    d_Why = d_y @ rnn.last_hs[n].T                      # line 37
    d_by = d_y                                          # line 38
    d_Whh = np.zeros(rnn.Whh.shape); d_Wxh = np.zeros(rnn.Wxh.shape); d_bh = np.zeros(rnn.bh.shape)
    d_h = rnn.Why.T @ d_y                               # line 46
    hs = {}
    for t in reversed(range(n)):
        temp = ((1 - rnn.last_hs[t + 1] ** 2) * d_h)    # line 51
        d_bh += temp                                    # line 54
        d_Whh += temp @ rnn.last_hs[t].T                # line 57
        d_Wxh += temp @ rnn.last_inputs[t].T            # line 60
        hs[t] = d_h.copy()
        d_h = (rnn.Whh.T if fix_transpose else rnn.Whh) @ temp   # line 63 (as written: rnn.Whh @ temp)
    return dict(Why=d_Why, by=d_by, Whh=d_Whh, Wxh=d_Wxh, bh=d_bh), hs

def fd(f, arr, eps=1e-6):
    g = np.zeros_like(arr); it = np.nditer(arr, flags=["multi_index"])
    for _ in it:
        i = it.multi_index; old = arr[i]
        arr[i] = old + eps; fp = f(); arr[i] = old - eps; fm = f(); arr[i] = old
        g[i] = (fp - fm) / (2 * eps)
    return g

def report(name, a, b, tol=1e-6):
    r = np.max(np.abs(a - b)) / max(1e-12, np.max(np.abs(b)))
    print(f"  {name:26s} rel.err {r:9.2e}  {'AGREE' if r < tol else 'DISAGREE'}")

np.random.seed(1)
V, O, H, T = 5, 2, 4, 4
rnn = RNN(V, O, H)
rnn.Whh = np.random.randn(H, H) * 0.8; rnn.Wxh = np.random.randn(H, V); rnn.Why = np.random.randn(O, H)
rnn.bh = np.random.randn(H, 1); rnn.by = np.random.randn(O, 1)
inputs = [np.random.randn(V, 1) for _ in range(T)]
target = 1
def L():
    y, _ = rnn.forward(inputs)
    p = np.exp(y) / np.sum(np.exp(y))
    return -np.log(p[target, 0])
y, _ = rnn.forward(inputs)
p = np.exp(y) / np.sum(np.exp(y)); d_y = p.copy(); d_y[target] -= 1

for fix in (False, True):
    g, _ = grads(rnn, d_y, fix)
    print("as written (line 63: d_h = self.Whh @ temp):" if not fix else "with line 63 as d_h = self.Whh.T @ temp:")
    for k in ["Why", "by", "Whh", "Wxh", "bh"]:
        report("d_" + k, g[k], fd(L, getattr(rnn, k)))

# per-step check of d_h (dL/dh_t) against FD through a perturbation added to h_t
g, hs = grads(rnn, d_y, False)
def L_pert(t, delta):
    def f():
        h = np.zeros((H, 1))
        for i, x in enumerate(inputs):
            h = np.tanh(rnn.Wxh @ x + rnn.Whh @ h + rnn.bh)
            if i == t: h = h + delta
        y = rnn.Why @ h + rnn.by
        q = np.exp(y) / np.sum(np.exp(y)); return -np.log(q[target, 0])
    return f
print("d_h carried into step t (dL/dh_{t+1} in last_hs indexing), as written:")
for t in reversed(range(T)):
    delta = np.zeros((H, 1))
    report(f"d_h at t={t}", hs[t], fd(L_pert(t, delta), delta))
