"""FD check for rnn_bptt_study.py (in5omnia/RNN-vs-GRU-BPTT-Study code/rnn.py).
The course modules rnnmath/model are not in the repo; minimal numpy stand-ins are written to a temp dir
(sigmoid, softmax, make_onehot, a Model base class and no-op is_param/is_delta context managers).
The author's file is then imported unchanged.  Convention of the author: delta_* = d - y = -dL/d(net) and
deltaW/deltaV/deltaU accumulate the NEGATIVE gradient (the update direction) of the cross-entropy loss
L = -sum_t log y_t[d_t]  (number-prediction variants: only the last step, label d[0])."""
import os, sys, tempfile, importlib.util
import numpy as np

tmp = tempfile.mkdtemp()
open(os.path.join(tmp, "rnnmath.py"), "w").write(
    "import numpy as np\n"
    "def sigmoid(x):\n    return 1/(1+np.exp(-x))\n"
    "def softmax(x):\n    e = np.exp(x - np.max(x))\n    return e/e.sum()\n"
    "def make_onehot(i, n):\n    v = np.zeros(n); v[i] = 1.0\n    return v\n")
open(os.path.join(tmp, "model.py"), "w").write(
    "from contextlib import contextmanager\n"
    "@contextmanager\ndef is_param():\n    yield\n"
    "@contextmanager\ndef is_delta():\n    yield\n"
    "class Model(object):\n"
    "    def __init__(self, vocab_size, hidden_dims, out_vocab_size):\n"
    "        self.vocab_size = vocab_size; self.hidden_dims = hidden_dims; self.out_vocab_size = out_vocab_size\n")
sys.path.insert(0, tmp)
HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("rnn_author", os.path.join(HERE, "rnn_bptt_study.py"))
mod = importlib.util.module_from_spec(spec); spec.loader.exec_module(mod)
RNN = mod.RNN

np.random.seed(3)
Vv, Hh, Oo = 5, 4, 5
net = RNN(Vv, Hh, Oo)
net.U *= 4; net.V *= 4; net.W *= 4        # larger weights so that every term matters
x = [0, 3, 1, 4, 2]; dseq = [3, 1, 4, 2, 0]; dnum = [2]

def loss_seq(net):
    y, s = net.predict(x)
    return -sum(np.log(y[t][dseq[t]]) for t in range(len(x)))
def loss_last(net):
    y, s = net.predict(x)
    return -np.log(y[-1][dnum[0]])
def fd(net, lossf, name, eps=1e-6):
    P = getattr(net, name); G = np.zeros_like(P)
    for idx in np.ndindex(P.shape):
        o = P[idx]; P[idx] = o+eps; lp = lossf(net); P[idx] = o-eps; lm = lossf(net); P[idx] = o; G[idx] = (lp-lm)/(2*eps)
    return G
def rel(a, b): return np.linalg.norm(a-b)/max(1e-12, np.linalg.norm(a)+np.linalg.norm(b))
def rep(lines, what, a, b, exp):
    e = rel(a, b)
    print(f"lines {lines:<22} {what:<52} rel.err={e:9.2e} -> {'AGREE' if e < 1e-6 else 'DIFFER'} (expected {exp})")
def reset(net):
    net.deltaU[:] = 0; net.deltaV[:] = 0; net.deltaW[:] = 0

y, s = net.predict(x)
# forward lines 70-73: recompute by hand
t = 2; xt = np.eye(Vv)[x[t]]
h = 1/(1+np.exp(-(net.V @ xt + net.U @ s[t-1])))
rep("70-71", "s_t = sigmoid(V x_t + U s_{t-1})", s[t], h, "pass")
o = net.W @ s[t]; p = np.exp(o-o.max()); p /= p.sum()
rep("72-73", "y_t = softmax(W s_t)", y[t], p, "pass")
rep("70", "s[-1] (used for t=0) is the zero row", s[-1], np.zeros(Hh), "pass")

gW, gV, gU = fd(net, loss_seq, "W"), fd(net, loss_seq, "V"), fd(net, loss_seq, "U")
# full BPTT (steps >= len(x)): deltas must equal MINUS the gradient
reset(net); net.acc_deltas_bptt(x, dseq, y, s, steps=len(x))
rep("166-195", "acc_deltas_bptt deltaW vs -dL/dW", net.deltaW, -gW, "pass")
rep("166-195", "acc_deltas_bptt deltaV vs -dL/dV", net.deltaV, -gV, "pass")
rep("166-195", "acc_deltas_bptt deltaU vs -dL/dU", net.deltaU, -gU, "pass")
# truncated BPTT: compare with an independent truncated reference
def trunc_ref(steps):
    dW = np.zeros_like(net.W); dV = np.zeros_like(net.V); dU = np.zeros_like(net.U)
    for t in range(len(x)):
        do = np.eye(Oo)[dseq[t]] - y[t]; dW += np.outer(do, s[t])
        g = (net.W.T @ do) * s[t]*(1-s[t])
        for tau in range(steps+1):
            q = t - tau
            if q < 0: break
            dV += np.outer(g, np.eye(Vv)[x[q]]); dU += np.outer(g, s[q-1] if q > 0 else np.zeros(Hh))
            if q - 1 < 0: break
            g = (net.U.T @ g) * s[q-1]*(1-s[q-1])
    return dW, dV, dU
for st in (0, 2):
    reset(net); net.acc_deltas_bptt(x, dseq, y, s, steps=st)
    rW, rV, rU = trunc_ref(st)
    rep("166-195", f"truncated BPTT steps={st}: deltaU vs reference", net.deltaU, rU, "pass")
# acc_deltas (standard BP = BPTT with 0 steps back)
reset(net); net.acc_deltas(x, dseq, y, s); rW, rV, rU = trunc_ref(0)
rep("99-109", "acc_deltas deltaW vs -dL/dW (exact)", net.deltaW, -gW, "pass")
rep("99-109", "acc_deltas deltaV vs 0-step truncated gradient", net.deltaV, rV, "pass")
rep("99-109", "acc_deltas deltaU vs 0-step truncated gradient", net.deltaU, rU, "pass")
# number-prediction variants (loss only at the last step)
gW1, gV1, gU1 = fd(net, loss_last, "W"), fd(net, loss_last, "V"), fd(net, loss_last, "U")
reset(net); net.acc_deltas_bptt_np(x, dnum, y, s, steps=len(x))
rep("219-249", "acc_deltas_bptt_np deltaW vs -dL_T/dW", net.deltaW, -gW1, "pass")
rep("219-249", "acc_deltas_bptt_np deltaV vs -dL_T/dV", net.deltaV, -gV1, "pass")
rep("219-249", "acc_deltas_bptt_np deltaU vs -dL_T/dU", net.deltaU, -gU1, "pass")
reset(net); net.acc_deltas_np(x, dnum, y, s)
T = len(x); do = np.eye(Oo)[dnum[0]] - y[T-1]; g = (net.W.T @ do)*s[T-1]*(1-s[T-1])
rep("132-142", "acc_deltas_np deltaW vs -dL_T/dW", net.deltaW, -gW1, "pass")
rep("132-142", "acc_deltas_np deltaV/U vs one-step (last step) gradient", np.concatenate([net.deltaV.ravel(), net.deltaU.ravel()]),
    np.concatenate([np.outer(g, np.eye(Vv)[x[-1]]).ravel(), np.outer(g, s[T-2]).ravel()]), "pass")
# the individual delta lines, checked against FD w.r.t. the net inputs
def net_in_grad(t):
    # -dL/d(net_in_t) by FD: perturb the pre-activation of step t
    def L_pert(v):
        hprev = np.zeros(Hh); L = 0.0
        for q in range(len(x)):
            a = net.V @ np.eye(Vv)[x[q]] + net.U @ hprev
            if q == t: a = a + v
            hprev = 1/(1+np.exp(-a)); oo = net.W @ hprev; pp = np.exp(oo-oo.max()); pp /= pp.sum()
            L += -np.log(pp[dseq[q]])
        return L
    G = np.zeros(Hh); eps = 1e-6
    for j in range(Hh):
        e = np.zeros(Hh); e[j] = eps; G[j] = (L_pert(e)-L_pert(-e))/(2*eps)
    return -G
t = len(x)-1
do = np.eye(Oo)[dseq[t]] - y[t]
rep("101,103,104 / 167,168,177", "delta_in_T = (W^T (d-y)) * s(1-s) vs -dL/dnet_T", (net.W.T @ do)*s[t]*(1-s[t]), net_in_grad(t), "pass")
g_t = net_in_grad(t); g_tm1_from_t = (net.U.T @ g_t)*s[t-1]*(1-s[t-1])
# dL/dnet_{t-1} = own-output part + recurrent part; the recurrent part is what lines 194-195 compute
own = (net.W.T @ (np.eye(Oo)[dseq[t-1]] - y[t-1]))*s[t-1]*(1-s[t-1])
rep("194-195 / 248-249", "own + (U^T delta_in)*s(1-s) vs -dL/dnet_{T-1}", own + g_tm1_from_t, net_in_grad(t-1), "pass")
