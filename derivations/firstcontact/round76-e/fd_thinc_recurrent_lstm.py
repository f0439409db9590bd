# Finite-difference check of thinc_recurrent_lstm.py (thinc v8.0.0rc4, thinc/backends/ops.py).
# The author's code is loaded from the note itself (exec of the transcribed lines), with
# dtype="f" replaced by float64 so that finite differences are meaningful. Repaired variants are
# made by single string substitutions, so each "fail" row is isolated.
import numpy as np
from typing import Tuple

NOTE = open(__file__.replace("fd_thinc_recurrent_lstm.py", "thinc_recurrent_lstm.py")).read().split("\n")
OPS_SRC = "\n".join(NOTE[1:25])          # note lines 2-25: Ops.recurrent_lstm / backprop_recurrent_lstm
FUN_SRC = "\n".join(NOTE[65:])           # note lines 66-end: module-level functions
FUN_SRC = FUN_SRC.replace('dtype="f"', 'dtype="d"')


def load(ops_src=OPS_SRC, fun_src=FUN_SRC):
    ns = dict(np=np, numpy=np, get_array_module=lambda *a: np, Tuple=Tuple,
              ArrayT=np.ndarray, Array2d=np.ndarray, Array3d=np.ndarray,
              Floats1d=np.ndarray, Floats2d=np.ndarray, Floats3d=np.ndarray)
    exec(fun_src, ns)
    cls = ("class Ops:\n    xp = numpy\n"
           "    def alloc2f(self, a, b): return numpy.zeros((a, b), dtype='d')\n"
           "    def alloc3f(self, a, b, c): return numpy.zeros((a, b, c), dtype='d')\n"
           + ops_src + "\n")
    exec(cls, ns)
    return ns


def check(name, a, b, tol=1e-6):
    err = np.max(np.abs(a - b)) / max(1e-12, np.max(np.abs(b)))
    print(f"{'AGREE ' if err < tol else 'DIFFER'}  rel.err={err:9.2e}  {name}")
    return err < tol


rng = np.random.default_rng(0)
nL, nB, nI, nO = 5, 3, 4, 3
W = rng.normal(size=(4 * nO, nI + nO)) * 0.6
b = rng.normal(size=(4 * nO,)) * 0.3
h0 = rng.normal(size=(nO,)) * 0.5
c0 = rng.normal(size=(nO,)) * 0.5
X = rng.normal(size=(nL, nB, nI))
R = rng.normal(size=(nL, nB, nO))        # L = sum(R * Y): dL/dY = R at every step


def lstm_ref(W, b, h0, c0, X):
    """Correct LSTM in the author's notation (gate blocks f, i, o, c; S = [x, h_prev])."""
    h = np.tile(h0, (X.shape[1], 1)); c = np.tile(c0, (X.shape[1], 1)); Ys = []
    for t in range(X.shape[0]):
        A = np.concatenate((X[t], h), -1) @ W.T + b
        f, i, o, g = np.split(A, 4, -1)
        f, i, o, g = 1 / (1 + np.exp(-f)), 1 / (1 + np.exp(-i)), 1 / (1 + np.exp(-o)), np.tanh(g)
        c = f * c + i * g
        h = o * np.tanh(c)
        Ys.append(h)
    return np.array(Ys)


def fd_grads(W, b, h0, c0, X, eps=1e-6):
    L = lambda *p: np.sum(R * lstm_ref(*p))
    P = [W, b, h0, c0, X]; G = []
    for k, p in enumerate(P):
        g = np.zeros_like(p)
        for idx in np.ndindex(p.shape):
            pp = [q.copy() for q in P]; pp[k][idx] += eps; up = L(*pp)
            pp[k][idx] -= 2 * eps; dn = L(*pp)
            g[idx] = (up - dn) / (2 * eps)
        G.append(g)
    return G


dW_fd, db_fd, dh_fd, dc_fd, dX_fd = fd_grads(W, b, h0, c0, X)

print("== helpers and one-step functions (note lines 139-214) ==")
ns = load()
x = rng.normal(size=(5,))
s = ns["sigmoid"](x); check("L206 sigmoid", s, 1 / (1 + np.exp(-x)))
e = 1e-6
check("L210 dsigmoid(Y)=Y(1-Y) of the output", ns["dsigmoid"](s), (ns["sigmoid"](x + e) - ns["sigmoid"](x - e)) / (2 * e))
check("L214 dtanh(Y)=1-Y**2 of the output", ns["dtanh"](np.tanh(x)), (np.tanh(x + e) - np.tanh(x - e)) / (2 * e))

# one step: At3 (nB,4nO), Ct2 -> Yt3, Ct3; loss l = sum(a*Yt3) + sum(c*Ct3)
At3 = rng.normal(size=(nB, 4 * nO)); Ct2 = rng.normal(size=(nB, nO))
a = rng.normal(size=(nB, nO)); cc = rng.normal(size=(nB, nO))
Yt3, Ct3, Gt3 = ns["lstm_gates_forward"](At3.copy(), Ct2)
def step_loss(A, C2):
    f, i, o, g = np.split(A, 4, -1)
    f, i, o, g = 1 / (1 + np.exp(-f)), 1 / (1 + np.exp(-i)), 1 / (1 + np.exp(-o)), np.tanh(g)
    C3 = f * C2 + i * g
    return np.sum(a * o * np.tanh(C3)) + np.sum(cc * C3)
gA = np.zeros_like(At3); gC = np.zeros_like(Ct2)
for idx in np.ndindex(At3.shape):
    p = At3.copy(); p[idx] += e; m = At3.copy(); m[idx] -= e
    gA[idx] = (step_loss(p, Ct2) - step_loss(m, Ct2)) / (2 * e)
for idx in np.ndindex(Ct2.shape):
    p = Ct2.copy(); p[idx] += e; m = Ct2.copy(); m[idx] -= e
    gC[idx] = (step_loss(At3, p) - step_loss(At3, m)) / (2 * e)
f_, i_, o_, g_ = np.split(At3, 4, -1)
c_true = 1 / (1 + np.exp(-f_)) * Ct2 + 1 / (1 + np.exp(-i_)) * np.tanh(g_)
check("L161-170 lstm_gates_forward: Ct3", Ct3, c_true)
check("L171-172 lstm_gates_forward: Yt3", Yt3, 1 / (1 + np.exp(-o_)) * np.tanh(c_true))
dA, dC2 = ns["backprop_lstm_gates"](a.copy(), cc.copy(), Gt3, Ct3, Ct2)
check("L183-200 backprop_lstm_gates(dYt3, dCt3, ...) called in signature order: dAt3", dA, gA)
check("L183-200 backprop_lstm_gates(dYt3, dCt3, ...) called in signature order: dCt2", dC2, gC)
dA_s, dC2_s = ns["backprop_lstm_gates"](cc.copy(), a.copy(), Gt3, Ct3, Ct2)   # as called on L130
check("L132 call order backprop_lstm_gates(dCt3, dYt3, ...): dAt3", dA_s, gA)

St3 = rng.normal(size=(nB, nI + nO)); dAt = rng.normal(size=(nB, 4 * nO))
dXt3, dYt2, dW3, db3 = ns["backprop_lstm_weights"](dAt, (St3, W, b))
check("L148 dW = dAt3.T @ St3  (d/dW of sum(dAt3*(St3 W^T + b)))", dW3, dAt.T @ St3)
jac_S = dAt @ W   # exact since A is linear in S
check("L150/L153/L154 dSt3 = dAt3 @ W, split into dXt3 | dYt2", np.concatenate((dXt3, dYt2), -1), jac_S)
check("L149 db = dAt3.sum(0)", db3, dAt.sum(0))

print("\n== forward (note lines 11, 66-99) ==")
Y_author, (G_a, C_a, S_a) = ns["Ops"]().recurrent_lstm(W, b, h0, c0, X)
check("L11+L97 Ops.recurrent_lstm as written vs correct LSTM", Y_author, lstm_ref(W, b, h0, c0, X))
ns_c = load(fun_src=FUN_SRC.replace("C[t + 1] = Yt3", "C[t + 1] = Ct3"))
Y_c, _ = ns_c["Ops"]().recurrent_lstm(W, b, h0, c0, X)
check("L97 repaired (C[t+1]=Ct3), L11 as written: vs LSTM with h0, c0", Y_c, lstm_ref(W, b, h0, c0, X))
check("   ... which equals the LSTM with h0 and c0 swapped (L11 swap)", Y_c, lstm_ref(W, b, c0, h0, X))
ns_f = load(ops_src=OPS_SRC.replace("recurrent_lstm_forward(W, b, h_init, c_init, inputs)",
                                    "recurrent_lstm_forward(W, b, c_init, h_init, inputs)"),
            fun_src=FUN_SRC.replace("C[t + 1] = Yt3", "C[t + 1] = Ct3"))
Y_f, fwd_f = ns_f["Ops"]().recurrent_lstm(W, b, h0, c0, X)
check("L11+L97 both repaired: vs correct LSTM", Y_f, lstm_ref(W, b, h0, c0, X))
check("L85 S = concat(X, Y[:-1]) holds [x_t, h_{t-1}]", fwd_f[2][:, :, nI:][1:], Y_f[:-1])

print("\n== backward through time (note lines 14-25, 102-136), loss sum(R*Y), dL/dY at every step ==")
def run(ops_src, fun_src, label, R_=R):
    n = load(ops_src, fun_src)
    Y, fwd = n["Ops"]().recurrent_lstm(W, b, h0, c0, X)
    dX, (dW, db, dh, dc) = n["Ops"]().backprop_recurrent_lstm(R_.copy(), fwd, (W, b))
    print(f"-- {label}")
    ok = [check("dW", dW, dW_fd), check("db", db, db_fd), check("dX", dX, dX_fd),
          check("d_h (dY[0].sum)", dh, dh_fd), check("d_c (dC0.sum)", dc, dc_fd)]
    return all(ok)

fwd_fixed_ops = OPS_SRC.replace("recurrent_lstm_forward(W, b, h_init, c_init, inputs)",
                                "recurrent_lstm_forward(W, b, c_init, h_init, inputs)")
fwd_fixed_fun = FUN_SRC.replace("C[t + 1] = Yt3", "C[t + 1] = Ct3")
run(OPS_SRC, FUN_SRC, "everything as written")
run(fwd_fixed_ops, fwd_fixed_fun, "forward repaired (L11, L97); backward as written")
run(fwd_fixed_ops, fwd_fixed_fun.replace("backprop_lstm_gates(dCt3, dYt3,", "backprop_lstm_gates(dYt3, dCt3,"),
    "forward repaired + L132 argument order repaired; L135 (dY[t] = dYt2) as written")
run(fwd_fixed_ops, fwd_fixed_fun.replace("backprop_lstm_gates(dCt3, dYt3,", "backprop_lstm_gates(dYt3, dCt3,")
    .replace("dY[t] = dYt2", "dY[t] += dYt2"),
    "forward repaired + L132 repaired + L135 as dY[t] += dYt2  (all other rows as written)")

# L135 only loses the loss gradient of the earlier outputs: with dL/dY nonzero at the last step only,
# the overwrite is harmless (FD recomputed for that loss).
R_last = np.zeros_like(R); R_last[-1] = R[-1]
R_saved = R.copy(); R[...] = R_last
dW_fd, db_fd, dh_fd, dc_fd, dX_fd = fd_grads(W, b, h0, c0, X)
run(fwd_fixed_ops, fwd_fixed_fun.replace("backprop_lstm_gates(dCt3, dYt3,", "backprop_lstm_gates(dYt3, dCt3,"),
    "loss on the LAST output only: forward + L132 repaired, L135 (dY[t] = dYt2) as written", R_last)
