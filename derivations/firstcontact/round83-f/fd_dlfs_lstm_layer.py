# FD check of dlfs_lstm_layer.py (DLFS LSTMLayer). numpy only.
# Forward: z_t = [x_t, h_{t-1}] (row vectors, batch first), f,i,o = sigmoid(z W + b), cc = tanh(z W_c + b_c),
# c_t = c_{t-1} f + i cc, h_t = o tanh(c_t); h_{-1} = c_{-1} = 0.  Loss L = sum(DY * hidden_states)
# (predict_sequence=True, 3-D delta) or L = sum(dy * h_{T-1}) (predict_sequence=False, 2-D delta).
import numpy as np
rng = np.random.default_rng(3)
N, T, D, H = 2, 4, 3, 3
sig = lambda x: 1 / (1 + np.exp(-np.clip(x, -50, 50)))          # note 227-228
P0 = {k: rng.uniform(-.8, .8, (D + H, H)) for k in ["input_weights", "forget_weights", "candidate_weights", "output_weights"]}
P0.update({k: rng.uniform(-.5, .5, H) for k in ["input_bias", "forget_bias", "candidate_bias", "output_bias"]})
X = rng.normal(0, 1, (N, T, D))
DY3 = rng.normal(0, 1, (N, T, H)); DY2 = rng.normal(0, 1, (N, H))

def forward(P, x, pert=None):
    pert = pert or {}; g = lambda k, t: pert.get((k, t), 0.)
    S = {k: np.zeros((N, T, H)) for k in ["h", "cc", "c", "f", "i", "o"]}; S["z"] = np.zeros((N, T, D + H))
    for t in range(T):
        z = np.concatenate((x[:, t, :], S["h"][:, max(0, t-1), :]), axis=1); S["z"][:, t] = z        # 100
        f = sig(z @ P["forget_weights"] + P["forget_bias"] + g("fpre", t)); S["f"][:, t] = f           # 104-105
        i = sig(z @ P["input_weights"] + P["input_bias"] + g("ipre", t)); S["i"][:, t] = i             # 109-110
        cc = np.tanh(z @ P["candidate_weights"] + P["candidate_bias"] + g("ccpre", t)); S["cc"][:, t] = cc  # 114-115
        o = sig(z @ P["output_weights"] + P["output_bias"] + g("opre", t)); S["o"][:, t] = o          # 119-120
        c = S["c"][:, max(0, t-1), :] * f + i * cc + g("c", t); S["c"][:, t] = c                        # 124
        S["h"][:, t] = o * np.tanh(c) + g("h", t)                                                     # 128
    return S

def backward_as_written(P, S, delta):
    P = {k: v.copy() for k, v in P.items()}          # the author mutates forget_weights/bias (206-207)
    G = {("d" + k): np.zeros_like(v) for k, v in P.items()}
    dinputs = np.zeros((N, T, D)); rec = {}
    nxt = None
    for t in range(T - 1, -1, -1):
        c_t, cc_t, o_t, f_t, i_t, x_t = S["c"][:, t], S["cc"][:, t], S["o"][:, t], S["f"][:, t], S["i"][:, t], S["z"][:, t]
        delta_t = delta if delta.ndim == 2 else delta[:, t, :]                       # 180-183
        og = delta_t * np.tanh(c_t) * (1 - o_t) * o_t                                # 185
        G["doutput_weights"] += x_t.T @ og; G["doutput_bias"] += og.sum(0)          # 186-187
        csg = delta_t * o_t * (1 - np.tanh(c_t)**2)                                  # 189
        if nxt is not None: csg = csg + nxt * S["f"][:, t+1]                         # 191
        nxt = csg                                                                     # 193
        cg = csg * i_t * (1 - cc_t**2)                                               # 195
        G["dcandidate_weights"] += x_t.T @ cg; G["dcandidate_bias"] += cg.sum(0)    # 197-198
        ig = csg * cc_t * (1 - i_t) * i_t                                            # 200
        G["dinput_weights"] += x_t.T @ ig; G["dinput_bias"] += ig.sum(0)            # 201-202
        if t > 0:
            fg = csg * S["cc"][:, t-1] * ((1 - f_t) * f_t)                           # 205
            P["forget_weights"] += x_t.T @ fg; P["forget_bias"] += fg.sum(0)        # 206-207
        dinputs[:, t] = og @ P["output_weights"][:D].T + ig @ P["input_weights"][:D].T + \
                        fg @ P["forget_weights"][:D].T + cg @ P["candidate_weights"][:D].T   # 209-212
        rec[t] = dict(delta_t=delta_t, og=og, csg=csg, cg=cg, ig=ig, fg=fg)
    return G, dinputs, rec, P

def L_of(P, x, pert=None, seq=True):
    S = forward(P, x, pert)
    return float((S["h"] * DY3).sum()) if seq else float((S["h"][:, -1] * DY2).sum())
eps = 1e-6
def probe(key, t, seq=True):
    g = np.zeros((N, H))
    for ix in np.ndindex(N, H):
        e = np.zeros((N, H)); e[ix] = eps
        g[ix] = (L_of(P0, X, {(key, t): e}, seq) - L_of(P0, X, {(key, t): -e}, seq)) / (2 * eps)
    return g
def fd_param(k, seq=True):
    g = np.zeros_like(P0[k])
    for ix in np.ndindex(P0[k].shape):
        Pp = {a: b.copy() for a, b in P0.items()}; Pm = {a: b.copy() for a, b in P0.items()}
        Pp[k][ix] += eps; Pm[k][ix] -= eps
        g[ix] = (L_of(Pp, X, None, seq) - L_of(Pm, X, None, seq)) / (2 * eps)
    return g
def rep(row, a, b):
    ok = np.allclose(a, b, atol=1e-6, rtol=1e-5)
    print(f"{row:84s} {'AGREE' if ok else 'DISAGREE'}  max|diff|={np.max(np.abs(a-b)):.2e}")

S = forward(P0, X)
FD = {(k, t): probe(k, t) for k in ["h", "c", "opre", "ccpre", "ipre", "fpre"] for t in range(T)}
print("== predict_sequence=True (3-D delta), backward as written ==")
G, dinp, rec, Pafter = backward_as_written(P0, S, DY3)
for t in range(T - 1, -1, -1):
    rep(f"183 delta_t used as dL/dh_t vs total dL/dh_t (recurrent part missing), t={t}", rec[t]["delta_t"], FD[("h", t)])
    rep(f"185 output_grad = dL/d(o pre-act), t={t}", rec[t]["og"], FD[("opre", t)])
    rep(f"189-191 cell_state_grad = dL/dc_t, t={t}", rec[t]["csg"], FD[("c", t)])
print("-- local formulas fed with the TRUE upstream gradients (from FD) --")
for t in range(T):
    dh, dc = FD[("h", t)], FD[("c", t)]
    o_t, c_t, i_t, cc_t, f_t = S["o"][:, t], S["c"][:, t], S["i"][:, t], S["cc"][:, t], S["f"][:, t]
    rep(f"185 form  dh*tanh(c)*(1-o)*o, t={t}", dh * np.tanh(c_t) * (1 - o_t) * o_t, FD[("opre", t)])
    if t < T - 1:
        rep(f"189+191 form  dh*o*(1-tanh(c)^2) + dc_(t+1)*f_(t+1), t={t}",
            dh * o_t * (1 - np.tanh(c_t)**2) + FD[("c", t+1)] * S["f"][:, t+1], dc)
    rep(f"195 form  dc*i*(1-cc^2), t={t}", dc * i_t * (1 - cc_t**2), FD[("ccpre", t)])
    rep(f"200 form  dc*cc*(1-i)*i, t={t}", dc * cc_t * (1 - i_t) * i_t, FD[("ipre", t)])
    if t > 0:
        rep(f"205 form as written  dc*candidate_states[t-1]*(1-f)f, t={t}", dc * S["cc"][:, t-1] * (1 - f_t) * f_t, FD[("fpre", t)])
        rep(f"    with cell_states[t-1] instead, t={t}", dc * S["c"][:, t-1] * (1 - f_t) * f_t, FD[("fpre", t)])
    else:
        rep(f"    t=0: true dL/d(f pre-act) is 0 (c_-1 = 0); the stale forget_grad reused at 209", rec[0]["fg"], FD[("fpre", 0)])
print("-- parameter gradients as written vs FD --")
for k in ["output_weights", "output_bias", "candidate_weights", "candidate_bias", "input_weights", "input_bias", "forget_weights", "forget_bias"]:
    rep(f"d{k}", G["d" + k], fd_param(k))
print("   206-207: forget_weights changed during backward by max", np.abs(Pafter["forget_weights"] - P0["forget_weights"]).max(),
      "; dforget_weights stays", np.abs(G["dforget_weights"]).max())
gX = np.zeros_like(X)
for ix in np.ndindex(X.shape):
    Xp, Xm = X.copy(), X.copy(); Xp[ix] += eps; Xm[ix] -= eps
    gX[ix] = (L_of(P0, Xp) - L_of(P0, Xm)) / (2 * eps)
rep("209-212 dinputs", dinp, gX)
# 209 in isolation: true gate gradients, original weights -> agrees; author's stale fg at t=0 and mutated W_f -> not
true_dx = np.stack([FD[("opre", t)] @ P0["output_weights"][:D].T + FD[("ipre", t)] @ P0["input_weights"][:D].T +
                    FD[("fpre", t)] @ P0["forget_weights"][:D].T + FD[("ccpre", t)] @ P0["candidate_weights"][:D].T for t in range(T)], 1)
rep("209 form with true gate grads and the forward's weights", true_dx, gX)
stale = true_dx.copy()
stale[:, 0] = (FD[("opre", 0)] @ P0["output_weights"][:D].T + FD[("ipre", 0)] @ P0["input_weights"][:D].T +
               FD[("fpre", 1)] @ P0["forget_weights"][:D].T + FD[("ccpre", 0)] @ P0["candidate_weights"][:D].T)
rep("209 form, true grads but t=0 uses forget_grad left over from t=1 (as the loop does)", stale, gX)
print("== predict_sequence=False (2-D delta) ==")
S = forward(P0, X)
G2, _, rec2, _ = backward_as_written(P0, S, DY2)
for t in range(T - 1, -1, -1):
    rep(f"181 delta_t = delta as dL/dh_t external part (true: dy at t=T-1, 0 before), t={t}",
        rec2[t]["delta_t"], DY2 if t == T - 1 else np.zeros_like(DY2))
