"""FD check of mindspore-ai/akg tests/common/test_op/ascend/lstm_rnn_grad.py (numpy only, float64).
TVM compute expressions are evaluated literally with numpy index arithmetic.
B = 4*H so that the transposed indexing db[i, k] in the bias rows can be evaluated at all."""
import numpy as np

rng = np.random.default_rng(5903)
B, I, H = 8, 3, 2
sig = lambda z: 1.0 / (1.0 + np.exp(-z))


def num_grad(fn, x, eps=1e-6):
    g = np.zeros_like(x)
    it = np.nditer(x, flags=["multi_index"])
    for _ in it:
        k = it.multi_index
        old = x[k]
        x[k] = old + eps; fp = fn()
        x[k] = old - eps; fm = fn()
        x[k] = old
        g[k] = (fp - fm) / (2 * eps)
    return g


close = lambda a, b: a.shape == b.shape and np.allclose(a, b, rtol=1e-6, atol=1e-7)
dense = lambda x, w, b: x @ w.T + b          # tests.common.test_op.ascend.dense / topi.nn.dense

x = rng.normal(size=(B, I)); hx = rng.normal(size=(B, H)); cx = rng.normal(size=(B, H))
w_ih = rng.normal(size=(4 * H, I)); w_hh = rng.normal(size=(4 * H, H))
b_ih = rng.normal(size=4 * H) * 0.3; b_hh = rng.normal(size=4 * H) * 0.3
DH = rng.normal(size=(B, H)); DC = rng.normal(size=(B, H))


def lstm():   # the model: torch.nn.LSTMCell
    g = dense(x, w_ih, b_ih) + dense(hx, w_hh, b_hh)
    i, f, c, o = sig(g[:, :H]), sig(g[:, H:2*H]), np.tanh(g[:, 2*H:3*H]), sig(g[:, 3*H:])
    cy = f * cx + i * c
    return o * np.tanh(cy), cy, g


Lh = lambda: np.sum(DH * lstm()[0])
Lc = lambda: np.sum(DC * lstm()[1])
V, E = {}, {}


def truth(L):
    Pg = np.zeros((B, 4 * H))
    def Lg():
        global_g = dense(x, w_ih, b_ih) + dense(hx, w_hh, b_hh) + Pg
        i, f, c, o = sig(global_g[:, :H]), sig(global_g[:, H:2*H]), np.tanh(global_g[:, 2*H:3*H]), sig(global_g[:, 3*H:])
        cy = f * cx + i * c
        return np.sum(DH * o * np.tanh(cy)) if L is Lh else np.sum(DC * cy)
    gG = num_grad(Lg, Pg)
    return dict(gates=gG, w_ih=num_grad(L, w_ih), w_hh=num_grad(L, w_hh), b_ih=num_grad(L, b_ih),
                b_hh=num_grad(L, b_hh), hx=num_grad(L, hx), x=num_grad(L, x), cx=num_grad(L, cx))


# ---------------- lstmcell_grad_h : L = <dh, hy> ----------------
T = truth(Lh)
xh = np.concatenate([hx, x], 1)                                   # 47
W = np.concatenate([w_ih, w_hh], 1)                               # 49
gates = dense(x, w_ih, b_ih) + dense(hx, w_hh, b_hh)              # 51
ingate_in, forgetgate_in, cellgate_in, outgate_in = np.split(gates, 4, 1)   # 53
ingate = sig(ingate_in); forgetgate = sig(forgetgate_in)          # 55, 56
cellgate = np.tanh(cellgate_in); outgate = sig(outgate_in)        # 57, 58
cy = forgetgate * cx + ingate * cellgate                          # 59
tanh_cy = np.tanh(cy)                                             # 60
hy = outgate * tanh_cy                                            # 61 (comment)
ref_h, ref_c, ref_g = lstm()
for ln in (47, 49, 51, 53, 55, 56, 57, 58, 59, 60, 61):
    V[ln] = close(hy, ref_h) and close(cy, ref_c); E[ln] = True
# W's column order is [x | h] as its comment says; xh is [h | x]
W_xh_order = np.concatenate([w_hh, w_ih], 1)       # the weight that actually multiplies xh
gsl = lambda G, k: G[:, k * H:(k + 1) * H]

doutgate = DH * tanh_cy                                           # 65
doutgate_in = outgate * (1 - outgate) * doutgate                  # 66
dWo = np.einsum("kj,ki->ij", xh, doutgate_in)                     # 68
dtanh_cy = DH * outgate                                           # 71
dc = (1 - tanh_cy * tanh_cy) * dtanh_cy                           # 72
dingate = cellgate * dc                                           # 74
dingate_in = ingate * (1 - ingate) * dingate                      # 75
dWi = np.einsum("kj,ki->ij", xh, dingate_in)                      # 77
dforgetgate = dc * cx                                             # 80
dforgetgate_in = forgetgate * (1 - forgetgate) * dforgetgate      # 81
dWf = np.einsum("kj,ki->ij", xh, dforgetgate_in)                  # 83
dcellgate = ingate * dc                                           # 86
dcellgate_in = (1 - cellgate * cellgate) * dcellgate              # 87
dWc = np.einsum("kj,ki->ij", xh, dcellgate_in)                    # 89
dW = np.concatenate([dWi, dWf, dWc, dWo], 0)                      # 92
db = np.concatenate([dingate_in, dforgetgate_in, dcellgate_in, doutgate_in], 1)   # 94
dxh = np.einsum("kj,ik->ij", W, db)                               # 97
# true quantities for "given true inputs" rows
dW_true = np.concatenate([T["w_hh"], T["w_ih"]], 1)               # gradient of the weight acting on xh
dxh_true = np.concatenate([T["hx"] - 0, T["x"]], 1)
# (no other path to hx/x in L = <dh, hy> besides the gates, so dL/dxh = [dL/dhx, dL/dx])
dhx = dxh_true[:, :H]                                             # 99 as written, on true dxh
dx = dxh_true[:, H:H + I]                                         # 100
dcx = forgetgate * dc                                             # 102
dw_ih = dW_true[:, :I]                                            # 104 as written: dW[i, j], j < input_size
dw_hh_comment = dW_true[:, I:I + H]                               # 105 as written: dW[i, j + input_size]
db_true = T["gates"]
db_ih = np.array([sum(db_true[i, k] for k in range(B)) for i in range(4 * H)])   # 109: db[i, bhr]
db_hh = db_ih.copy()                                                             # 113
ret_dw_hh = w_hh                                                  # 115: returns w_hh in the dw_hh slot

V[65] = close(doutgate, DH * np.tanh(ref_c)); V[66] = close(doutgate_in, gsl(T["gates"], 3))
V[71] = close(dtanh_cy, DH * outgate)
Pcy = np.zeros((B, H))
g_cy = num_grad(lambda: np.sum(DH * outgate * np.tanh(cy + Pcy)), Pcy)   # dL/dcy for L = <dh, hy>
V[72] = close(dc, g_cy)
V[74] = close(dingate, g_cy * cellgate)   # dL/d ingate
V[75] = close(dingate_in, gsl(T["gates"], 0))
V[80] = close(dforgetgate, g_cy * cx); V[81] = close(dforgetgate_in, gsl(T["gates"], 1))
V[86] = close(dcellgate, g_cy * ingate); V[87] = close(dcellgate_in, gsl(T["gates"], 2))
for ln, k in ((77, 0), (83, 1), (89, 2), (68, 3)):
    V[ln] = close({77: dWi, 83: dWf, 89: dWc, 68: dWo}[ln], dW_true[k * H:(k + 1) * H])
V[92] = close(dW, dW_true); V[94] = close(db, T["gates"])
V[97] = close(dxh, dxh_true)
V[99] = close(dhx, T["hx"]); V[100] = close(dx, T["x"])
V[102] = close(dcx, T["cx"])
V[104] = close(dw_ih, T["w_ih"]); V[105] = close(dw_hh_comment, T["w_hh"])
V[109] = close(db_ih, T["b_ih"]); V[113] = close(db_hh, T["b_hh"])
V[115] = close(ret_dw_hh, T["w_hh"])
for ln in (65, 66, 68, 71, 72, 74, 75, 77, 80, 81, 83, 86, 87, 89, 92, 94, 99, 100, 102):
    E[ln] = True
for ln in (97, 104, 105, 109, 113, 115):
    E[ln] = False

# ---------------- lstmcell_grad_c : L = <dc, cy> ----------------
T = truth(Lc)
W = np.concatenate([w_ih, w_hh], 1)                               # 121
b = b_ih + b_hh                                                   # 122
xh = np.concatenate([hx, x], 1)                                   # 126
t = dense(xh, W, b)                                               # 127
V[121] = V[122] = V[126] = True
V[127] = close(t, ref_g)
t_true = ref_g   # judge following rows on the true pre-activations
temp_i = t_true[:, :H]; i = sig(temp_i)                           # 128, 129
temp_f = t_true[:, H:2 * H]; f = sig(temp_f)                      # 130, 131
temp_c_ = t_true[:, 2 * H:3 * H]; c_ = np.tanh(temp_c_)           # 132, 133
for ln in (128, 129, 130, 131, 132, 133):
    V[ln] = close(f * cx + i * c_, ref_c)
dtemp_o = np.zeros((B, H))                                        # 137
dWo = np.zeros((H, H + I))                                        # 138
df = DC * cx                                                      # 140
dtemp_f = f * (1 - f) * df                                        # 141
dWf = np.einsum("kj,ki->ij", xh, dtemp_f)                         # 143
di = c_ * DC                                                      # 146
dtemp_i = i * (1 - i) * di                                        # 147
dWi = np.einsum("kj,ki->ij", xh, dtemp_i)                         # 149
dc_ = i * DC                                                      # 152
dtemp_c_ = (1 - c_ * c_) * dc_                                    # 153
dWc = np.einsum("kj,ki->ij", xh, dtemp_c_)                        # 155
dW = np.concatenate([dWi, dWf, dWc, dWo], 0)                      # 158
db = np.concatenate([dtemp_i, dtemp_f, dtemp_c_, dtemp_o], 1)     # 160
dxh = np.einsum("kj,ik->ij", W, db)                               # 163
dW_true = np.concatenate([T["w_hh"], T["w_ih"]], 1)
dxh_true = np.concatenate([T["hx"], T["x"]], 1)
dhx = dxh_true[:, :H]; dx = dxh_true[:, H:H + I]                  # 165, 166
dcx = f * DC                                                      # 168
dw_ih = dW_true[:, :I]                                            # 170
dw_hh_comment = dW_true[:, I:I + H]                               # 171
db_ih = np.array([sum(T["gates"][i_, k] for k in range(B)) for i_ in range(4 * H)])   # 175
db_hh = db_ih.copy()                                              # 179
V[137] = close(dtemp_o, gsl(T["gates"], 3)); V[138] = close(dWo, dW_true[3 * H:])
V[140] = close(df, DC * cx); V[141] = close(dtemp_f, gsl(T["gates"], 1)); V[143] = close(dWf, dW_true[H:2 * H])
V[146] = close(di, DC * c_); V[147] = close(dtemp_i, gsl(T["gates"], 0)); V[149] = close(dWi, dW_true[:H])
V[152] = close(dc_, DC * i); V[153] = close(dtemp_c_, gsl(T["gates"], 2)); V[155] = close(dWc, dW_true[2 * H:3 * H])
V[158] = close(dW, dW_true); V[160] = close(db, T["gates"])
V[163] = close(dxh, dxh_true)
V[165] = close(dhx, T["hx"]); V[166] = close(dx, T["x"]); V[168] = close(dcx, T["cx"])
V[170] = close(dw_ih, T["w_ih"]); V[171] = close(dw_hh_comment, T["w_hh"])
V[175] = close(db_ih, T["b_ih"]); V[179] = close(db_hh, T["b_hh"])
V[181] = close(w_hh, T["w_hh"])
for ln in (121, 122, 126, 128, 129, 130, 131, 132, 133, 137, 138, 140, 141, 143, 146, 147, 149,
           152, 153, 155, 158, 160, 165, 166, 168):
    E[ln] = True
for ln in (127, 163, 170, 171, 175, 179, 181):
    E[ln] = False

# ---------------- rnn_tanh_cell_grad / rnn_relu_cell_grad ----------------
w_ih = rng.normal(size=(H, I)); w_hh = rng.normal(size=(H, H))
b_ih = rng.normal(size=H); b_hh = rng.normal(size=H); G = rng.normal(size=(B, H))
for act, rows in (("tanh", (187, 188, 189, 191, 193, 196, 199, 201, 202, 203)),
                  ("relu", (211, 212, 213, 215, 218, 221, 224, 227, 229, 230))):
    f_act = np.tanh if act == "tanh" else (lambda z: np.maximum(z, 0))
    L = lambda: np.sum(G * f_act(dense(x, w_ih, b_ih) + dense(hx, w_hh, b_hh)))
    igates = dense(x, w_ih, b_ih); hgates = dense(hx, w_hh, b_hh)
    pre = igates + hgates
    assert np.min(np.abs(pre)) > 1e-4 and (pre < 0).any()
    h = f_act(pre)
    if act == "tanh":
        dh = (1 - h * h) * G
    else:
        dh = G * np.where(h >= 0, 1, 0)                       # as written (215)
    P = np.zeros((B, H))
    dh_true = num_grad(lambda: np.sum(G * f_act(pre + P)), P)
    # rows after dh are judged on the true dh
    dWih = np.einsum("kj,ki->ij", x, dh_true)
    dWhh = np.einsum("kj,ki->ij", hx, dh_true)
    di = np.einsum("kj,ik->ij", w_ih, dh_true)
    dhid = np.einsum("kj,ik->ij", w_hh, dh_true)
    dbb = dh_true.sum(0)
    r = rows
    V[r[0]] = V[r[1]] = V[r[2]] = True
    V[r[3]] = close(dh, dh_true)
    V[r[4]] = close(dWih, num_grad(L, w_ih)); V[r[5]] = close(dWhh, num_grad(L, w_hh))
    V[r[6]] = close(di, num_grad(L, x)); V[r[7]] = close(dhid, num_grad(L, hx))
    V[r[8]] = close(dbb, num_grad(L, b_ih)) and close(dbb, num_grad(L, b_hh))
    V[r[9]] = V[r[4]] and V[r[5]] and V[r[6]] and V[r[7]] and V[r[8]]
    for ln in r:
        E[ln] = True
E[215] = False

bad = [ln for ln in sorted(V) if V[ln] != E[ln]]
for ln in sorted(V):
    print(ln, "pass" if V[ln] else "FAIL", "" if V[ln] == E[ln] else "<-- MISMATCH")
assert set(V) == set(E)
assert not bad, bad
print(len(V), "rows;", sum(1 for v in E.values() if not v), "fail rows confirmed")
