# FD check of numpynet_rnn_layer.py (NumPyNet RNN_layer, darknet-style RNN:
#   a_t = act(x_t U + b_U) (input_layer), s_t = a_t + act(s_{t-1} W + b_W) (self_layer),
#   y_t = act(s_t V + b_V) (output_layer); act = Tanh for all three, gradient taken from the activated output).
# numpy only; author's forward/backward re-implemented line by line (fancy indexing copies included).
import numpy as np
rng = np.random.default_rng(1)
T, n, D, Hd = 4, 2, 3, 3                  # steps, batch per step, inputs, outputs
btot = T * n
batches = np.arange(btot).reshape(T, n)   # == as_strided(indices, (steps, batch)) in note line 19
act = np.tanh
grad = lambda y: 1. - y * y               # Tanh.gradient(x) = 1 - x*x on the activated output
P0 = dict(U=rng.normal(0, .7, (D, Hd)), bU=rng.normal(0, .3, Hd),
          W=rng.normal(0, .7, (Hd, Hd)), bW=rng.normal(0, .3, Hd),
          V=rng.normal(0, .7, (Hd, Hd)), bV=rng.normal(0, .3, Hd))
X1 = rng.normal(0, 1, (btot, D)); X2 = rng.normal(0, 1, (btot, D))
DY = rng.normal(0, 1, (btot, Hd))

class Layer:
    def __init__(self, P):
        self.P = {k: v.copy() for k, v in P.items()}
        self.state = np.zeros((n, Hd)); self.prev_state = None

    def forward(self, inpt, pert=None):                # note lines 42-73
        P = self.P; pert = pert or {}
        self.prev_state = self.state.copy()                                  # 43
        self.state = np.zeros_like(self.state)                               # 44
        self.in_out = np.zeros((btot, Hd)); self.self_out = np.zeros((btot, Hd)); self.out_out = np.zeros((btot, Hd))
        for t, idx in enumerate(batches):
            _input = inpt[idx]; _state = self.state
            self.in_out[idx] = act(_input @ P["U"] + P["bU"])                # 55-56
            self.self_out[idx] = act(_state @ P["W"] + P["bW"])              # 58-59
            self.state = self.in_out[idx] + self.self_out[idx] + pert.get(t, 0.)   # 61 (+ probe)
            self.out_out[idx] = act(self.state @ P["V"] + P["bV"])           # 64-65
        self.out_delta = np.zeros((btot, Hd)); self.self_delta = np.zeros((btot, Hd)); self.in_delta = np.zeros((btot, Hd))
        return self.out_out

    def backward(self, inpt, dy):                      # note lines 93-163
        P = self.P; self.out_delta[:] = dy           # self.delta (alias of output_layer.delta) filled by the net
        dX = np.zeros_like(inpt)
        per = {k: [] for k in ["bV", "V", "bW", "W", "bU", "U"]}   # per-step terms of lines 111,112,137,138,156,157
        upd = {}; dstate = {}
        for i, idx in reversed(list(enumerate(batches))):
            state = self.in_out[idx] + self.self_out[idx]                    # 100
            _input = inpt[idx]
            _delta = self.out_delta[idx] * grad(self.out_out[idx])           # 107-108
            upd["bV"] = _delta.sum(axis=0); per["bV"].append(upd["bV"])      # 111
            upd["V"] = state.T @ _delta; per["V"].append(upd["V"])           # 112
            self.self_delta[idx] = self.self_delta[idx] + _delta @ P["V"].T  # 114-117
            dstate[i] = self.self_delta[idx].copy()
            if i != 0:
                idx2 = batches[i - 1]; state = self.in_out[idx2] + self.self_out[idx2]   # 121-123
            else:
                state = self.prev_state.copy()                               # 125
            self.in_delta[idx] = self.self_delta[idx]                        # 127
            _delta = self.self_delta[idx] * grad(self.self_out[idx])         # 133-134
            upd["bW"] = _delta.sum(axis=0); per["bW"].append(upd["bW"])      # 137
            upd["W"] = state.T @ _delta; per["W"].append(upd["W"])           # 138
            if i > 0:
                idx2 = batches[i - 1]
                self.self_delta[idx2] = self.self_delta[idx2] + _delta @ P["W"].T   # 143-146
            _delta = self.in_delta[idx] * grad(self.in_out[idx])             # 152-153
            upd["bU"] = _delta.sum(axis=0); per["bU"].append(upd["bU"])      # 156
            upd["U"] = _input.T @ _delta; per["U"].append(upd["U"])          # 157
            dX[idx] = dX[idx] + _delta @ P["U"].T                            # 160-163
        self.state = self.in_out[batches[-1]] + self.self_out[batches[-1]]   # 167
        return upd, {k: sum(v) for k, v in per.items()}, dX, dstate

def loss_call2(P, x2, pert=None, warm=True):
    L = Layer(P)
    if warm: L.forward(X1); L.state = L.in_out[batches[-1]] + L.self_out[batches[-1]]
    return float((L.forward(x2, pert) * DY).sum())

eps = 1e-6
def fd_params(x, warm):
    G = {}
    for k, v in P0.items():
        g = np.zeros_like(v)
        for ix in np.ndindex(v.shape):
            Pp = {a: b.copy() for a, b in P0.items()}; Pm = {a: b.copy() for a, b in P0.items()}
            Pp[k][ix] += eps; Pm[k][ix] -= eps
            g[ix] = (loss_call2(Pp, x, warm=warm) - loss_call2(Pm, x, warm=warm)) / (2 * eps)
        G[k] = g
    return G
def rep(row, a, b):
    ok = np.allclose(a, b, atol=1e-6, rtol=1e-5)
    print(f"{row:78s} {'AGREE' if ok else 'DISAGREE'}  max|diff|={np.max(np.abs(a-b)):.2e}")

name = dict(bV="111 output_layer.bias_update", V="112 output_layer.weights_update", bW="137 self_layer.bias_update",
            W="138 self_layer.weights_update", bU="156 input_layer.bias_update", U="157 input_layer.weights_update")

print("== first call after construction (prev_state = zeros, as the forward used) ==")
L = Layer(P0); L.forward(X2); upd, summed, dX, dstate = L.backward(X2, DY)
G = fd_params(X2, warm=False)
for k in name:
    rep(f"line {name[k]} as written (=, overwritten each step)", upd[k], G[k])
for k in name:
    rep(f"line {name[k]}: per-step terms summed over t (what += would give)", summed[k], G[k])
gX = np.zeros_like(X2)
for ix in np.ndindex(X2.shape):
    Xp, Xm = X2.copy(), X2.copy(); Xp[ix] += eps; Xm[ix] -= eps
    gX[ix] = (loss_call2(P0, Xp, warm=False) - loss_call2(P0, Xm, warm=False)) / (2 * eps)
rep("lines 152-153, 160-163 delta to previous layer (dX)", dX, gX)
for t in range(T):
    g = np.zeros((n, Hd))
    for ix in np.ndindex(n, Hd):
        e = np.zeros((n, Hd)); e[ix] = eps
        g[ix] = (loss_call2(P0, X2, {t: e}, warm=False) - loss_call2(P0, X2, {t: -e}, warm=False)) / (2 * eps)
    rep(f"lines 108,116,145: self_layer.delta[batches[{t}]] = dL/ds_{t}", dstate[t], g)

print("== second forward/backward (normal training loop: prev_state = last state of call 1) ==")
L = Layer(P0); L.forward(X1); L.backward(X1, np.zeros_like(DY))     # call 1 (line 167 leaves state = s_T)
L.forward(X2); upd, summed, dX, dstate = L.backward(X2, DY)
G2 = fd_params(X2, warm=True)
print("   |prev_state| used at line 125 =", np.abs(L.prev_state).max(), "(forward line 44 started step 0 from zeros)")
rep("line 125/138: self_layer per-step terms summed, with line 125's prev_state", summed["W"], G2["W"])
# same sum but with the state the forward really used at step 0 (zeros) -> agrees
i0 = batches[0]; d0 = (dstate[0]) * grad(L.self_out[i0])
fixed = summed["W"] - L.prev_state.T @ d0
rep("   same sum with zeros instead of prev_state at step 0", fixed, G2["W"])
rep("line 138 as written in call 2 (only the step-0 term prev_state^T delta survives)", upd["W"], G2["W"])
