"""Finite-difference check of colcat_lstm_charlm_dsigmoid.md (search-index file id 44868235261).
numpy only.  Column vectors (n, 1); z = [h_prev; x]; gates W z + b with W (H, H+V); loss = sum_t -log y_t[target_t].
Every annotated line is evaluated as the author wrote it, with locally correct upstream values taken from central
differences, and compared to a central difference of the quantity it is meant to be.  Lines that call dsigmoid
are evaluated with a correct sigmoid derivative (local judgement); the author's helper is checked at its own line."""
import json, os
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
NAME = "colcat_lstm_charlm_dsigmoid.md"
src = open(os.path.join(HERE, NAME)).read().split("```python\n", 1)[1].split("\n```", 1)[0]
ns = {}
helpers = src[src.index("def sigmoid(x):"):src.index("def forward(")]
exec("import numpy as np\n" + helpers, ns)
sigmoid, dsigmoid_author, tanh, dtanh = ns["sigmoid"], ns["dsigmoid"], ns["tanh"], ns["dtanh"]
dsig_ok = lambda y: y * (1 - y)          # correct helper for local judgement of the calling lines

rng = np.random.default_rng(7)
H, V, T = 4, 5, 4
Zs = H + V
W = {q: rng.normal(0, 0.5, (H, Zs)) for q in "fico"}
b = {q: rng.normal(0, 0.3, (H, 1)) for q in "fico"}
Wv, bv = rng.normal(0, 0.5, (V, H)), rng.normal(0, 0.3, (V, 1))
inputs, targets = [1, 3, 0, 4], [3, 0, 4, 2]
h0, c0 = rng.normal(0, 0.5, (H, 1)), rng.normal(0, 0.5, (H, 1))

def run(hk=None):
    hk = hk or {}
    g = lambda k, shape: hk.get(k, np.zeros(shape))
    h_rec, c_rec = h0 + g(("hrec", -1), (H, 1)), c0 + g(("crec", -1), (H, 1))
    S, loss = {}, 0.0
    for t in range(T):
        x = np.zeros((V, 1)); x[inputs[t]] = 1
        z = np.vstack((h_rec, x)) + g(("z", t), (Zs, 1))
        pre, post = {}, {}
        for q in "fico":
            Wq = W[q] + g(("W" + q, t), (H, Zs)) + g(("W" + q, "all"), (H, Zs))
            pre[q] = Wq @ (z + g(("z" + q, t), (Zs, 1))) + b[q] + g(("b" + q, t), (H, 1)) + g(("a" + q, t), (H, 1))
            post[q] = (np.tanh(pre[q]) if q == "c" else 1 / (1 + np.exp(-pre[q]))) + g(("g" + q, t), (H, 1))
        c = post["f"] * c_rec + post["i"] * post["c"] + g(("c", t), (H, 1))
        h = post["o"] * np.tanh(c) + g(("h", t), (H, 1))
        v = (Wv + g(("Wv", t), (V, H)) + g(("Wv", "all"), (V, H))) @ (h + g(("hout", t), (H, 1))) \
            + bv + g(("bv", t), (V, 1)) + g(("v", t), (V, 1))
        y = np.exp(v) / np.sum(np.exp(v))
        loss -= np.log(y[targets[t], 0])
        S[t] = dict(x=x, z=z, f=post["f"], i=post["i"], c_bar=post["c"], o=post["o"], c=c, h=h, v=v, y=y,
                    c_prev=c_rec, h_prev=h_rec, pre=pre)
        h_rec, c_rec = h + g(("hrec", t), (H, 1)), c + g(("crec", t), (H, 1))
    return loss, S

def fd(key, shape, eps=1e-6):
    G = np.zeros(shape)
    for idx in np.ndindex(*shape):
        d = np.zeros(shape); d[idx] = eps
        G[idx] = (run({key: d})[0] - run({key: -d})[0]) / (2 * eps)
    return G

close = lambda a, c: np.shape(a) == np.shape(c) and np.allclose(a, c, rtol=1e-5, atol=1e-7)
L, S = run()
R = {}
a = rng.normal(0, 1, (3, 1)); e = 1e-6
R[71] = close(sigmoid(a), 1 / (1 + np.exp(-a)))
R[75] = close(dsigmoid_author(sigmoid(a)), (sigmoid(a + e) - sigmoid(a - e)) / (2 * e))
R[79] = close(tanh(a), np.sinh(a) / np.cosh(a))
R[83] = close(dtanh(np.tanh(a)), (np.tanh(a + e) - np.tanh(a - e)) / (2 * e))

t = 2
s = S[t]
z, f, i, c_bar, c, o, h, v, y, c_prev, h_prev, x = (s[k] for k in
    ["z", "f", "i", "c_bar", "c", "o", "h", "v", "y", "c_prev", "h_prev", "x"])
ref = {q: W[q][:, :H] @ h_prev + W[q][:, H:] @ x + b[q] for q in "fico"}
R[91] = close(np.vstack((h_prev, x)),  # np.row_stack is the deprecated alias of vstack
              np.concatenate([h_prev[:, 0], x[:, 0]])[:, None])
R[92] = close(sigmoid(np.dot(W["f"], z) + b["f"]), 1 / (1 + np.exp(-ref["f"])))
R[93] = close(sigmoid(np.dot(W["i"], z) + b["i"]), 1 / (1 + np.exp(-ref["i"])))
R[94] = close(tanh(np.dot(W["c"], z) + b["c"]), np.tanh(ref["c"]))
R[95] = close(sigmoid(np.dot(W["o"], z) + b["o"]), 1 / (1 + np.exp(-ref["o"])))
R[97] = close(f * c_prev + i * c_bar, c)
R[98] = close(o * tanh(c), h)
R[99] = close(np.dot(Wv, h) + bv, v)
R[100] = close(np.exp(v) / np.sum(np.exp(v)), np.exp(v - v.max()) / np.exp(v - v.max()).sum())

# upstream values from finite differences
dv_t = fd(("v", t), (V, 1))
dh_tot = fd(("h", t), (H, 1)); dh_next = fd(("hrec", t), (H, 1)); dh_out = fd(("hout", t), (H, 1))
dc_tot = fd(("c", t), (H, 1)); dc_next = fd(("crec", t), (H, 1))
dgate = {q: fd(("g" + q, t), (H, 1)) for q in "fico"}         # w.r.t. gate outputs
dpre = {q: fd(("a" + q, t), (H, 1)) for q in "fico"}    # w.r.t. gate pre-activations
dWstep = {q: fd(("W" + q, t), (H, Zs)) for q in "fico"}
dbstep = {q: fd(("b" + q, t), (H, 1)) for q in "fico"}
dWv_step, dbv_step = fd(("Wv", t), (V, H)), fd(("bv", t), (V, 1))
dz_tot = fd(("z", t), (Zs, 1))

for off, (lv, lWv, lbv, ldh, ldh2, ldo, ldoraw, lWo, lbo, ldc0, ldc, ldcb, ldcbraw, lWc, lbc,
          ldi, ldi2, lWi, lbi, ldf, ldf2, lWf, lbf, ldz, ldhp, ldcp) in [
        ("b1", (128, 130, 131, 133, 134, 135, 136, 137, 138, 140, 141, 142, 143, 144, 145,
                147, 148, 149, 150, 152, 153, 154, 155, 157, 164, 165)),
        ("b2", (181, 183, 184, 186, 187, 188, 189, 190, 191, 193, 194, 195, 196, 197, 198,
                200, 201, 202, 203, 205, 206, 207, 208, 210, 214, 215))]:
    dv = np.copy(y); dv[targets[t]] -= 1
    R[lv] = close(dv, dv_t)
    R[lWv] = close(np.dot(dv_t, h.T), dWv_step)
    R[lbv] = close(dv_t, dbv_step)
    R[ldh] = close(np.dot(Wv.T, dv_t), dh_out)
    R[ldh2] = close(dh_out + dh_next, dh_tot)
    C = c
    R[ldo] = close(dh_tot * tanh(C), dgate["o"])
    R[ldoraw] = close(dgate["o"] * dsig_ok(o) if off == "b1" else dsig_ok(o) * dgate["o"], dpre["o"])
    R[lWo] = close(np.dot(dpre["o"], z.T), dWstep["o"])
    R[lbo] = close(dpre["o"], dbstep["o"])
    R[ldc0] = close(np.copy(dc_next), dc_next)
    if off == "b1":
        R[ldc] = close(dc_next + dh_tot * o * dtanh(c), dc_tot)          # dc += dh * o * dtanh(c)
    else:
        R[ldc] = close(dc_next + dh_tot * o * dtanh(tanh(C)), dc_tot)    # dC += dh * o * dtanh(tanh(C))
    R[ldcb] = close(dc_tot * i, dgate["c"])
    R[ldcbraw] = close(dgate["c"] * dtanh(c_bar), dpre["c"])
    R[lWc] = close(np.dot(dpre["c"], z.T), dWstep["c"])
    R[lbc] = close(dpre["c"], dbstep["c"])
    R[ldi] = close(dc_tot * c_bar, dgate["i"])
    R[ldi2] = close(dsig_ok(i) * dgate["i"], dpre["i"])
    R[lWi] = close(np.dot(dpre["i"], z.T), dWstep["i"])
    R[lbi] = close(dpre["i"], dbstep["i"])
    R[ldf] = close(dc_tot * c_prev, dgate["f"])
    R[ldf2] = close(dsig_ok(f) * dgate["f"], dpre["f"])
    R[lWf] = close(np.dot(dpre["f"], z.T), dWstep["f"])
    R[lbf] = close(dpre["f"], dbstep["f"])
    if off == "b1":   # df, di overwritten (pre-activation); dc_bar and do are the post-activation values
        dz = (np.dot(W["f"].T, dpre["f"]) + np.dot(W["i"].T, dpre["i"])
              + np.dot(W["c"].T, dgate["c"]) + np.dot(W["o"].T, dgate["o"]))
    else:             # do and dC_bar were overwritten with their pre-activation values
        dz = (np.dot(W["f"].T, dpre["f"]) + np.dot(W["i"].T, dpre["i"])
              + np.dot(W["c"].T, dpre["c"]) + np.dot(W["o"].T, dpre["o"]))
    R[ldz] = close(dz, dz_tot)
    R[ldhp] = close(dz_tot[:H, :], fd(("hrec", t - 1), (H, 1)))
    R[ldcp] = close(f * dc_tot, fd(("crec", t - 1), (H, 1)))

# accumulation over steps (+=) for one parameter: sum of per-step parts equals the total gradient
R_acc = close(sum(fd(("Wv", k), (V, H)) for k in range(T)), fd(("Wv", "all"), (V, H)))
R[130] = R[130] and R_acc
R[183] = R[183] and R_acc

# loss_func
R[254] = close(-sum(np.log(S[k]["y"][targets[k], 0]) for k in range(T)), L)
R[257] = close(np.zeros((H, 1)), fd(("hrec", T - 1), (H, 1)))
R[258] = close(np.zeros((H, 1)), fd(("crec", T - 1), (H, 1)))

def bptt(c_prev_arg):
    """The loss_func loop with a locally correct step (backward2 algebra, correct dsigmoid);
    c_prev_arg(t) is what the loop passes as the step's c_prev."""
    dWf = np.zeros((H, Zs)); dh_next = np.zeros((H, 1)); dc_next = np.zeros((H, 1))
    for k in reversed(range(T)):
        q = S[k]
        dv = q["y"].copy(); dv[targets[k]] -= 1
        dh = Wv.T @ dv + dh_next
        do = dsig_ok(q["o"]) * dh * np.tanh(q["c"])
        dC = dc_next + dh * q["o"] * (1 - np.tanh(q["c"]) ** 2)
        dCb = (1 - q["c_bar"] ** 2) * dC * q["i"]
        di = dsig_ok(q["i"]) * dC * q["c_bar"]
        df = dsig_ok(q["f"]) * dC * c_prev_arg(k)
        dWf += df @ q["z"].T
        dz = W["f"].T @ df + W["i"].T @ di + W["c"].T @ dCb + W["o"].T @ do
        dh_next, dc_next = dz[:H], q["f"] * dC
    return dWf
true_dWf = fd(("Wf", "all"), (H, Zs))
assert close(bptt(lambda k: S[k]["c_prev"]), true_dWf)      # sanity: c_s[t-1] gives the right total
R[261] = close(bptt(lambda k: c0), true_dWf)                  # the author passes the initial c_prev

exp = json.load(open(os.path.join(HERE, "expected.json")))[NAME]
assert sorted(map(int, exp)) == sorted(R), sorted(set(map(int, exp)) ^ set(R))
bad = 0
for ln in sorted(R):
    verdict = "OK" if R[ln] else "MISMATCH"
    agree = (verdict == "OK") == (exp[str(ln)]["expected"] == "pass")
    bad += not agree
    print(f"line {ln}: {verdict}  expected={exp[str(ln)]['expected']}  {'agrees' if agree else 'DISAGREES'}")
print("all verdicts agree" if not bad else f"{bad} verdicts disagree")
