# Finite-difference check of peephole_lstm_rtrl_imageqa.py (renmengye/image-qa code/lstm.py @0406878).
# The author's class is executed as written; only its two imports (scipy.special, util_func) are
# replaced by numpy stand-ins (special.expit = logistic sigmoid).  To read the sensitivity tensors
# dYdW, dCdW (lines 156, 169) the backPropagate source is re-executed with a one-line hook that keeps
# them; the arithmetic is untouched.
import re, types
import numpy as np

src = open(__file__.replace('fd_', '')).read()
src = src.replace("from scipy import special", "import numpy as np\nclass special:\n    expit = staticmethod(lambda x: 1.0 / (1.0 + np.exp(-x)))")
src = src.replace("from util_func import *", "")
src = src.replace("        dEdW = np.tensordot(dYdW, dEdY, axes=([3, 0], [1, 0]))",
                  "        self._dYdW, self._dCdW = dYdW, dCdW\n        dEdW = np.tensordot(dYdW, dEdY, axes=([3, 0], [1, 0]))")
ns = {}
exec(src, ns)
LSTM = ns['LSTM']

rng = np.random.default_rng(0)
D, M, T = 2, 3, 4
ncol = D * 4 + M * 7 + 4
W0 = rng.normal(size=(M, ncol)) * 0.6
X0 = rng.normal(size=(T, D))
G = rng.normal(size=(T, M))                # dE/dY for the linear loss E = sum(G * Y)

net = LSTM(D, M, needInit=False, W=W0.copy())
Y = net.forwardPass(X0.copy())
dEdW, dEdX = net.backPropagate(G)
dYdW, dCdW = net._dYdW, net._dCdW           # (t, k, l, j)

def run(W, X):
    n = LSTM(D, M, needInit=False, W=W); Y = n.forwardPass(X); return Y, n.C.copy()

eps = 1e-6
numY = np.zeros_like(dYdW); numC = np.zeros_like(dCdW); numE = np.zeros_like(W0)
for k in range(M):
    for l in range(ncol):
        Wp = W0.copy(); Wp[k, l] += eps; Yp, Cp = run(Wp, X0.copy())
        Wm = W0.copy(); Wm[k, l] -= eps; Ym, Cm = run(Wm, X0.copy())
        numY[:, k, l, :] = (Yp - Ym) / (2 * eps); numC[:, k, l, :] = (Cp - Cm) / (2 * eps)
        numE[k, l] = np.sum(G * (Yp - Ym)) / (2 * eps)
for t in range(T):
    print(f"t={t}: line 156 dC/dW sensitivity", "AGREES" if np.allclose(dCdW[t], numC[t], atol=1e-7) else "DIFFERS",
          f"(max err {np.max(np.abs(dCdW[t]-numC[t])):.1e});  line 169 dY/dW", "AGREES" if np.allclose(dYdW[t], numY[t], atol=1e-7) else "DIFFERS",
          f"(max err {np.max(np.abs(dYdW[t]-numY[t])):.1e})")
print("line 172 dE/dW", "AGREES" if np.allclose(dEdW, numE, atol=1e-7) else "DIFFERS", f"max err {np.max(np.abs(dEdW-numE)):.1e}")

# per-block view of dE/dW (input gate, forget gate, cell input, output gate, incl. peephole columns)
Wi, Wf, Wc, Wo = LSTM.sliceWeights(D, M, np.arange(ncol)[None, :].repeat(1, 0))
for name, cols in zip(["Wi (incl. Wci)", "Wf (incl. Wcf)", "Wc", "Wo (incl. Wco)"], [Wi[0], Wf[0], Wc[0], Wo[0]]):
    print(f"   block {name:15s}", "AGREES" if np.allclose(dEdW[:, cols], numE[:, cols], atol=1e-7) else "DIFFERS")

numX = np.zeros_like(X0)
for idx in np.ndindex(X0.shape):
    Xp = X0.copy(); Xp[idx] += eps; Xm = X0.copy(); Xm[idx] -= eps
    numX[idx] = np.sum(G * (run(W0.copy(), Xp)[0] - run(W0.copy(), Xm)[0])) / (2 * eps)
print("line 210 dE/dX", "AGREES" if np.allclose(dEdX, numX, atol=1e-7) else "DIFFERS", f"max err {np.max(np.abs(dEdX-numX)):.1e}")
