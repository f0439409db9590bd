# Finite-difference check of cs224d_rnnlm_jirachikai.py (numpy only).
# Runs the author's RNNLM._acc_grads / compute_seq_loss exactly as written (exec of the transcribed file)
# with minimal stand-ins for the course framework (nn.base.NNBase with SparseDelta semantics:
# `sgrads.L[i] = v` APPENDS (i, v); the course's grad_check coalesces (sums) updates per row).
import sys, types, builtins, os
import numpy as np

builtins.xrange = range  # the source is Python 2

# ---- stand-ins for the CS224d framework ----
class NS(object):
    pass

class SparseDelta(object):
    def __init__(self):
        self._data = []
    def __setitem__(self, key, value):
        self._data.append((key, np.array(value, dtype=float)))
    def dense(self, shape):
        out = np.zeros(shape)
        for k, v in self._data:
            out[k] += v
        return out

class NNBase(object):
    def __init__(self, param_dims, param_dims_sparse):
        self.params, self.grads, self.sparams, self.sgrads = NS(), NS(), NS(), NS()
        for n, s in param_dims.items():
            setattr(self.params, n, np.zeros(s)); setattr(self.grads, n, np.zeros(s))
        for n, s in param_dims_sparse.items():
            setattr(self.sparams, n, np.zeros(s)); setattr(self.sgrads, n, SparseDelta())

def softmax(x):
    e = np.exp(x - np.max(x)); return e / e.sum()
def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))
def make_onehot(i, n):
    y = np.zeros(n); y[i] = 1; return y
def random_weight_matrix(m, n):
    e = np.sqrt(6.0) / np.sqrt(m + n); return np.random.uniform(-e, e, (m, n))

nn = types.ModuleType('nn'); nnbase = types.ModuleType('nn.base'); nnmath = types.ModuleType('nn.math')
nnbase.NNBase = NNBase
nnmath.softmax, nnmath.sigmoid, nnmath.make_onehot = softmax, sigmoid, make_onehot
nnmath.MultinomialSampler = None; nnmath.multinomial_sample = None
misc = types.ModuleType('misc'); misc.random_weight_matrix = random_weight_matrix
sys.modules.update({'nn': nn, 'nn.base': nnbase, 'nn.math': nnmath, 'misc': misc})

src = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'cs224d_rnnlm_jirachikai.py')).read()
g = {}
exec(compile(src, 'cs224d_rnnlm_jirachikai.py', 'exec'), g)
RNNLM = g['RNNLM']

np.random.seed(0)
V, D = 7, 4
L0 = np.random.randn(V, D) * 0.5
model = RNNLM(L0, U0=np.random.randn(V, D) * 0.5, bptt=1)
model.params.H = np.random.randn(D, D) * 0.7

def run_case(xs, ys, label):
    model.bptt = len(ys)  # full BPTT, as the course's grad_check does
    model.grads.H[:] = 0; model.grads.U[:] = 0; model.sgrads.L = SparseDelta()
    model._acc_grads(xs, ys)
    gH, gU = model.grads.H.copy(), model.grads.U.copy()
    gL = model.sgrads.L.dense(model.sparams.L.shape)
    eps = 1e-6
    def fd(arr):
        out = np.zeros_like(arr)
        for idx in np.ndindex(arr.shape):
            old = arr[idx]
            arr[idx] = old + eps; jp = model.compute_seq_loss(xs, ys)
            arr[idx] = old - eps; jm = model.compute_seq_loss(xs, ys)
            arr[idx] = old
            out[idx] = (jp - jm) / (2 * eps)
        return out
    nH, nU, nL = fd(model.params.H), fd(model.params.U), fd(model.sparams.L)
    print("== %s: xs=%s ys=%s" % (label, xs, ys))
    def rep(name, a, b, line):
        err = np.max(np.abs(a - b)); print("  line %-4s %-28s max|author-FD| = %.2e  %s" % (line, name, err, "AGREE" if err < 1e-6 else "DISAGREE"))
        return err
    rep("dJ/dU (grads.U)", gU, nU, 112)
    rep("dJ/dH (grads.H)", gH, nH, 117)
    for w in sorted(set(xs)):
        rep("dJ/dL[%d] (sgrads.L)" % w, gL[w], nL[w], 118)
    return gL, nL

# case 1: first word does not occur again -> its row of dJ/dL is missing entirely
gL, nL = run_case([0, 1, 2, 3], [1, 2, 3, 4], "first word unique")
print("  row L[xs[0]]: author =", np.round(gL[0], 5), " FD =", np.round(nL[0], 5))
# case 2: first word repeats -> its row is only partly accumulated (the t=0 terms are missing)
run_case([5, 1, 5, 2], [1, 5, 2, 6], "first word repeated")

# ---- per-line checks of the local formulas (lines 105/106/110/111/114/119), with the loss of ONE step t ----
xs, ys = [0, 1, 2, 3], [1, 2, 3, 4]
H, U, Lm = model.params.H, model.params.U, model.sparams.L
def forward_pre(zs_offset=None):
    hs = np.zeros((len(xs) + 1, D)); zs = []
    for t in range(len(xs)):
        z = H.dot(hs[t - 1]) + Lm[xs[t]]
        if zs_offset is not None and zs_offset[0] == t: z = z + zs_offset[1]
        zs.append(z); hs[t] = sigmoid(z)   # line 105
    return hs, zs
def Jt(t, off=None, theta_off=None):
    hs, zs = forward_pre(off)
    th = U.dot(hs[t]) + (0 if theta_off is None else theta_off)
    p = softmax(th)                          # line 106
    return -np.log(p[ys[t]])                 # line 141
hs, zs = forward_pre()
t = 3
p = softmax(U.dot(hs[t])); y_t = make_onehot(ys[t], V)   # line 110
delta_t = p - y_t                                           # line 111
fd_theta = np.array([(Jt(t, theta_off=e * 1e-6) - Jt(t, theta_off=-e * 1e-6)) / 2e-6 for e in np.eye(V)])
print("line 111 delta_t = p - y (dJ_t/dtheta_t):", "AGREE" if np.allclose(delta_t, fd_theta, atol=1e-6) else "DISAGREE")
delta = U.T.dot(delta_t) * hs[t] * (1 - hs[t])            # line 114
fd_z = lambda s: np.array([(Jt(t, (s, e * 1e-6)) - Jt(t, (s, -e * 1e-6))) / 2e-6 for e in np.eye(D)])
print("line 114 delta = dJ_t/dz_t:", "AGREE" if np.allclose(delta, fd_z(t), atol=1e-6) else "DISAGREE")
for i in range(t, 0, -1):
    delta = np.dot(H.T, delta) * hs[i - 1] * (1 - hs[i - 1])   # line 119
    print("line 119 delta -> dJ_t/dz_%d:" % (i - 1), "AGREE" if np.allclose(delta, fd_z(i - 1), atol=1e-6) else "DISAGREE")
print("=> the i=0 step is reached only through line 119 (delta for z_0 is correct) but the guard `if i - 1 > -1` (line 116)\n   skips i=0, so sgrads.L[xs[0]] (line 118) never receives it: dJ/dL[xs[0]] is missing the t'=0 terms.")
