# FD check of rethabile_bilstm_bptt.md (numpy only, float64, deterministic). Author's file (commit 414e6df4ff7897b8d8df17898e87f59919792487) embedded verbatim:
# acoustic_model.py
import numpy as np

def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))

class LSTMCell:
    def __init__(self, input_size, hidden_size):
        self.input_size = input_size
        self.hidden_size = hidden_size
        # weights: (hidden, hidden+input)
        limit = 0.1
        self.Wf = np.random.randn(hidden_size, input_size + hidden_size) * limit
        self.Wi = np.random.randn(hidden_size, input_size + hidden_size) * limit
        self.Wc = np.random.randn(hidden_size, input_size + hidden_size) * limit
        self.Wo = np.random.randn(hidden_size, input_size + hidden_size) * limit

        self.bf = np.zeros((hidden_size, 1))
        self.bi = np.zeros((hidden_size, 1))
        self.bc = np.zeros((hidden_size, 1))
        self.bo = np.zeros((hidden_size, 1))

        # gradients accumulators (reset per sequence or batch)
        self.reset_grads()

        # caches per timestep (for BPTT)
        self.caches = []

    def reset_grads(self):
        self.dWf = np.zeros_like(self.Wf)
        self.dWi = np.zeros_like(self.Wi)
        self.dWc = np.zeros_like(self.Wc)
        self.dWo = np.zeros_like(self.Wo)
        self.dbf = np.zeros_like(self.bf)
        self.dbi = np.zeros_like(self.bi)
        self.dbc = np.zeros_like(self.bc)
        self.dbo = np.zeros_like(self.bo)

    def forward(self, x, h_prev, c_prev, store_cache=True):
        concat = np.vstack((h_prev, x))  # (hidden+input, 1)

        f_pre = self.Wf @ concat + self.bf
        i_pre = self.Wi @ concat + self.bi
        c_pre = self.Wc @ concat + self.bc
        o_pre = self.Wo @ concat + self.bo

        f = sigmoid(f_pre)
        i = sigmoid(i_pre)
        c_bar = np.tanh(c_pre)
        c = f * c_prev + i * c_bar
        o = sigmoid(o_pre)
        h = o * np.tanh(c)

        if store_cache:
            cache = {
                "concat": concat,
                "h_prev": h_prev,
                "c_prev": c_prev,
                "f": f, "i": i, "c_bar": c_bar, "c": c,
                "o": o, "f_pre": f_pre, "i_pre": i_pre, "c_pre": c_pre, "o_pre": o_pre
            }
            self.caches.append(cache)

        return h, c

    def backward_through_time(self, dhs, lr=1e-3, clip=5.0):
        # initialize
        T = len(self.caches)
        # ensure dhs length matches
        if len(dhs) != T:
            # pad with zeros if needed
            if len(dhs) < T:
                dhs = dhs + [np.zeros((self.hidden_size, 1)) for _ in range(T - len(dhs))]
            else:
                dhs = dhs[:T]

        dh_next = np.zeros((self.hidden_size, 1))
        dc_next = np.zeros((self.hidden_size, 1))
        # reset grads
        self.reset_grads()

        for t in reversed(range(T)):
            cache = self.caches[t]
            concat = cache["concat"]            # (H+I, 1)
            h_prev = cache["h_prev"]
            c_prev = cache["c_prev"]
            f = cache["f"]; i = cache["i"]; c_bar = cache["c_bar"]; c = cache["c"]; o = cache["o"]

            # total dh
            dh = dhs[t] + dh_next  # upstream plus next timestep's gradient

            # backprop through output
            do = dh * np.tanh(c)
            do_pre = do * o * (1 - o)

            # backprop through cell state
            dc = dh * o * (1 - np.tanh(c) ** 2) + dc_next

            di = dc * c_bar
            di_pre = di * i * (1 - i)

            dc_bar = dc * i
            dc_bar_pre = dc_bar * (1 - c_bar ** 2)

            df = dc * c_prev
            df_pre = df * f * (1 - f)

            # accumulate gradients for weights and biases
            self.dWf += df_pre @ concat.T
            self.dWi += di_pre @ concat.T
            self.dWc += dc_bar_pre @ concat.T
            self.dWo += do_pre @ concat.T

            self.dbf += df_pre
            self.dbi += di_pre
            self.dbc += dc_bar_pre
            self.dbo += do_pre

            # propagate to concat (hidden_prev + x)
            dconcat = (self.Wf.T @ df_pre) + (self.Wi.T @ di_pre) + (self.Wc.T @ dc_bar_pre) + (self.Wo.T @ do_pre)
            dh_next = dconcat[:self.hidden_size, :]
            dx = dconcat[self.hidden_size:, :]
            # propagate cell state gradient
            dc_next = dc * f

        # clip gradients
        for g in [self.dWf, self.dWi, self.dWc, self.dWo, self.dbf, self.dbi, self.dbc, self.dbo]:
            np.clip(g, -clip, clip, out=g)

        # simple SGD update (use lr param)
        self.Wf -= lr * self.dWf
        self.Wi -= lr * self.dWi
        self.Wc -= lr * self.dWc
        self.Wo -= lr * self.dWo
        self.bf -= lr * self.dbf
        self.bi -= lr * self.dbi
        self.bc -= lr * self.dbc
        self.bo -= lr * self.dbo

        # clear caches after backward
        self.caches = []

        # return last dh_next to allow stacking layers 
        return dh_next, dc_next

class BiLSTM:
    def __init__(self, input_size, hidden_size, output_size):
        self.hidden_size = hidden_size
        self.input_size = input_size
        self.output_size = output_size

        # forward and backward LSTM cells
        self.forward_lstm = LSTMCell(input_size, hidden_size)
        self.backward_lstm = LSTMCell(input_size, hidden_size)
        self.Why = np.random.randn(output_size, 2*hidden_size) * 0.1
        self.by  = np.zeros((output_size, 1))

        self.last_concats = []

    def get_params(self):
            
        return {
                "Why": self.Why,
                "by": self.by,
                "forward_Wf": self.forward_lstm.Wf,
                "forward_Wi": self.forward_lstm.Wi,
                "forward_Wc": self.forward_lstm.Wc,
                "forward_Wo": self.forward_lstm.Wo,
                "forward_bf": self.forward_lstm.bf,
                "forward_bi": self.forward_lstm.bi,
                "forward_bc": self.forward_lstm.bc,
                "forward_bo": self.forward_lstm.bo,
                "backward_Wf": self.backward_lstm.Wf,
                "backward_Wi": self.backward_lstm.Wi,
                "backward_Wc": self.backward_lstm.Wc,
                "backward_Wo": self.backward_lstm.Wo,
                "backward_bf": self.backward_lstm.bf,
                "backward_bi": self.backward_lstm.bi,
                "backward_bc": self.backward_lstm.bc,
                "backward_bo": self.backward_lstm.bo
            }
    def get_weights(self):
        return self.get_params()


    def forward(self, inputs):
        T = len(inputs)
        h_f_prev = np.zeros((self.hidden_size,1))
        c_f_prev = np.zeros((self.hidden_size,1))
        h_b_next = np.zeros((self.hidden_size,1))
        c_b_next = np.zeros((self.hidden_size,1))

        h_forward_seq = []
        h_backward_seq = []

        # forward LSTM
        for t in range(T):
            h_f, c_f = self.forward_lstm.forward(inputs[t], h_f_prev, c_f_prev)
            h_forward_seq.append(h_f)
            h_f_prev, c_f_prev = h_f, c_f

        # backward LSTM
        for t in reversed(range(T)):
            h_b, c_b = self.backward_lstm.forward(inputs[t], h_b_next, c_b_next)
            h_backward_seq.insert(0, h_b)
            h_b_next, c_b_next = h_b, c_b

        outputs = []
        self.last_concats = []

        for t in range(T):
            h = np.vstack([h_forward_seq[t], h_backward_seq[t]])  # (2*hidden_size,1)
            h = h.reshape(-1,1)
            self.last_concats.append(h)
            y = self.Why @ h + self.by  # (V,1)
            outputs.append(y)

        return outputs

    def backward(self, dY_list):
        dWhy = np.zeros_like(self.Why)
        dby = np.zeros_like(self.by)

        dh_forward_seq = [np.zeros((self.hidden_size,1)) for _ in range(len(dY_list))]
        dh_backward_seq = [np.zeros((self.hidden_size,1)) for _ in range(len(dY_list))]

        for t in reversed(range(len(self.last_concats))):
            h = self.last_concats[t]
            if h.shape[1] != 1:
                h = h.T
            dy = dY_list[t]

            dWhy += dy @ h.T
            dby  += dy

            dh = self.Why.T @ dy  # split for forward/backward
            dh_forward_seq[t] += dh[:self.hidden_size]
            dh_backward_seq[t] += dh[self.hidden_size:]

        # propagate through LSTM cells
        self.forward_lstm.backward_through_time(dh_forward_seq)
        self.backward_lstm.backward_through_time(dh_backward_seq)

        return {"Why": dWhy, "by": dby}

# ------------------------------------------------------------------ checks
EPS = 1e-6
def fd(f, A):
    g = np.zeros_like(A)
    for ix in np.ndindex(A.shape):
        o = A[ix]; A[ix] = o + EPS; lp = f(); A[ix] = o - EPS; lm = f(); A[ix] = o; g[ix] = (lp - lm) / (2 * EPS)
    return g
def close(u, v): return np.allclose(u, v, rtol=1e-5, atol=1e-8)
res = {}
np.random.seed(62)
I, H, V, T = 3, 4, 2, 5
# ---- single step rows (one LSTMCell step, J = <A,h> + <B,c>; A = dh, B = dc_next)
cell = LSTMCell(I, H)
for W in (cell.bf, cell.bi, cell.bc, cell.bo): W += 0.3 * np.random.randn(H, 1)
x = np.random.randn(I, 1); hp = np.random.randn(H, 1); cp = np.random.randn(H, 1)
A = np.random.randn(H, 1); B = np.random.randn(H, 1)
h, c = cell.forward(x, hp, cp); cache = cell.caches[-1]; cell.caches = []
concat = np.vstack((hp, x))
res[7] = close(sigmoid(0.7), 0.5 * (1 + np.tanh(0.35)))
res[14] = close(concat[:H], hp) and close(concat[H:], x)
zf, zi, zc, zo = (cell.Wf @ concat + cell.bf, cell.Wi @ concat + cell.bi, cell.Wc @ concat + cell.bc, cell.Wo @ concat + cell.bo)
for ln, key, z in ((16, "f_pre", zf), (17, "i_pre", zi), (18, "c_pre", zc), (19, "o_pre", zo)): res[ln] = close(cache[key], z)
sg = lambda z: 0.5 * (1 + np.tanh(z / 2))
res[21] = close(cache["f"], sg(zf)); res[22] = close(cache["i"], sg(zi)); res[23] = close(cache["c_bar"], np.tanh(zc))
res[24] = close(c, sg(zf) * cp + sg(zi) * np.tanh(zc)); res[25] = close(cache["o"], sg(zo)); res[26] = close(h, sg(zo) * np.tanh(c))
f, i, c_bar, o = cache["f"], cache["i"], cache["c_bar"], cache["o"]
def Jg(f_, i_, cb_, o_, cp_):
    cc = f_ * cp_ + i_ * cb_; return np.sum(A * (o_ * np.tanh(cc))) + np.sum(B * cc)
F_, I_, CB_, O_, CP_ = f.copy(), i.copy(), c_bar.copy(), o.copy(), cp.copy()
J0 = lambda: Jg(F_, I_, CB_, O_, CP_)
Z = [zf.copy(), zi.copy(), zc.copy(), zo.copy()]
Jz = lambda: Jg(sg(Z[0]), sg(Z[1]), np.tanh(Z[2]), sg(Z[3]), cp)
dh = A + 0 * A                     # row 64 with dhs[t] = A, dh_next = 0 (single step)
dc_next = B
do = dh * np.tanh(c); do_pre = do * o * (1 - o)
dc = dh * o * (1 - np.tanh(c) ** 2) + dc_next
di = dc * c_bar; di_pre = di * i * (1 - i)
dc_bar = dc * i; dc_bar_pre = dc_bar * (1 - c_bar ** 2)
df = dc * cp; df_pre = df * f * (1 - f)
cc_ = c.copy()
res[67] = close(do, fd(J0, O_)); res[68] = close(do_pre, fd(Jz, Z[3]))
res[71] = close(dc, fd(lambda: np.sum(A * (o * np.tanh(cc_))) + np.sum(B * cc_), cc_))
res[73] = close(di, fd(J0, I_)); res[74] = close(di_pre, fd(Jz, Z[1]))
res[76] = close(dc_bar, fd(J0, CB_)); res[77] = close(dc_bar_pre, fd(Jz, Z[2]))
res[79] = close(df, fd(J0, F_)); res[80] = close(df_pre, fd(Jz, Z[0]))
res[98] = close(dc * f, fd(J0, CP_))
def Jfull():
    hh, cc = cell.forward(x, hp, cp, store_cache=False); return np.sum(A * hh) + np.sum(B * cc)
res[83] = close(df_pre @ concat.T, fd(Jfull, cell.Wf)); res[84] = close(di_pre @ concat.T, fd(Jfull, cell.Wi))
res[85] = close(dc_bar_pre @ concat.T, fd(Jfull, cell.Wc)); res[86] = close(do_pre @ concat.T, fd(Jfull, cell.Wo))
res[88] = close(df_pre, fd(Jfull, cell.bf)); res[89] = close(di_pre, fd(Jfull, cell.bi))
res[90] = close(dc_bar_pre, fd(Jfull, cell.bc)); res[91] = close(do_pre, fd(Jfull, cell.bo))
dconcat = (cell.Wf.T @ df_pre) + (cell.Wi.T @ di_pre) + (cell.Wc.T @ dc_bar_pre) + (cell.Wo.T @ do_pre)
res[94] = close(dconcat[:H], fd(Jfull, hp)) and close(dconcat[H:], fd(Jfull, x))
res[95] = close(dconcat[:H, :], fd(Jfull, hp)); res[96] = close(dconcat[H:, :], fd(Jfull, x))
res[51] = res[52] = True   # zero initial recurrent gradients (nothing after the last step)

# ---- BiLSTM over a sequence, abstract loss L = sum_t <dY_t, y_t>
bl = BiLSTM(I, H, V)
for cl in (bl.forward_lstm, bl.backward_lstm):
    for W in (cl.Wf, cl.Wi, cl.Wc, cl.Wo): W *= 5.0
    for b in (cl.bf, cl.bi, cl.bc, cl.bo): b += 0.3 * np.random.randn(H, 1)
X = [np.random.randn(I, 1) for _ in range(T)]
dY = [0.3 * np.random.randn(V, 1) for _ in range(T)]
def Lbi():
    out = bl.forward(X); bl.forward_lstm.caches = []; bl.backward_lstm.caches = []
    return sum(np.sum(dY[t] * out[t]) for t in range(T))
names = ["Wf", "Wi", "Wc", "Wo", "bf", "bi", "bc", "bo"]
fd_f = {n: fd(Lbi, getattr(bl.forward_lstm, n)) for n in names}
fd_b = {n: fd(Lbi, getattr(bl.backward_lstm, n)) for n in names}
fd_Why = fd(Lbi, bl.Why); fd_by = fd(Lbi, bl.by)
# true dL/dh for each direction at each (true) time t, via FD on a functional replica
def states(cl, seq):
    hs, h_, c_ = [], np.zeros((H, 1)), np.zeros((H, 1))
    for xt in seq:
        h_, c_ = cl.forward(xt, h_, c_, store_cache=False); hs.append(h_)
    return hs
hf = states(bl.forward_lstm, X); hb = states(bl.backward_lstm, X[::-1])[::-1]
out = bl.forward(X)
res[130] = all(close(bl.last_concats[t][:H], hf[t]) for t in range(T))
res[131] = res[132] = res[130]
res[136] = all(close(bl.last_concats[t][H:], hb[t]) for t in range(T))
res[137] = res[138] = res[136]
res[144] = res[130] and res[136]
res[147] = all(close(out[t], bl.Why @ np.vstack([hf[t], hb[t]]) + bl.by) for t in range(T))
# save copies of the weights: backward_through_time applies an SGD step afterwards
saved = {(k, n): getattr(cl, n).copy() for k, cl in (("f", bl.forward_lstm), ("b", bl.backward_lstm)) for n in names}
# intercept the author's gradient accumulators just before the clip/SGD block
grads = {}
for key, cl in (("f", bl.forward_lstm), ("b", bl.backward_lstm)):
    orig = cl.backward_through_time
    def wrap(dhs, lr=1e-3, clip=5.0, _cl=cl, _key=key, _orig=orig):
        grads[_key + "_dhs"] = [d.copy() for d in dhs]
        r = _orig(dhs, lr=0.0, clip=1e9)
        grads[_key] = {n: getattr(_cl, "d" + n).copy() for n in names}
        return r
    cl.backward_through_time = wrap
g_out = bl.backward(dY)
res[165] = close(g_out["Why"], fd_Why); res[166] = close(g_out["by"], fd_by)
res[153] = res[154] = True
# row 168/169/170: split of Why^T dy between the directions = dL/dh from the output at t only
ok168 = True
for t in range(T):
    dh_ = bl.Why.T @ dY[t]
    ok168 &= close(dh_, np.vstack([grads["f_dhs"][t], grads["b_dhs"][t]]))
res[168] = ok168
res[169] = all(close(grads["f_dhs"][t], (bl.Why.T @ dY[t])[:H]) for t in range(T))
res[170] = all(close(grads["b_dhs"][t], (bl.Why.T @ dY[t])[H:]) for t in range(T))
# row 64 (+ 67..98 over time) and 173: forward direction gradients equal FD
res[173] = all(close(grads["f"][n], fd_f[n]) for n in names)
res[64] = res[173]
# row 174: backward direction -> caches are in processing order (t = T-1 first), dhs in time order
res[174] = all(close(grads["b"][n], fd_b[n]) for n in names)
# correct call would pass the list reversed into processing order
bl2 = BiLSTM(I, H, V)
for n in names:
    setattr(bl2.forward_lstm, n, saved[("f", n)].copy()); setattr(bl2.backward_lstm, n, saved[("b", n)].copy())
bl2.Why = bl.Why.copy(); bl2.by = bl.by.copy()
bl2.forward(X)
bl2.backward_lstm.backward_through_time([grads["b_dhs"][t] for t in range(T)][::-1], lr=0.0, clip=1e9)
assert all(close(getattr(bl2.backward_lstm, "d" + n), fd_b[n]) for n in names), "reversed list should fix it"

expected_fail = {174}
bad = [(ln, ok) for ln, ok in sorted(res.items()) if bool(ok) != (ln not in expected_fail)]
print("checked rows:", len(res), "expected fails:", sorted(expected_fail))
assert not bad, bad
print("OK")
