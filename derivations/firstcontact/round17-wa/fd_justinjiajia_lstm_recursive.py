"""FD check of justinjiajia_lstm_recursive.md.  Column vectors, one example.
Gates on [a^{t-1}; x^t]; gamma_f, gamma_i, gamma_o, z pre-activations; softmax head;
J = -(1/T) sum_t sum_j y_j log yhat_j, J^<t> read as the t-th summand (the note never defines it).
Jacobians in numerator layout: dJ/da is a row vector.  dJ^t/dc^k = partial holding a^k fixed
(the note: 'when t=k, dJ^t/dc^k = 0'); dJ^t/da^k = total."""
import numpy as np
rng = np.random.default_rng(1)
na, nx, ny, T = 3, 2, 4, 5
W = {g: rng.normal(0, .6, (na, na + nx)) for g in "fioc"}
b = {g: rng.normal(0, .3, na) for g in "fioc"}
Wy, by = rng.normal(0, .6, (ny, na)), rng.normal(0, .3, ny)
X = rng.normal(size=(T + 1, nx)); Y = rng.integers(0, ny, T + 1)
sig = lambda v: 1 / (1 + np.exp(-v)); dsig = lambda v: sig(v) * (1 - sig(v))

def run(p={}, Wk=None):
    """steps 1..T.  p: ('pre',g,k) add to pre-activation of gate g at step k; ('a',k) add to a^k
    (all uses); ('cfwd',k) add to c^k only where it enters c^{k+1}; ('aprev',k) add to a^{k-1} in
    step k's gates only; ('cprev',k) add to c^{k-1} in step k's update only.
    Wk=(g,k,dW): W_g perturbed in step k only.  Returns list J^t (t=1..T) and cache."""
    a = np.zeros(na); c = rng_c0.copy(); Js = [None]; cache = [None]
    for k in range(1, T + 1):
        ap = a + p.get(('aprev', k), 0); cp = c + p.get(('cprev', k), 0)
        v = np.concatenate([ap, X[k]]); pre = {}
        for g in "fioc":
            Wg = W[g] + (Wk[2] if Wk and Wk[0] == g and Wk[1] == k else 0)
            pre[g] = Wg @ v + b[g] + p.get(('pre', g, k), 0)
        G = {g: (np.tanh(pre[g]) if g == 'c' else sig(pre[g])) for g in pre}
        cn = G['f'] * cp + G['i'] * G['c']
        an = G['o'] * np.tanh(cn) + p.get(('a', k), 0)
        s = Wy @ an + by; s = s - s.max(); q = np.exp(s) / np.exp(s).sum()
        Js.append(-np.log(q[Y[k]]) / T)
        cache.append(dict(v=v, pre=pre, G=G, c=cn, cprev=c, a=an))
        a, c = an, cn + p.get(('cfwd', k), 0)
    return Js, cache
rng_c0 = rng.normal(0, .5, na)

def fdvec(key, n, t, eps=1e-6):
    out = np.zeros(n)
    for i in range(n):
        e = np.zeros(n); e[i] = eps
        out[i] = (run({key: e})[0][t] - run({key: -e})[0][t]) / (2 * eps)
    return out
def fdW(g, k, t, eps=1e-6, block=None):
    out = np.zeros((na, na + nx))
    for idx in np.ndindex(na, na + nx):
        E = np.zeros((na, na + nx)); E[idx] = eps
        out[idx] = (run(Wk=(g, k, E))[0][t] - run(Wk=(g, k, -E))[0][t]) / (2 * eps)
    return out
chk = lambda name, A, B: print(f"{name:62s} maxerr={np.max(np.abs(np.asarray(A) - np.asarray(B))):.2e}")

Js, C = run(); t, k = 4, 2
ck = C[k]; G = ck['G']; th = np.tanh(ck['c'])
dJa = {kk: fdvec(('a', kk), na, t) for kk in range(1, t + 1)}       # dJ^t/da^k total
dJc = {kk: fdvec(('cfwd', kk), na, t) for kk in range(1, t + 1)}    # dJ^t/dc^k partial (a^k held)
chk("line 42: dJ^k/dc^k (a^k held) = 0", fdvec(('cfwd', k), na, k), np.zeros(na))
dJk_ak = fdvec(('a', k), na, k)
chk("line 44: dJ^k/da^k * tanh(c) * sig'  vs FD dJ^t/dgamma_o^k (t>k, differ)", dJk_ak * th * dsig(ck['pre']['o']), fdvec(('pre', 'o', k), na, t))
go = dJa[k] * th * dsig(ck['pre']['o'])
chk("line 46: dJ^t/da^k diag[tanh c] diag[sig'(gamma_o)]", go, fdvec(('pre', 'o', k), na, t))
inner = dJc[k] + dJa[k] * G['o'] * (1 - th ** 2)
gf = inner * ck['cprev'] * dsig(ck['pre']['f']); gi = inner * G['c'] * dsig(ck['pre']['i'])
gz = inner * G['i'] * (1 - np.tanh(ck['pre']['c']) ** 2)
chk("lines 51-55: dJ^t/dgamma_f^k", gf, fdvec(('pre', 'f', k), na, t))
chk("lines 61-70: dJ^t/dgamma_i^k", gi, fdvec(('pre', 'i', k), na, t))
chk("line 83: dJ^t/dz^k", gz, fdvec(('pre', 'c', k), na, t))
for g, gg in zip("oifc", [go, gi, gf, gz]):
    chk(f"lines 92-120: dJ^t/dW_{{{g},k}} = (dJ/dpre)^T [a;x]^T", np.outer(gg, ck['v']), fdW(g, k, t))
row = sum(gg @ W[g][:, :na] for g, gg in zip("oifc", [go, gi, gf, gz]))
chk("lines 125-126: dJ^t/da^{k-1} (total, t>=k)", row, dJa[k - 1])
chk("lines 134-137: dJ^t/dc^{k-1} (a^{k-1} held)", inner * G['f'], dJc[k - 1])
# line 151: dJ/dW_f = sum_t dJ^t/dW_f (all steps)
def fdWall(g, t_sel):
    out = np.zeros((na, na + nx))
    for idx in np.ndindex(na, na + nx):
        E = np.zeros((na, na + nx)); E[idx] = 1e-6
        Wp = W[g].copy(); W[g] = Wp + E; jp = run()[0]; W[g] = Wp - E; jm = run()[0]; W[g] = Wp
        out[idx] = sum((jp[tt] - jm[tt]) / 2e-6 for tt in t_sel)
    return out
chk("line 151: dJ/dW_f = sum_t dJ^t/dW_f", fdWall('f', range(1, T + 1)), sum(fdWall('f', [tt]) for tt in range(1, T + 1)))
# line 155: dJ^t/dW_{f,x} = sum_k (dJ^t/dgamma_f^k)^T x^{k T}
tot = np.zeros((na, nx))
for kk in range(1, t + 1):
    Gk = C[kk]['G']; thk = np.tanh(C[kk]['c'])
    inn = dJc[kk] + dJa[kk] * Gk['o'] * (1 - thk ** 2)
    tot += np.outer(inn * C[kk]['cprev'] * dsig(C[kk]['pre']['f']), X[kk])
chk("line 155: dJ^t/dW_{f,x} = sum_k (dJ^t/dgamma_f^k)^T x^kT", tot, fdWall('f', [t])[:, na:])
colvec = (inner)[:, None]                       # ( ... )^T is a column n_a x 1
print("line 160: ( ... )^T has shape", colvec.shape, "times diag[c^{k-1}]", (na, na), "-> ill-typed (a column left of an n_a x n_a matrix)")
