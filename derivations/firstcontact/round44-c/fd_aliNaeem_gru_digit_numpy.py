"""Finite-difference check of aliNaeem_gru_digit_numpy.md (numpy only).

The author's `class GRU` is exec'd from the Markdown file.  Conventions (column layout, batch in columns):
  Z_k  = sigmoid(W_iz^T x_k + W_hz A_k + b_z),  R_k = sigmoid(W_ir^T x_k + W_hr A_k + b_r)
  Ac_k = tanh(R_k * (W_h A_k) + W_i^T x_k + b_h),  A_{k+1} = (1 - Z_k) * Ac_k + Z_k * A_k,  A_0 = 0
  y = softmax(w_o^T A_T + b_o)  (sigmoid for 2 classes),  L = sum over examples of CCE (BCE).
Each annotated backward line is evaluated with TRUE upstream values (from central differences on injected
perturbations) and compared with the central difference of the quantity it stands for; per-step weight terms are
compared with the derivative w.r.t. a copy of the weight used only at that step.
"""
import json, os, re
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
FILE = "aliNaeem_gru_digit_numpy.md"
EPS = 1e-6

src = open(os.path.join(HERE, FILE)).read()
code = re.search(r"```python\n(.*?)\n```", src, re.S).group(1)
ns = {"np": np}
exec(code, ns)
GRU = ns["GRU"]

sig = lambda z: 1 / (1 + np.exp(-z))


def softmax_ref(z):
    e = np.exp(z - z.max(axis=0, keepdims=True))
    return e / e.sum(axis=0, keepdims=True)


PN = ["W_iz", "W_hz", "b_z", "W_ir", "W_hr", "b_r", "W_i", "W_h", "b_h", "w_o", "b_o"]


def ref_forward(P, X, Y, binary, inj=None):
    """inj: {(name, k): array} additive offsets. names: az, ar, ac (pre-activations), Ac (tanh output),
    A (state A_k entering step k, k = 0..T), logit, and (param, k) per-step weight copies."""
    inj = inj or {}
    g = lambda key, shape: inj.get(key, np.zeros(shape))
    T, D, M = X.shape
    H = P["W_hz"].shape[0]
    A = [np.zeros((H, M)) + g(("A", 0), (H, M))]
    st = {"Z": [], "R": [], "Ac": [], "A": A}
    for k in range(T):
        p = {n: P[n] + g((n, k), P[n].shape) for n in PN[:9]}
        x = X[k]
        Z = sig(p["W_iz"].T @ x + p["W_hz"] @ A[k] + p["b_z"] + g(("az", k), (H, M)))
        R = sig(p["W_ir"].T @ x + p["W_hr"] @ A[k] + p["b_r"] + g(("ar", k), (H, M)))
        Ac = np.tanh(R * (p["W_h"] @ A[k]) + p["W_i"].T @ x + p["b_h"] + g(("ac", k), (H, M))) + g(("Ac", k), (H, M))
        A.append((1 - Z) * Ac + Z * A[k] + g(("A", k + 1), (H, M)))
        st["Z"].append(Z); st["R"].append(R); st["Ac"].append(Ac)
    logit = P["w_o"].T @ A[T] + P["b_o"] + g(("logit", 0), P["b_o"].shape[:1] + (M,))
    if binary:
        y = sig(logit)
        L = -np.sum(Y * np.log(y) + (1 - Y) * np.log(1 - y))
    else:
        y = softmax_ref(logit)
        L = -np.sum(Y * np.log(y))
    st["y"] = y; st["logit"] = logit
    return L, st


def fd(P, X, Y, binary, key, shape):
    out = np.zeros(shape)
    for idx in np.ndindex(*shape):
        d = np.zeros(shape); d[idx] = EPS
        Lp, _ = ref_forward(P, X, Y, binary, {key: d})
        Lm, _ = ref_forward(P, X, Y, binary, {key: -d})
        out[idx] = (Lp - Lm) / (2 * EPS)
    return out


def fd_param(P, X, Y, binary, name):
    out = np.zeros(P[name].shape)
    for idx in np.ndindex(*P[name].shape):
        Q = {k: v.copy() for k, v in P.items()}; Q[name][idx] += EPS
        Lp, _ = ref_forward(Q, X, Y, binary)
        Q[name][idx] -= 2 * EPS
        Lm, _ = ref_forward(Q, X, Y, binary)
        out[idx] = (Lp - Lm) / (2 * EPS)
    return out


def close(a, b):
    a, b = np.asarray(a, float), np.asarray(b, float)
    return a.shape == b.shape and np.allclose(a, b, rtol=1e-5, atol=1e-7)


def run_case(seed, binary):
    rng = np.random.default_rng(seed)
    D, H, T, M = 3, 4, 5, 2
    C = 2 if binary else 3
    g = GRU(units=H, seq_len=T, total_classes=C, total_features=D, lr=0.1)
    # random biases too (the author initialises them to 0)
    for n in ["b_z", "b_r", "b_h", "b_o"]:
        setattr(g, n, rng.normal(size=getattr(g, n).shape) * 0.5)
    for n in ["W_iz", "W_hz", "W_ir", "W_hr", "W_i", "W_h", "w_o"]:
        setattr(g, n, rng.normal(size=getattr(g, n).shape) * 0.8)
    P = {n: getattr(g, n).copy() for n in PN}
    X = rng.normal(size=(T, D, M))
    if binary:
        Y = rng.integers(0, 2, size=(1, M)).astype(float)
    else:
        Y = np.eye(C)[:, rng.integers(0, C, size=M)]
    L, st = ref_forward(P, X, Y, binary)
    A, Zs, Rs, Acs = st["A"], st["Z"], st["R"], st["Ac"]
    shp = (H, M)
    # true adjoints
    dA = {k: fd(P, X, Y, binary, ("A", k), shp) for k in range(T + 1)}
    daz = {k: fd(P, X, Y, binary, ("az", k), shp) for k in range(T)}
    dar = {k: fd(P, X, Y, binary, ("ar", k), shp) for k in range(T)}
    dac = {k: fd(P, X, Y, binary, ("ac", k), shp) for k in range(T)}
    dAc = {k: fd(P, X, Y, binary, ("Ac", k), shp) for k in range(T)}
    dlogit = fd(P, X, Y, binary, ("logit", 0), st["logit"].shape)
    per = lambda n, k: fd(P, X, Y, binary, (n, k), P[n].shape)
    c = {}
    res = lambda ln, ok: c.__setitem__(ln, c.get(ln, True) and bool(ok))
    # helpers
    zt = rng.normal(size=(3, 4))
    res(41, close(g.sigmoid(zt), sig(zt)))
    num = np.exp(zt); den = np.sum(num, axis=0)
    res(44, close(num, np.exp(zt)))
    res(45, close(den, np.exp(zt).sum(axis=0)))
    res(46, close(g.softmax(zt), softmax_ref(zt)))
    # forward (forward_prop and predict) against the reference
    out = g.forward_prop(X)
    for k in range(T):
        res(84, close(g.Z[k], Zs[k])); res(85, close(g.R[k], Rs[k]))
        res(86, close(g.Ac[k], Acs[k])); res(87, close(g.A[k + 1], A[k + 1]))
        x = X[k]
        res(70, close(g.sigmoid(g.W_iz.T @ x + g.W_hz @ A[k] + g.b_z), Zs[k]))
        res(71, close(g.sigmoid(g.W_ir.T @ x + g.W_hr @ A[k] + g.b_r), Rs[k]))
        res(72, close(np.tanh(Rs[k] * (g.W_h @ A[k]) + g.W_i.T @ x + g.b_h), Acs[k]))
        res(73, close((1 - Zs[k]) * Acs[k] + Zs[k] * A[k], A[k + 1]))
    res(89, close(out, st["y"]))
    res(74, close(g.predict(X.transpose(2, 0, 1)), st["y"].T))
    # loss definitions
    if binary:
        l = -(Y * np.log(st["y"]) + (1 - Y) * np.log(1 - st["y"]))
        res(211, close(np.sum(l), L) and close(g.calc_bce(st["y"], Y), L))
    else:
        cce = -np.sum(Y * np.log(st["y"]), axis=0)
        res(221, close(cce, -np.log(np.sum(Y * st["y"], axis=0))))
        res(224, close(np.sum(cce), L) and close(g.calc_cce(st["y"], Y), L))
    # backward, last step (lines 104-133), with true upstream values
    res(104, close(g.out_func(g.w_o.T @ A[-1] + g.b_o), st["y"]))
    temp_1 = st["y"] - Y
    res(105, close(temp_1, dlogit))
    res(107, close(np.sum(dlogit, axis=1).reshape(g.out_vals, 1), fd_param(P, X, Y, binary, "b_o")))
    res(109, close(A[-1] @ dlogit.T, fd_param(P, X, Y, binary, "w_o")))
    res(110, close(g.w_o @ dlogit, dA[T]))
    line_sets = {  # (first-step line, loop line)
        "hz": (112, 139), "bz": (113, 140), "Wiz": (116, 142), "Whz": (118, 144), "t2": (120, 146),
        "hh": (121, 147), "bh": (122, 148), "Wi": (124, 150), "Wh": (126, 152), "hr": (128, 154),
        "br": (129, 155), "Wir": (131, 157), "Whr": (133, 159)}
    for k in range(T - 1, -1, -1):
        j = 0 if k == T - 1 else 1
        L_ = {n: v[j] for n, v in line_sets.items()}
        x, Ap, Z, R, Ac = X[k], A[k], Zs[k], Rs[k], Acs[k]
        up = dA[k + 1]  # true dL/dA_{k+1}
        if k < T - 1:
            # line 136: temp_1 = temp_1 * Z[-seq_len_idx], i.e. dL/dA_{k+1} from dL/dA_{k+2} and Z_{k+1}
            res(136, close(dA[k + 2] * Zs[k + 1], dA[k + 1]))
        hold_z = up * (Ap - Ac) * (Z * (1 - Z))
        res(L_["hz"], close(hold_z, daz[k]))
        res(L_["bz"], close(np.sum(daz[k], axis=1).reshape(H, 1), per("b_z", k)))
        res(L_["Wiz"], close(x @ daz[k].T, per("W_iz", k)))
        res(L_["Whz"], close(daz[k] @ Ap.T, per("W_hz", k)))
        temp_2 = up * (1 - Z)
        res(L_["t2"], close(temp_2, dAc[k]))
        hold_h = dAc[k] * (1 - np.square(Ac))
        res(L_["hh"], close(hold_h, dac[k]))
        res(L_["bh"], close(np.sum(dac[k], axis=1).reshape(H, 1), per("b_h", k)))
        res(L_["Wi"], close(x @ dac[k].T, per("W_i", k)))
        res(L_["Wh"], close((dac[k] * R) @ Ap.T, per("W_h", k)))
        hold_r = dac[k] * (P["W_h"] @ Ap) * (R * (1 - R))
        res(L_["hr"], close(hold_r, dar[k]))
        res(L_["br"], close(np.sum(dar[k], axis=1).reshape(H, 1), per("b_r", k)))
        res(L_["Wir"], close(x @ dar[k].T, per("W_ir", k)))
        res(L_["Whr"], close(dar[k] @ Ap.T, per("W_hr", k)))
    # information only: the author's whole backward_prop against the true totals
    g.forward_prop(X, return_pred=False)
    grads = g.backward_prop(X, Y)
    names = ["b_o", "w_o", "b_z", "W_iz", "W_hz", "b_r", "W_ir", "W_hr", "b_h", "W_i", "W_h"]
    info = {n: float(np.max(np.abs(gr - fd_param(P, X, Y, binary, n)))) for n, gr in zip(names, grads)}
    return c, info


def main():
    exp = json.load(open(os.path.join(HERE, "expected.json")))[FILE]
    results = {}
    for seed, binary in [(0, False), (1, False), (2, True)]:
        c, info = run_case(seed, binary)
        for ln, ok in c.items():
            results[ln] = results.get(ln, True) and ok
        print(("BCE" if binary else "CCE") + " case, max |author's backward_prop total - FD|:",
              {k: float("%.2e" % v) for k, v in info.items()})
    assert set(map(int, exp)) == set(results), sorted(set(map(int, exp)) ^ set(results))
    agree = 0
    for ln in sorted(results):
        verdict = "OK" if results[ln] else "MISMATCH"
        want = exp[str(ln)]["expected"]
        ag = (verdict == "OK") == (want == "pass")
        agree += ag
        print(f"line {ln}: {verdict} (expected {want}) {'agree' if ag else 'DISAGREE'}")
    print(f"{agree}/{len(results)} verdicts agree with expected.json")


if __name__ == "__main__":
    main()
