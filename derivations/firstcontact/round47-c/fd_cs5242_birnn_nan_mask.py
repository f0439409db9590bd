"""Finite-difference check of cs5242_birnn_nan_mask.md (numpy only).

The code fence is executed as a module with two small stubs for its imports (layers.Layer stores the name;
utils.tools.Guassian draws N(0, 0.5) weights).  Each annotated statement is taken from the .md by its line number and
executed on its own (or, for `return expr`, its expression evaluated) in a namespace holding the TRUE upstream values:
reference forward passes written here from the docstrings, gradients by central differences of
L = sum(G * outputs) over the valid (non-NaN) positions, G random.  Two input sets are used: full-length sequences, and
sequences padded at the end with NaN rows (the layer's own convention for variable lengths).
"""
import copy, json, os, sys, types
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
NAME = "cs5242_birnn_nan_mask.md"
LINES = open(os.path.join(HERE, NAME), encoding="utf-8").read().split("\n")
EXP = json.load(open(os.path.join(HERE, "expected.json")))[NAME]
EPS = 1e-6
rng = np.random.default_rng(3)


def line(n):
    return LINES[n - 1]


def need(n, text):
    assert text in line(n), (n, line(n), text)


def run(n, ns):
    s = line(n).strip()
    if s.startswith("return "):
        ns["_ret"] = eval(s[len("return "):], ns)
    else:
        exec(s, ns)
    return ns


def close(a, b, tol=1e-5):
    a, b = np.asarray(a, float), np.asarray(b, float)
    return a.shape == b.shape and bool(np.all(np.isfinite(a))) and \
        np.max(np.abs(a - b)) <= tol * max(1.0, np.max(np.abs(b)))


# ------------------------------------------------------------------ load the author's module
src = "\n".join(LINES[LINES.index("```python") + 1:])
src = src[:src.index("\n```")]
lay = types.ModuleType("layers")


class Layer(object):
    def __init__(self, name):
        self.name = name


lay.Layer = Layer
sys.modules["layers"] = lay
ut = types.ModuleType("utils"); ut.__path__ = []
tools = types.ModuleType("utils.tools")


class Guassian(object):
    def initialize(self, shape):
        return rng.normal(0, 0.5, shape)


tools.Guassian = Guassian
sys.modules["utils"] = ut; sys.modules["utils.tools"] = tools
M = types.ModuleType("rnn_layers"); exec(src, M.__dict__)

N, T, D, H = 3, 4, 3, 4
checks = {}
for n, t in ((44, "a_t = inputs[0] @ self.kernel + inputs[1] @ self.recurrent_kernel"), (45, "return np.tanh(a_t)"),
             (58, "h_t = self.forward(inputs)"), (59, "d_a_t = (1 - np.square(h_t)) * in_grads"),
             (60, "d_a_t = np.nan_to_num(d_a_t)"), (61, "self.b_grad = np.sum(d_a_t, axis=0)"),
             (62, "self.kernel_grad = np.nan_to_num(inputs[0].T) @ d_a_t"),
             (63, "self.r_kernel_grad = np.nan_to_num(inputs[1].T) @ d_a_t"),
             (64, "out_grads_in = d_a_t @ self.kernel.T"), (65, "out_grads_h = d_a_t @ self.recurrent_kernel.T"),
             (149, "h_t = self.cell.forward([inputs[t], h_t])"), (150, "outputs[t] = h_t"),
             (182, "out_grads_t = self.cell.backward(in_grads[t]+out_grads_s, [inputs[t], outputs[t-1] if t > 0 else h_0])"),
             (183, "self.kernel_grad += self.cell.kernel_grad"), (184, "self.r_kernel_grad += self.cell.r_kernel_grad"),
             (185, "self.b_grad += self.cell.b_grad"), (186, "(out_grads[t], out_grads_s) = out_grads_t"),
             (280, "forward_outputs = self.forward_rnn.forward(inputs)"),
             (281, "backward_outputs = self.backward_rnn.forward(self._reverse_temporal_data(inputs, mask))"),
             (282, "outputs = np.concatenate([forward_outputs, self._reverse_temporal_data(backward_outputs, mask)], axis=2)"),
             (295, "in_grads_split = np.split(in_grads, 2, axis=2)"), (296, "forward_in_grads = in_grads_split[0]"),
             (297, "backward_in_grads = self._reverse_temporal_data(in_grads_split[1], mask)"),
             (298, "forward_out_grads = self.forward_rnn.backward(forward_in_grads, inputs)"),
             (299, "backward_out_grads = self.backward_rnn.backward(backward_in_grads, self._reverse_temporal_data(inputs, mask))"),
             (300, "return forward_out_grads + self._reverse_temporal_data(backward_out_grads, mask)")):
    need(n, t)
    checks[n] = True


def fd(f, x):
    g = np.zeros_like(x)
    for idx in np.ndindex(*x.shape):
        o = x[idx]
        x[idx] = o + EPS; fp = f()
        x[idx] = o - EPS; fm = f()
        x[idx] = o
        g[idx] = (fp - fm) / (2 * EPS)
    return g


# ------------------------------------------------------------------ one cell (lines 44-65)
cell = M.RNNCell(D, H)
cell.bias = rng.normal(0, 0.3, H)
x = rng.standard_normal((N, D)); h = rng.standard_normal((N, H)) * 0.7; G = rng.standard_normal((N, H))
K, R, b = cell.kernel, cell.recurrent_kernel, cell.bias
X, Hh = x.copy(), h.copy()
Lc = lambda: np.sum(G * np.tanh(X @ K + Hh @ R + b))
A = x @ K + h @ R + b
ns = run(44, dict(np=np, self=cell, inputs=[x, h], batch=N)); checks[44] &= close(ns["a_t"], A)
checks[45] &= close(run(45, dict(np=np, a_t=A))["_ret"], np.tanh(A))
checks[58] &= close(run(58, dict(self=cell, inputs=[x, h]))["h_t"], np.tanh(A))
Aa = A.copy(); dA = fd(lambda: np.sum(G * np.tanh(Aa)), Aa)
checks[59] &= close(run(59, dict(np=np, h_t=np.tanh(A), in_grads=G))["d_a_t"], dA)
checks[60] &= close(run(60, dict(np=np, d_a_t=dA.copy()))["d_a_t"], dA)
ns = dict(np=np, self=cell, inputs=[x, h], d_a_t=dA)
checks[61] &= close(run(61, ns)["self"].b_grad, fd(Lc, b))
checks[62] &= close(run(62, ns)["self"].kernel_grad, fd(Lc, K))
checks[63] &= close(run(63, ns)["self"].r_kernel_grad, fd(Lc, R))
checks[64] &= close(run(64, ns)["out_grads_in"], fd(Lc, X))
checks[65] &= close(run(65, ns)["out_grads_h"], fd(Lc, Hh))
# NaN row (a padded sample): the loss does not see it (G = 0 there); the gradient must be 0 there and finite
xn = x.copy(); xn[1] = np.nan; Gn = G.copy(); Gn[1] = 0.0
ns = dict(np=np, h_t=np.tanh(xn @ K + h @ R + b), in_grads=Gn)
run(59, ns); run(60, ns)
dAn = dA.copy(); dAn[1] = 0.0
checks[60] &= close(ns["d_a_t"], dAn)
ns.update(self=cell, inputs=[xn, h])
run(62, ns); checks[62] &= close(cell.kernel_grad, np.delete(x, 1, 0).T @ np.delete(dA, 1, 0))


# ------------------------------------------------------------------ reference (bi)RNN with per-sample lengths
def ref_rnn(xs, lens, Kk, Rr, bb, h0):
    out = np.full((xs.shape[0], xs.shape[1], Kk.shape[1]), np.nan)
    for n_ in range(xs.shape[0]):
        hc = h0.copy()
        for t_ in range(lens[n_]):
            hc = np.tanh(xs[n_, t_] @ Kk + hc @ Rr + bb); out[n_, t_] = hc
    return out


def rev(a, lens):
    out = np.full_like(a, np.nan)
    for n_ in range(a.shape[0]):
        out[n_, :lens[n_]] = a[n_, :lens[n_]][::-1]
    return out


def ref_birnn(xs, lens, pf, pb, h0, hr):
    f = ref_rnn(xs, lens, *pf, h0)
    bk = ref_rnn(rev(xs, lens), lens, *pb, hr)
    return np.concatenate([f, rev(bk, lens)], axis=2)


def valid(a, lens):
    m = np.zeros(a.shape[:2], bool)
    for n_ in range(a.shape[0]):
        m[n_, :lens[n_]] = True
    return m


for lens in ([T] * N, [T, 2, 3]):
    xs = rng.standard_normal((N, T, D))
    for n_ in range(N):
        xs[n_, lens[n_]:] = np.nan
    vm = valid(xs, lens)
    # ---------------- RNN (lines 149-150, 182-186)
    cell = M.RNNCell(D, H); cell.bias = rng.normal(0, 0.3, H)
    h0 = rng.normal(0, 0.5, H)
    rnn = M.RNN(cell, h0)
    Kk, Rr, bb = cell.kernel, cell.recurrent_kernel, cell.bias
    Gr = rng.standard_normal((N, T, H)); Gr[~vm] = 0.0
    out_ref = ref_rnn(xs, lens, Kk, Rr, bb, h0)
    XS = np.nan_to_num(xs)

    def L_rnn(hook=None):
        # hook = (t, dh) additive perturbation of h_t as carried into step t+1; (t, 'x', dx) of x_t
        out = np.full((N, T, H), np.nan)
        for n_ in range(N):
            hc = h0.copy()
            for t_ in range(lens[n_]):
                xt = XS[n_, t_] + (hook[2][n_] if hook and hook[1] == "x" and hook[0] == t_ else 0)
                hc = np.tanh(xt @ Kk + hc @ Rr + bb); out[n_, t_] = hc
                if hook and hook[1] == "h" and hook[0] == t_:
                    hc = hc + hook[2][n_]
        return np.sum(np.where(vm[..., None], Gr * np.nan_to_num(out), 0.0))

    def fd_hook(t_, kind, shape):
        g = np.zeros(shape); d = np.zeros(shape)
        for idx in np.ndindex(*shape):
            d[idx] = EPS; lp = L_rnn((t_, kind, d.copy()))
            d[idx] = -EPS; lm = L_rnn((t_, kind, d.copy()))
            d[idx] = 0.0; g[idx] = (lp - lm) / (2 * EPS)
        return g

    # forward loop, step by step (time-major, as in the method)
    xin = xs.transpose((1, 0, 2))
    h_t = np.tile(h0, N).reshape((N, -1)); outs = np.empty((T, N, H))
    for t in range(T):
        ns = run(149, dict(self=rnn, inputs=xin, t=t, h_t=h_t))
        ok = np.allclose(ns["h_t"][vm[:, t]], out_ref[:, t][vm[:, t]])
        checks[149] &= ok
        h_t = ns["h_t"]
        ns = run(150, dict(outputs=outs, t=t, h_t=h_t)); checks[150] &= np.array_equal(outs[t], h_t, equal_nan=True)
    # backward loop body, step by step with true carried gradients
    outs_tm = out_ref.transpose((1, 0, 2)); G_tm = Gr.transpose((1, 0, 2))
    h_0 = np.tile(h0, N).reshape((N, -1))
    tot = {"k": 0, "r": 0, "b": 0}
    for t in range(T - 1, -1, -1):
        carried = fd_hook(t, "h", (N, H))                      # dL/dh_t through step t+1 (0 where invalid)
        carried_prev = fd_hook(t - 1, "h", (N, H)) if t > 0 else None
        # step t's parameter parts: FD of L with the parameter used only at step t
        def L_par(which, P):
            sv = {"K": Kk.copy(), "R": Rr.copy(), "b": bb.copy()}
            out = 0.0
            for n_ in range(N):
                hc = h0.copy()
                for t_ in range(lens[n_]):
                    k_, r_, b_ = (P if which == "K" and t_ == t else sv["K"], P if which == "R" and t_ == t else sv["R"],
                                  P if which == "b" and t_ == t else sv["b"])
                    hc = np.tanh(XS[n_, t_] @ k_ + hc @ r_ + b_)
                    out += Gr[n_, t_] @ hc
            return out
        parts = {}
        for which, base in (("K", Kk), ("R", Rr), ("b", bb)):
            Pc = base.copy(); parts[which] = fd(lambda: L_par(which, Pc), Pc)
        dx_t = fd_hook(t, "x", (N, D))
        ns = dict(self=rnn, in_grads=G_tm, out_grads_s=carried, inputs=xin, outputs=outs_tm, t=t, h_0=h_0)
        run(182, ns)
        gin, gh = ns["out_grads_t"]
        vt = vm[:, t]
        ok = close(gin[vt], dx_t[vt]) and close(rnn.cell.kernel_grad, parts["K"]) and \
            close(rnn.cell.r_kernel_grad, parts["R"]) and close(rnn.cell.b_grad, parts["b"]) and \
            bool(np.all(np.isfinite(gin))) and bool(np.all(np.isfinite(gh)))
        if t > 0:
            ok &= close(gh[vm[:, t - 1]], carried_prev[vm[:, t - 1]])
        checks[182] &= ok
        for n, attr, key in ((183, "kernel_grad", "K"), (184, "r_kernel_grad", "R"), (185, "b_grad", "b")):
            setattr(rnn, attr, np.zeros_like(parts[key]))
            rnn.cell.__dict__[attr] = parts[key]
            run(n, dict(self=rnn)); checks[n] &= close(getattr(rnn, attr), parts[key])
        og = np.zeros((T, N, D))
        ns = run(186, dict(out_grads=og, t=t, out_grads_t=[dx_t, carried]))
        checks[186] &= close(og[t], dx_t) and close(ns["out_grads_s"], carried)
    # information: the whole RNN.backward against FD
    cell.kernel_grad = None
    dxs = rnn.backward(Gr, xs)
    print("info: lens=%s whole RNN.backward dx matches FD on valid steps:" % lens,
          close(dxs[vm], np.stack([fd_hook(t, "x", (N, D)) for t in range(T)], 1)[vm]))

    # ---------------- BidirectionalRNN (lines 280-282, 295-300)
    c2 = M.RNNCell(D, H); c2.bias = rng.normal(0, 0.3, H)
    bi = M.BidirectionalRNN(c2, rng.normal(0, 0.5, H), rng.normal(0, 0.5, H))
    bi.backward_rnn.cell.kernel += rng.normal(0, 0.3, (D, H))      # make the two directions differ
    fr, br = bi.forward_rnn, bi.backward_rnn
    pf = (fr.cell.kernel, fr.cell.recurrent_kernel, fr.cell.bias); pb = (br.cell.kernel, br.cell.recurrent_kernel, br.cell.bias)
    mask = ~np.any(np.isnan(xs), axis=2)
    ref_out = ref_birnn(xs, lens, pf, pb, fr.h0, br.h0)
    ns = dict(np=np, self=bi, inputs=xs, mask=mask)
    run(280, ns); checks[280] &= close(ns["forward_outputs"][vm], ref_rnn(xs, lens, *pf, fr.h0)[vm])
    run(281, ns)
    bk_ref = ref_rnn(rev(xs, lens), lens, *pb, br.h0)
    checks[281] &= close(ns["backward_outputs"][vm], bk_ref[vm])
    run(282, ns); checks[282] &= close(ns["outputs"][vm], ref_out[vm])
    Gb = rng.standard_normal((N, T, 2 * H)); Gb[~vm] = 0.0
    Xv = np.nan_to_num(xs)

    def L_bi():
        xx = np.where(vm[..., None], Xv, np.nan)
        o = ref_birnn(xx, lens, pf, pb, fr.h0, br.h0)
        return np.sum(np.where(vm[..., None], Gb * np.nan_to_num(o), 0.0))

    dX_true = fd(L_bi, Xv)
    # dL/d(forward_outputs) and dL/d(backward_outputs): the outputs enter L linearly
    dF_true = Gb[..., :H]
    dB_true = rev(np.where(vm[..., None], Gb[..., H:], np.nan), lens)      # reverse of a permutation = its inverse
    dB_true[~vm] = 0.0
    ns = dict(np=np, self=bi, inputs=xs, mask=mask, in_grads=Gb)
    run(295, ns); checks[295] &= close(ns["in_grads_split"][0], Gb[..., :H]) and close(ns["in_grads_split"][1], Gb[..., H:])
    run(296, ns); checks[296] &= close(ns["forward_in_grads"], dF_true)
    run(297, ns); checks[297] &= close(np.nan_to_num(ns["backward_in_grads"])[vm], dB_true[vm])
    ns["forward_in_grads"], ns["backward_in_grads"] = dF_true, dB_true
    run(298, ns)
    # forward-direction part of dL/dx: FD with the backward direction's output frozen (its weight in L set to 0)
    Gsave = Gb.copy(); Gb[..., H:] = 0.0; dXf = fd(L_bi, Xv); Gb[...] = Gsave
    checks[298] &= close(ns["forward_out_grads"][vm], dXf[vm])
    run(299, ns)
    dXb = dX_true - dXf
    checks[299] &= close(ns["backward_out_grads"][vm], rev(np.where(vm[..., None], dXb, np.nan), lens)[vm])
    ns["forward_out_grads"] = np.where(vm[..., None], dXf, 0.0)
    ns["backward_out_grads"] = np.nan_to_num(rev(np.where(vm[..., None], dXb, np.nan), lens))
    run(300, ns); checks[300] &= close(ns["_ret"][vm], dX_true[vm])
    print("info: lens=%s whole BidirectionalRNN.backward matches FD on valid steps:" % lens,
          close(bi.backward(Gb, xs)[vm], dX_true[vm]))

bad = 0
for k in sorted(EXP, key=int):
    n = int(k)
    got = "pass" if checks[n] else "fail"
    flag = "OK" if got == EXP[k]["expected"] else "MISMATCH"
    bad += flag != "OK"
    print("line %d: expected %s, fd says %s -> %s" % (n, EXP[k]["expected"], got, flag))
missing = set(checks) - {int(k) for k in EXP}
if missing:
    print("checked but not annotated:", sorted(missing)); bad += 1
print("ALL OK" if bad == 0 else "%d MISMATCH(ES)" % bad)
