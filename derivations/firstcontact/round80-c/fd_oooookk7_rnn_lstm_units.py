# Finite-difference check of oooookk7_rnn_lstm_units.md. The python fences of the note are executed
# as written (numpy only), then compared with central differences.
# Losses: RNN  L = sum_t sum(a_d[:,:,t] * a_t);  LSTM  L = sum_t sum(a_d[:,:,t]*a_t + c_d[:,:,t]*c_t)
# (this is what backward_pass(a_init_d=..., c_init_d=...) computes: per-step upstream gradients).
import re, numpy as np
src = open("oooookk7_rnn_lstm_units.md").read()
ns = {"np": np}
for block in re.findall(r"```python\n(.*?)```", src, re.S):
    exec(block, ns)
BasicUnit, LSTMUnit = ns["BasicUnit"], ns["LSTMUnit"]

def num_grad(f, arr, eps=1e-6):
    g = np.zeros_like(arr); it = np.nditer(arr, flags=["multi_index"])
    for _ in it:
        i = it.multi_index; o = arr[i]
        arr[i] = o + eps; fp = f(); arr[i] = o - eps; fm = f(); arr[i] = o; g[i] = (fp - fm) / (2 * eps)
    return g

def rep(name, a, b):
    ok = np.allclose(a, b, rtol=1e-5, atol=1e-7)
    print(f"{name:58s} {'AGREE' if ok else 'DISAGREE'}  maxdiff={np.max(np.abs(a-b)):.3e}")

np.random.seed(3)
X = np.random.randn(3, 4, 5)
# ---------------- RNN
u = BasicUnit(x_size=3, y_size=2, a_size=5); u.aa_weights *= 0.5
AD = np.random.randn(5, 4, 5)
fp = u.forward_pass(X); bp = u.backward_pass(X, fp["hss"], a_init_d=AD)
f = lambda: np.sum(AD * u.forward_pass(X)["a"])
print("== BasicUnit (vanilla RNN) ==")
rep("ax_weights_d (lines 50, 102)", bp["ax_weights_d"], num_grad(f, u.ax_weights))
rep("aa_weights_d (lines 54, 103)", bp["aa_weights_d"], num_grad(f, u.aa_weights))
rep("a_bias_d (lines 57, 104)", bp["a_bias_d"], num_grad(f, u.a_bias))
rep("x_values_d (lines 49, 99)", bp["x_values_d"], num_grad(f, X))
# one step tanh_d = dL/dz (line 46) and a_prev_d (line 53)
a0 = np.random.randn(5, 4); g = np.random.randn(5, 4)
hs = u.cell_forward(X[:, :, 0], a0); cg = u.cell_backward(X[:, :, 0], hs, g)
f1 = lambda: np.sum(g * u.cell_forward(X[:, :, 0], a0)["a_next"])
rep("a_prev_d one step (line 53, via tanh_d line 46)", cg["a_prev_d"], num_grad(f1, a0))
rep("ax_weights_d one step (line 50)", cg["ax_weights_d"], num_grad(f1, u.ax_weights))

# ---------------- LSTM
L = LSTMUnit(x_size=3, y_size=2, a_size=5)
AD = np.random.randn(5, 4, 5); CD = np.random.randn(5, 4, 5)
def lstm_states():
    # true a_t, c_t recomputed from hss (independent of the stored arrays a, c)
    out = L.forward_pass(X)
    A = np.stack([h["a_next"] for h in out["hss"]], 2); C = np.stack([h["c_next"] for h in out["hss"]], 2)
    return out, A, C
out, A, C = lstm_states()
bp = L.backward_pass(X, out["hss"], a_init_d=AD, c_init_d=CD)
f = lambda: (lambda o, A, C: np.sum(AD * A) + np.sum(CD * C))(*lstm_states())
print("== LSTMUnit ==")
for k, W in [("f_weights_d", L.f_weights), ("i_weights_d", L.i_weights), ("c_weights_d", L.c_weights),
             ("o_weights_d", L.o_weights), ("f_bias_d", L.f_bias), ("i_bias_d", L.i_bias),
             ("c_bias_d", L.c_bias), ("o_bias_d", L.o_bias)]:
    rep(f"{k} (lines 206-214 summed at 294-303)", bp[k], num_grad(f, W))
rep("x_values_d (lines 224-227, 293)", bp["x_values_d"], num_grad(f, X))
# one-step checks of a_prev_d (216-219) and c_prev_d (221-222)
a0 = np.random.randn(5, 4); c0 = np.random.randn(5, 4); ga = np.random.randn(5, 4); gc = np.random.randn(5, 4)
hs = L.cell_forward(X[:, :, 0], a0, c0); cg = L.cell_backward(X[:, :, 0], hs, ga, gc)
f1 = lambda: (lambda h: np.sum(ga * h["a_next"]) + np.sum(gc * h["c_next"]))(L.cell_forward(X[:, :, 0], a0, c0))
rep("a_prev_d one step (lines 216-219)", cg["a_prev_d"], num_grad(f1, a0))
rep("c_prev_d one step (lines 221-222)", cg["c_prev_d"], num_grad(f1, c0))
xt = X[:, :, 0].copy()
f2 = lambda: (lambda h: np.sum(ga * h["a_next"]) + np.sum(gc * h["c_next"]))(L.cell_forward(xt, a0, c0))
rep("x_values_d one step vs FD (lines 224-227)", cg["x_values_d"], num_grad(f2, xt))
# forward_pass bookkeeping: line 250 `c = a` aliasing
print("== LSTM forward_pass returned arrays (line 250 c = a) ==")
rep("returned a == true hidden states a_t", out["a"], A)
rep("returned c == true cell states c_t", out["c"], C)
print("returned a is the same object as returned c:", out["a"] is out["c"])
