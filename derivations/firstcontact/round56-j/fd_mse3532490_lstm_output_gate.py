"""FD check for mse3532490_lstm_output_gate.md (numpy only, float64).
Course (deeplearning.ai C5W1) LSTM step, column vectors, batch m:
  Gf = s(Wf[a_prev;x]+bf), Gu = s(Wu[...]+bu), cc = tanh(Wc[...]+bc), Go = s(Wo[...]+bo)
  c = Gf*c_prev + Gu*cc,  a = Go*tanh(c)
Loss L = sum(Ga*a) + sum(Gc*c) (Ga = da, Gc = gradient reaching c from step t+1)."""
import json, os, sys
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
EXP = json.load(open(os.path.join(HERE, "expected.json")))["mse3532490_lstm_output_gate.md"]
rng = np.random.default_rng(3)
na, nx, m = 4, 3, 2
W = {k: rng.standard_normal((na, na + nx)) * .5 for k in "fuco"}; B = {k: rng.standard_normal((na, 1)) * .2 for k in "fuco"}
ap = rng.standard_normal((na, m)); cp = rng.standard_normal((na, m)); x = rng.standard_normal((nx, m))
Ga = rng.standard_normal((na, m)); Gc = rng.standard_normal((na, m))
s = lambda z: 1 / (1 + np.exp(-z))
eps = 1e-6
close = lambda A, B_: A.shape == B_.shape and np.allclose(A, B_, rtol=1e-6, atol=1e-8)

def fwd(pGo=0, pzo=0, Wo=None):
    Wo = W["o"] if Wo is None else Wo
    z = np.vstack([ap, x])
    Gf, Gu, cc = s(W["f"] @ z + B["f"]), s(W["u"] @ z + B["u"]), np.tanh(W["c"] @ z + B["c"])
    zo = Wo @ z + B["o"] + pzo
    Go = s(zo) + pGo
    c = Gf * cp + Gu * cc
    a = Go * np.tanh(c)
    return a, c, Go, zo, z
L = lambda **kw: (lambda a, c, *_: np.sum(Ga * a) + np.sum(Gc * c))(*fwd(**kw))
a, c, Go, zo, z = fwd()

def fd(key, shape):
    g = np.zeros(shape)
    for idx in np.ndindex(*shape):
        e = np.zeros(shape); e[idx] = eps
        g[idx] = (L(**{key: e}) - L(**{key: -e})) / (2 * eps)
    return g
dGo_fd = fd("pGo", (na, m)); dzo_fd = fd("pzo", (na, m))
dWo_fd = np.zeros_like(W["o"])
for idx in np.ndindex(*W["o"].shape):
    P = W["o"].copy(); P[idx] += eps; M = W["o"].copy(); M[idx] -= eps
    dWo_fd[idx] = (L(Wo=P) - L(Wo=M)) / (2 * eps)

res = {}
da = Ga                                        # total dL/da (a feeds nothing else in this instance)
res[14] = close(da * np.tanh(c), dGo_fd)       # dGamma_o = da * tanh(c)  (w.r.t. the gate VALUE)
xs = np.linspace(-4, 4, 9)
res[18] = close(s(xs) * (1 - s(xs)), (s(xs + eps) - s(xs - eps)) / (2 * eps))
rhs20 = da * np.tanh(c) * Go * (1 - Go)        # RHS of line 20 with the asker's last factor Gamma_o(1-Gamma_o)
res[20] = close(rhs20, dGo_fd)                 # claimed equal to dL/dGamma_o
print(f"[info] line 20 RHS equals dL/d(pre-activation of Gamma_o): {close(rhs20, dzo_fd)}; "
      f"dL/dW_o = that times [a_prev;x]^T: {close(rhs20 @ z.T, dWo_fd)}")
# answer: F = A * B (Hadamard); literal claim d(F)/d(A) = d(A) * B, with d(A) = dL/dA
A = rng.standard_normal(5); Bv = rng.standard_normal(5); GF = rng.standard_normal(5)
Lh = lambda A_: np.sum(GF * (A_ * Bv))
dA_fd = np.array([(Lh(A + e) - Lh(A - e)) / (2 * eps) for e in np.eye(5) * eps])
jac_fd = np.array([((A + e) * Bv - (A - e) * Bv) / (2 * eps) for e in np.eye(5) * eps]).T   # dF/dA
res[27] = close(A * Bv, np.multiply(A, Bv))     # definition
res[29] = close(jac_fd, np.diag(dA_fd * Bv))    # literal reading: Jacobian dF/dA vs diag(dA * B)
print(f"[info] line 29: the intended rule dA = dF * B holds: {close(dA_fd, GF * Bv)}; Jacobian dF/dA = diag(B): {close(jac_fd, np.diag(Bv))}")
bad = 0
for k in sorted(EXP, key=int):
    num = "pass" if res.get(int(k)) else "fail"
    flag = "" if num == EXP[k]["expected"] else "   <-- MISMATCH"
    bad += bool(flag)
    print(f"line {k}: expected {EXP[k]['expected']}, numeric {num}{flag}")
bad += len(set(res) - {int(k) for k in EXP})
sys.exit(1 if bad else 0)
