"""Numerical check of cs224n_student_notes_rnn_vanishing.md (numpy only, float64, central differences).
Exit 0 only if every verdict agrees with expected.json."""
import json, os, sys
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
EXP = json.load(open(os.path.join(HERE, "expected.json")))["cs224n_student_notes_rnn_vanishing.md"]
rng = np.random.default_rng(7)
bad, REPORTED = [], set()


def report(line, ok, detail=""):
    REPORTED.add(str(line))
    got = "pass" if ok else "fail"
    exp = EXP[str(line)]["expected"]
    print(f"line {line}: expected {exp}, numeric {got} {detail}")
    if got != exp:
        bad.append(line)


n, d, V, T = 4, 3, 5, 4
Whh = rng.normal(size=(n, n)) * 0.7; Whx = rng.normal(size=(n, d)) * 0.7; WS = rng.normal(size=(V, n)) * 0.7
X = rng.normal(size=(T, d)); Yidx = rng.integers(0, V, size=T); Y = np.eye(V)[Yidx]
f = np.tanh; fp = lambda z: 1 - np.tanh(z) ** 2
sm = lambda a: np.exp(a - a.max()) / np.exp(a - a.max()).sum()


def run(Whh, Whx, upto=T):
    h = np.zeros(n); hs = [h]; zs = []; J = []
    for t in range(upto):
        z = Whh @ h + Whx @ X[t]; h = f(z)
        yhat = sm(WS @ h)
        J.append(-np.sum(Y[t] * np.log(yhat)))
        hs.append(h); zs.append(z)
    return J, hs, zs


J, hs, zs = run(Whh, Whx)
for ln in (5, 8, 12, 13):
    report(ln, True, "(forward definition)")
report(19, True, "(cross-entropy definition)")
report(23, abs(np.mean(J) - (-np.sum(Y[:T] * np.log(np.array([sm(WS @ hs[t + 1]) for t in range(T)]))) / T)) < 1e-12)
# perplexity 2^J holds when log is base 2
J2 = np.mean([-np.log2(sm(WS @ hs[t + 1])[Yidx[t]]) for t in range(T)])
geo = np.prod([sm(WS @ hs[t + 1])[Yidx[t]] for t in range(T)]) ** (-1 / T)
report(27, abs(2 ** J2 - geo) < 1e-10, "(with log base 2, as in the CS224n notes)")


def fdW(fun, W, eps=1e-6):
    g = np.zeros_like(W)
    for i in range(W.shape[0]):
        for j in range(W.shape[1]):
            Wp = W.copy(); Wp[i, j] += eps; Wm = W.copy(); Wm[i, j] -= eps
            g[i, j] = (fun(Wp) - fun(Wm)) / (2 * eps)
    return g


# line 32: E = sum_t E_t -> gradient is the sum of per-step gradients
tot = fdW(lambda W: sum(run(W, Whx)[0]), Whh)
parts = sum(fdW(lambda W, t=t: run(W, Whx)[0][t], Whh) for t in range(T))
report(32, np.allclose(tot, parts, atol=1e-7))
# line 36 / 45: dE_t/dW = sum_k dE_t/dh_t dh_t/dh_k d+h_k/dW (immediate partial), true Jacobians
t = T - 1
dEdh = WS.T @ (sm(WS @ hs[t + 1]) - Y[t])          # dE_t/dh_t (gradient)
Jac = lambda j: np.diag(fp(zs[j - 1])) @ Whh      # true dh_j/dh_{j-1}, numerator layout (1-based j)
g = np.zeros_like(Whh)
for k in range(1, t + 2):
    P = np.eye(n)
    for j in range(t + 1, k, -1):
        P = P @ Jac(j)
    delta_k = (dEdh @ P) * fp(zs[k - 1])          # row vector times immediate partial
    g += np.outer(delta_k, hs[k - 1])
fdEt = fdW(lambda W: run(W, Whx)[0][t], Whh)
report(36, np.allclose(g, fdEt, atol=1e-7), "(sum over k with immediate partials = FD)")
report(45, np.allclose(sum(fdW(lambda W, s=s: run(W, Whx)[0][s], Whh) for s in range(T)), tot, atol=1e-7))
# line 41: compare W^T diag[f'(h_{j-1})] (reading j_{j-1} as h_{j-1}) with the true Jacobian
j = 3
hj_1 = hs[j - 1]
def hj_of(hprev):
    return f(Whh @ hprev + Whx @ X[j - 1])
Jfd = np.array([(hj_of(hj_1 + 1e-6 * np.eye(n)[c]) - hj_of(hj_1 - 1e-6 * np.eye(n)[c])) / 2e-6 for c in range(n)]).T
cand = Whh.T @ np.diag(fp(hj_1))
cand_T = cand.T                                   # denominator-layout reading
ok41 = np.allclose(cand, Jfd, atol=1e-6) or np.allclose(cand_T, Jfd, atol=1e-6) or np.allclose(cand, Jfd.T, atol=1e-6)
report(41, ok41, f"(max diff to true Jacobian {np.abs(cand - Jfd).max():.3f}; true = diag(f'(z_j)) W_hh)")
# line 50: middle inequality ||dh_j/dh_{j-1}|| <= ||W^T|| ||diag f'(h_{j-1})|| -- counterexample
Wc = np.array([[1.0, 0.0], [0.0, 1.0]]); hprev = np.array([0.99, 0.99]); xin = -Wc @ hprev   # z_j = 0
zj = Wc @ hprev + xin
true_norm = np.linalg.norm(np.diag(fp(zj)) @ Wc, 2)
bound = np.linalg.norm(Wc.T, 2) * np.linalg.norm(np.diag(fp(hprev)), 2)
report(50, true_norm <= bound + 1e-12, f"(||J||={true_norm:.3f} > bound {bound:.3f} with z_j=0, h_(j-1)=0.99)")
# line 54: submultiplicativity with per-factor bound
bW = np.linalg.norm(Whh, 2); bh = 1.0
Pn = np.linalg.norm(np.linalg.multi_dot([Jac(j) for j in range(T, 1, -1)]), 2)
report(54, Pn <= (bW * bh) ** (T - 1) + 1e-12)

missing = sorted(set(EXP) - REPORTED, key=int)
if missing:
    print("annotated but not checked:", missing); bad.extend(missing)
print("mismatches:", bad)
sys.exit(1 if bad else 0)
