"""Finite-difference check of achanta_slstm_coupled_gate_matlab.md (numpy only, float64).

Model (fp_lstm.m): column vectors, one sequence of length sl; z_t = N(Wz x_t + Rz h_{t-1} + bz),
f_t = sigm(Wf x_t + Rf h_{t-1} + bf), c_t = z_t(1-f_t) + c_{t-1} f_t, h_t = N(c_t), h_0 = c_0 = 0,
N(a) = 1.7159 tanh(2/3 a) (get_actf 'N' is not in the repository; this is the function whose
derivative bp_lstm.m uses).  Output 'L': ac = U h_t + bu, ym = ac, loss L = 1/(2 sl) sum_t ||Y_t - ym_t||^2
(the loss whose gradient is line 11).  Line 13 is checked with 'M' = softmax and L = -(1/sl) sum Y log ym.
Total derivatives dL/d(node) are obtained by adding perturbation taps to ac_z, ac_f, c, h, ac.
Each backward line is evaluated with numeric totals on its right-hand side and compared with the
numeric total on its left-hand side at every time step; parameter gradients against FD on the weights.
"""
import json, os, sys
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
NAME = "achanta_slstm_coupled_gate_matlab.md"
EXP = json.load(open(os.path.join(HERE, "expected.json")))[NAME]
rng = np.random.default_rng(17)
EPS, TOL = 1e-6, 1e-6
A, B = 1.7159, 2 / 3
N = lambda a: A * np.tanh(B * a)
sig = lambda a: 1 / (1 + np.exp(-a))
nin, H, nout, sl = 3, 4, 2, 5
P = dict(Wz=rng.normal(size=(H, nin)) * .6, Rz=rng.normal(size=(H, H)) * .6, bz=rng.normal(size=H) * .3,
         Wf=rng.normal(size=(H, nin)) * .6, Rf=rng.normal(size=(H, H)) * .6, bf=rng.normal(size=H) * .3,
         U=rng.normal(size=(nout, H)) * .6, bu=rng.normal(size=nout) * .3)
X = rng.normal(size=(sl, nin))
Y = rng.normal(size=(sl, nout))
Ycls = np.eye(nout)[rng.integers(0, nout, size=sl)]

def forward(P, taps=None, out="L", h_only_out=None):
    taps = taps or {}
    tp = lambda n, t, v: v + taps.get((n, t), 0.0)
    st = {("h", -1): np.zeros(H), ("c", -1): np.zeros(H)}
    for t in range(sl):
        hp, cp = st["h", t - 1], st["c", t - 1]
        st["acz", t] = tp("acz", t, P["Wz"] @ X[t] + P["bz"] + P["Rz"] @ hp)
        st["z", t] = N(st["acz", t])
        st["acf", t] = tp("acf", t, P["Wf"] @ X[t] + P["bf"] + P["Rf"] @ hp)
        st["f", t] = sig(st["acf", t])
        st["c", t] = tp("c", t, st["z", t] * (1 - st["f", t]) + cp * st["f", t])
        st["h", t] = tp("h", t, N(st["c", t]))
    L = 0.0
    for t in range(sl):
        hh = st["h", t] if h_only_out is None else h_only_out[t]
        st["ac", t] = tp("ac", t, P["U"] @ hh + P["bu"])
        if out == "L":
            L += 0.5 / sl * np.sum((Y[t] - st["ac", t]) ** 2)
        else:
            p = np.exp(st["ac", t] - st["ac", t].max()); p /= p.sum(); st["ym", t] = p
            L += -np.sum(Ycls[t] * np.log(p)) / sl
    return L, st

L0, S = forward(P)
def total(n, t, dim, out="L"):
    g = np.zeros(dim)
    for j in range(dim):
        e = np.zeros(dim); e[j] = EPS
        g[j] = (forward(P, {(n, t): e}, out)[0] - forward(P, {(n, t): -e}, out)[0]) / (2 * EPS)
    return g
D = {}
for t in range(sl):
    for n in ("acz", "acf", "c", "h"):
        D[n, t] = total(n, t, H)
    D["ac", t] = total("ac", t, nout)
for n in ("acz", "acf", "c"):
    D[n, sl] = np.zeros(H)
fnext = lambda t: S["f", t + 1] if t + 1 < sl else np.zeros(H)
cprev = lambda t: S["c", t - 1]
hprev = lambda t: S["h", t - 1]
Eb = lambda t: P["U"].T @ D["ac", t]

results = {}
def rec(line, errs, note=""):
    m = max(errs)
    results[line] = ("pass" if m < TOL else "fail", "max err %.2e %s" % (m, note))
def defn(line, note="definition, used to build the forward pass"):
    results[line] = ("pass", note)

for ln in (43, 44, 46, 47, 56, 57, 59, 60, 62, 64, 66, 67, 79, 80, 121, 164):
    defn(ln)
defn(82, "definition ('M' output), used in the line-13 check")
defn(83, "definition: softmax assumed for get_actf('M'), used in the line-13 check")
for ln in (110, 111, 112):
    defn(ln, "boundary condition: adjoints of step sl+1 are zero")
for ln in (138, 139, 140):
    defn(ln, "carries this step's adjoint to the next (earlier) iteration")

def pgrad(name, out="L"):
    g = np.zeros_like(P[name])
    for idx in np.ndindex(P[name].shape):
        Pp = {k: v.copy() for k, v in P.items()}; Pm = {k: v.copy() for k, v in P.items()}
        Pp[name][idx] += EPS; Pm[name][idx] -= EPS
        g[idx] = (forward(Pp, out=out)[0] - forward(Pm, out=out)[0]) / (2 * EPS)
    return g

# line 11: E = -(Y - ym)/sl  vs dL/dac
rec(11, [np.max(np.abs(D["ac", t] - (-(Y[t] - S["ac", t]) / sl))) for t in range(sl)])
# line 13: softmax + NLL
L1, S1 = forward(P, out="M")
rec(13, [np.max(np.abs(total("ac", t, nout, "M") - (-(Ycls[t] - S1["ym", t]) / sl))) for t in range(sl)])
Emat = np.array([-(Y[t] - S["ac", t]) / sl for t in range(sl)])   # sl x nout
hm = np.array([S["h", t] for t in range(sl)])
rec(17, [np.max(np.abs(pgrad("U") - Emat.T @ hm))])
rec(18, [np.max(np.abs(pgrad("bu") - Emat.sum(0)))])
# line 19: Eb = U' E'  vs direct partial of the loss wrt h_t through the output layer only
def direct_h(t):
    g = np.zeros(H)
    for j in range(H):
        e = np.zeros(H); e[j] = EPS
        hp_ = [S["h", s] + (e if s == t else 0) for s in range(sl)]
        hm_ = [S["h", s] - (e if s == t else 0) for s in range(sl)]
        g[j] = (forward(P, h_only_out=hp_)[0] - forward(P, h_only_out=hm_)[0]) / (2 * EPS)
    return g
rec(19, [np.max(np.abs(direct_h(t) - P["U"].T @ Emat[t])) for t in range(sl)])
# derivative lines 124-126 against FD of the activation functions
fdN = lambda a: (N(a + EPS) - N(a - EPS)) / (2 * EPS)
fds = lambda a: (sig(a + EPS) - sig(a - EPS)) / (2 * EPS)
rec(124, [np.max(np.abs(2 * (B / (2 * A)) * ((A - S["h", t]) * (A + S["h", t])) - fdN(S["c", t]))) for t in range(sl)])
rec(125, [np.max(np.abs(2 * (B / (2 * A)) * ((A - S["z", t]) * (A + S["z", t])) - fdN(S["acz", t]))) for t in range(sl)])
rec(126, [np.max(np.abs(S["f", t] * (1 - S["f", t]) - fds(S["acf", t]))) for t in range(sl)])
# line 119: fnm(:,i) = f_{i+1} (0 after the end) = direct partial dc_{i+1}/dc_i
rec(119, [np.max(np.abs(fnext(t) - (S["f", t + 1] if t + 1 < sl else 0))) for t in range(sl)])
derh = lambda t: (B / A) * (A - S["h", t]) * (A + S["h", t])
derz = lambda t: (B / A) * (A - S["z", t]) * (A + S["z", t])
derf = lambda t: S["f", t] * (1 - S["f", t])
e131 = [np.max(np.abs(D["h", t] - (Eb(t) + P["Rz"].T @ D["acz", t + 1] + P["Rf"].T @ D["acf", t + 1]))) for t in range(sl)]
rec(131, e131)
rec(114, e131, "(transpose used by line 131)")
rec(115, e131, "(transpose used by line 131)")
rec(132, [np.max(np.abs(D["c", t] - (D["h", t] * derh(t) + D["c", t + 1] * fnext(t)))) for t in range(sl)])
rec(134, [np.max(np.abs(D["acf", t] - D["c", t] * (cprev(t) - S["z", t]) * derf(t))) for t in range(sl)])
rec(135, [np.max(np.abs(D["acz", t] - D["c", t] * (1 - S["f", t]) * derz(t))) for t in range(sl)])
dzm = np.array([D["acz", t] for t in range(sl)]); dfm = np.array([D["acf", t] for t in range(sl)])
hpm = np.array([hprev(t) for t in range(sl)])
rec(166, [np.max(np.abs(pgrad("Wz") - dzm.T @ X))])
rec(167, [np.max(np.abs(pgrad("Wf") - dfm.T @ X))])
rec(169, [np.max(np.abs(pgrad("Rz") - dzm.T @ hpm))])
rec(170, [np.max(np.abs(pgrad("Rf") - dfm.T @ hpm))])
rec(172, [np.max(np.abs(pgrad("bz") - dzm.sum(0)))])
rec(173, [np.max(np.abs(pgrad("bf") - dfm.sum(0)))])

bad = 0
for ln in sorted(set(int(k) for k in EXP) | set(results)):
    exp = EXP.get(str(ln), {}).get("expected")
    got = results.get(ln, (None, ""))
    print("line %d: expected %s, numeric %s %s" % (ln, exp, got[0], got[1]))
    if exp is None or got[0] is None or exp != got[0]:
        bad += 1
print("mismatches:", bad)
sys.exit(1 if bad else 0)
