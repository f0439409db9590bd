"""Finite-difference check of lstm_manual_bptt_torch.md (numpy only).

Re-implements the author's forward pass (row layout, cat_input = [h_prev, x]) and the
author's backward formulas as written, and compares them with central differences.
Torch semantics that matter are reproduced: Tensor.add / Tensor.sub without assignment are
out-of-place (result discarded); `self.W1 -= ...` is in place.
"""
import numpy as np

rng = np.random.default_rng(0)
eps = 1e-6
B, T, I, H = 3, 4, 2, 3
results = []


def report(line, name, a, b, expect):
    err = np.max(np.abs(np.asarray(a) - np.asarray(b))) / (1e-12 + np.max(np.abs(b)))
    ok = err < 1e-5
    verdict = "agree" if ok else "DISAGREE"
    results.append((line, name, ok, expect))
    print(f"line {line:4d} {name:55s} rel.err={err:9.2e}  {verdict:8s} (expected {expect})")


def fd(f, X):
    G = np.zeros_like(X)
    it = np.nditer(X, flags=["multi_index"])
    for _ in it:
        i = it.multi_index
        old = X[i]
        X[i] = old + eps; fp = f()
        X[i] = old - eps; fm = f()
        X[i] = old
        G[i] = (fp - fm) / (2 * eps)
    return G


sig = lambda z: 1 / (1 + np.exp(-z))
# ---- utils.py helpers (lines 15, 23, 33, 42) ----
sigmoid_d = lambda x: x * (-(x - 1))            # line 15: x.mul(x.sub(1).mul(-1))
tanh_d = lambda x: -(np.tanh(x) ** 2 - 1)       # line 23
mse_loss = lambda y_gt, y_pred: ((y_gt - y_pred) ** 2).mean()   # line 33
mse_loss_d = lambda y_gt, y_pred: y_pred - y_gt                 # line 42

z = rng.normal(size=(4, 3))
report(15, "sigmoid_d(sigmoid(z)) vs d sigmoid/dz", sigmoid_d(sig(z)),
       fd(lambda: sig(z).sum(), z), "pass")
report(23, "tanh_d(z) vs d tanh/dz", tanh_d(z), fd(lambda: np.tanh(z).sum(), z), "pass")
yg, yp = rng.normal(size=(B, 1)), rng.normal(size=(B, 1))
report(42, "mse_loss_d vs d mse_loss/d y_pred", mse_loss_d(yg, yp), fd(lambda: mse_loss(yg, yp), yp), "fail")
print("          (ratio FD/mse_loss_d =", (fd(lambda: mse_loss(yg, yp), yp) / mse_loss_d(yg, yp)).ravel()[:1], "= 2/B)")

# ---- LSTMCell parameters ----
P = {k: rng.normal(scale=0.5, size=(I + H, H)) for k in ["Wf", "Wi", "Wo", "Wc"]}
P.update({k: rng.normal(scale=0.3, size=(1, H)) for k in ["bf", "bi", "bo", "bc"]})
init_h = rng.normal(size=(1, H)); init_c = rng.normal(size=(1, H))
X = rng.normal(size=(B, T, I))
Gout = rng.normal(size=(B, T, H))    # dL/d hidden_states[:, t, :]  (loss L = sum(Gout * hs))


def forward_step(x, c_in, h_in):            # lines 216-223
    cat = np.column_stack((h_in, x))
    f = sig(cat @ P["Wf"] + P["bf"]); i = sig(cat @ P["Wi"] + P["bi"])
    o = sig(cat @ P["Wo"] + P["bo"]); g = np.tanh(cat @ P["Wc"] + P["bc"])
    c = f * c_in + i * g
    h = o * np.tanh(c)
    return h, c, (cat, c_in, c, i, o, f, g)


def forward(Xs):
    h = np.repeat(init_h, B, 0); c = np.repeat(init_c, B, 0)
    hs, mem = [], []
    for t in range(T):
        h, c, m = forward_step(Xs[:, t, :], c, h)
        hs.append(h); mem.append(m)
    return np.stack(hs).transpose(1, 0, 2), mem


def loss():
    return (Gout * forward(X)[0]).sum()


# ---------- one step, isolated: upstream a = dL/dh_t, b = dL/dc_t ----------
x0, c0, h0 = X[:, 0, :], rng.normal(size=(B, H)), rng.normal(size=(B, H))
a_in, a_out, b_in = rng.normal(size=(B, H)), rng.normal(size=(B, H)), rng.normal(size=(B, H))
_, _, (cat, c_in, c_out, ig, og, fg, cg) = forward_step(x0, c0, h0)


def step_loss_from_pre(zf, zi, zo, zc, cprev=None):
    cprev = c0 if cprev is None else cprev
    c = sig(zf) * cprev + sig(zi) * np.tanh(zc)
    h = sig(zo) * np.tanh(c)
    return ((a_in + a_out) * h).sum() + (b_in * c).sum()


pre = {k: cat @ P["W" + k] + P["b" + k] for k in "fioc"}
Z = {k: v.copy() for k, v in pre.items()}
f_pre = lambda k: fd(lambda: step_loss_from_pre(Z["f"], Z["i"], Z["o"], Z["c"]), Z[k])

# author lines 283-290
hidden_state_d = a_in + a_out                                                       # 283
cell_state_d = tanh_d(c_out) * og * hidden_state_d + b_in                           # 284
candidate_gate_d = cell_state_d * ig * tanh_d(cg)                                   # 286
forget_gate_d = candidate_gate_d * c_in * sigmoid_d(fg)                             # 288
output_gate_d = np.tanh(c_out) * hidden_state_d * sigmoid_d(og)                     # 289
input_gate_d = cell_state_d * (cg * sigmoid_d(ig))                                  # 290
cvar = c_out.copy()
report(284, "cell_state_d vs dL/dc_t (FD)", cell_state_d,
       fd(lambda: ((a_in + a_out) * og * np.tanh(cvar)).sum() + (b_in * cvar).sum(), cvar), "pass")
report(286, "candidate_gate_d vs dL/d(pre-activation of g)", candidate_gate_d, f_pre("c"), "fail")
report(288, "forget_gate_d vs dL/d(pre-activation of f)", forget_gate_d, f_pre("f"), "fail")
report(289, "output_gate_d vs dL/d(pre-activation of o)", output_gate_d, f_pre("o"), "pass")
report(290, "input_gate_d vs dL/d(pre-activation of i)", input_gate_d, f_pre("i"), "pass")

# with the TRUE pre-activation gradients, check the remaining step formulas (lines 293-314)
tf, ti, to, tc = f_pre("f"), f_pre("i"), f_pre("o"), f_pre("c")
comb = tf @ P["Wf"].T + tc @ P["Wc"].T + ti @ P["Wi"].T + to @ P["Wo"].T           # 303
xv, hv, cv = x0.copy(), h0.copy(), c0.copy()


def step_loss_inputs():
    catv = np.column_stack((hv, xv))
    zz = {k: catv @ P["W" + k] + P["b" + k] for k in "fioc"}
    return step_loss_from_pre(zz["f"], zz["i"], zz["o"], zz["c"], cprev=cv)


report(313, "input_chain_d = comb[:, H:] vs dL/dx_t", comb[:, H:], fd(step_loss_inputs, xv), "pass")
report(314, "hidden_state_chain_d = comb[:, :H] vs dL/dh_(t-1)", comb[:, :H], fd(step_loss_inputs, hv), "pass")
true_cell_d = b_in + tanh_d(c_out) * og * (a_in + a_out)
report(312, "cell_state_chain_d = f*cell_state_d vs dL/dc_(t-1)", fg * true_cell_d, fd(step_loss_inputs, cv), "pass")


def step_loss_params():
    catv = np.column_stack((h0, x0))
    zz = {k: catv @ P["W" + k] + P["b" + k] for k in "fioc"}
    return step_loss_from_pre(zz["f"], zz["i"], zz["o"], zz["c"])


for ln, k, gd in [(293, "f", tf), (295, "i", ti), (297, "o", to), (299, "c", tc)]:
    contrib = cat.T @ gd
    FDW = fd(step_loss_params, P["W" + k])
    FDb = fd(step_loss_params, P["b" + k])
    print(f"          (info) one-step contribution cat^T @ true d{k} vs FD dW{k}: rel.err "
          f"{np.max(np.abs(contrib - FDW)) / np.max(np.abs(FDW)):.1e}; sum over batch vs FD db{k}: "
          f"{np.max(np.abs(gd.sum(0) - FDb)) / np.max(np.abs(FDb)):.1e}")

# ---------- full sequence: author's LSTMCell.backward as written ----------
def author_backward(Gd, fix_formulas=False, fix_order=False, inplace_add=False):
    hs, mem = forward(X)
    mem = list(mem)
    grads = {k: np.zeros_like(P[k]) for k in ["Wf", "Wi", "Wo", "Wc", "bf", "bi", "bo", "bc"]}
    cd = np.zeros((B, H)); hd = np.zeros((B, H))
    ins, hds, cds = [], [], []
    for i in range(T):
        cat, c_in, c_out, ig, og, fg, cg = mem.pop()
        t = T - 1 - i
        up = Gd[:, t, :] if fix_order else Gd[:, i, :]                 # line 348 passes Gd[:, i, :]
        hsd = hd + up
        csd = tanh_d(c_out) * og * hsd + cd
        if fix_formulas:
            cand = csd * ig * (1 - cg ** 2)
            fgd = csd * c_in * sigmoid_d(fg)
        else:
            cand = csd * ig * tanh_d(cg)
            fgd = cand * c_in * sigmoid_d(fg)
        ogd = np.tanh(c_out) * hsd * sigmoid_d(og)
        igd = csd * (cg * sigmoid_d(ig))
        for k, gd in zip("fioc", [fgd, igd, ogd, cand]):
            if inplace_add:
                grads["W" + k] += cat.T @ gd; grads["b" + k] += gd.sum(0)
            else:
                _ = grads["W" + k] + cat.T @ gd; _ = grads["b" + k] + gd.sum(0)   # torch .add(): discarded
        comb = fgd @ P["Wf"].T + cand @ P["Wc"].T + igd @ P["Wi"].T + ogd @ P["Wo"].T
        cd, hd = fg * csd, comb[:, :H]
        ins.append(comb[:, H:]); cds.append(cd); hds.append(hd)
    return grads, ins, hds, cds


FD = {k: fd(loss, P[k]) for k in ["Wf", "Wi", "Wo", "Wc", "bf", "bi", "bo", "bc"]}
FDX = fd(loss, X)
FDh0 = fd(loss, init_h); FDc0 = fd(loss, init_c)

g_auth, ins_a, hds_a, cds_a = author_backward(Gout)
for ln, k in [(293, "Wf"), (294, "bf"), (295, "Wi"), (296, "bi"), (297, "Wo"), (298, "bo"), (299, "Wc"), (300, "bc")]:
    report(ln, f"grads.d{k} after backward (out-of-place .add) vs FD", g_auth[k].reshape(FD[k].shape), FD[k], "fail")

g_fix, ins_f, hds_f, cds_f = author_backward(Gout, fix_formulas=True, fix_order=True, inplace_add=True)
print("          (info) with lines 286/288 fixed, += accumulation and the time order fixed, all dW/db agree:",
      all(np.allclose(g_fix[k].reshape(FD[k].shape), FD[k], atol=1e-6) for k in FD))
_, ins_o, _, _ = author_backward(Gout, fix_formulas=True, fix_order=False, inplace_add=True)
report(348, "dL/dx from backward loop (Gd[:, i] with pop order) vs FD",
       np.stack(ins_o[::-1], 1), FDX, "fail")
print("          (info) same with Gd[:, T-1-i] (fixed order):",
      np.allclose(np.stack(ins_f[::-1], 1), FDX, atol=1e-6))
report(199, "init_h_state_grad = sum_b hds[-1] (fixed run) vs FD", hds_f[-1].sum(0), FDh0.ravel(), "pass")
report(200, "init_c_state_grad = sum_b cds[-1] (fixed run) vs FD", cds_f[-1].sum(0), FDc0.ravel(), "pass")

# ---------- Regressor (lines 461-500) ----------
D, R, lr = 4, 5, 0.1
W1 = rng.normal(scale=0.5, size=(D, R)); b1 = rng.normal(size=(R,))
W2 = rng.normal(scale=0.5, size=(R, 1)); b2 = rng.normal(size=(1,))
Xr = rng.normal(size=(B, D)); yt = rng.normal(size=(B, 1))


def reg_out():
    hp = Xr @ W1 + b1                   # 461
    ho = sig(hp)                        # 462
    return hp, ho, ho @ W2 + b2         # 463


def reg_loss():
    return (yt * reg_out()[2]).sum()    # loss_grad = yt (any upstream gradient)


hp, ho, out = reg_out()
loss_grad = yt
hidden_layer_loss = loss_grad @ W2.T                                          # 483
hidden_layer_chain_d = hidden_layer_loss * sigmoid_d(hp)                      # 484
dW2 = ho.T @ loss_grad; db2 = loss_grad.sum(0)                                # 487, 488
dW1 = Xr.T @ hidden_layer_chain_d; db1 = hidden_layer_chain_d.sum(0)          # 494, 495
hpv = hp.copy()
hov = ho.copy()
report(483, "hidden_layer_loss vs dL/d hidden_output", hidden_layer_loss,
       fd(lambda: (yt * (hov @ W2 + b2)).sum(), hov), "pass")
report(484, "hidden_layer_chain_d vs dL/d hidden_preactiv", hidden_layer_chain_d,
       fd(lambda: (yt * (sig(hpv) @ W2 + b2)).sum(), hpv), "fail")
report(487, "dW2 vs FD", dW2, fd(reg_loss, W2), "pass")
report(488, "db2 vs FD", db2, fd(reg_loss, b2), "pass")
true_chain = hidden_layer_loss * ho * (1 - ho)
report(494, "dW1 = X^T chain (with true chain) vs FD", Xr.T @ true_chain, fd(reg_loss, W1), "pass")
report(495, "db1 = sum chain (with true chain) vs FD", true_chain.sum(0), fd(reg_loss, b1), "pass")
FDXr = fd(reg_loss, Xr)
W1_after = W1 - np.clip(Xr.T @ true_chain, -1, 1) * lr                          # line 496 in place
report(500, "out_chain_d with W1 after the update (true chain) vs FD", true_chain @ W1_after.T, FDXr, "fail")
print("          (info) same with W1 before the update:", np.allclose(true_chain @ W1.T, FDXr, atol=1e-6))

print("\nSummary: rows whose FD verdict matches expected.json:",
      sum((ok and e == "pass") or ((not ok) and e == "fail") for _, _, ok, e in results), "of", len(results))
for ln, name, ok, e in results:
    if (ok and e == "fail") or ((not ok) and e == "pass"):
        print("  MISMATCH line", ln, name)
