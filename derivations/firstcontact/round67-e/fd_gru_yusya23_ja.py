# Finite-difference check of gru_yusya23_ja.md (yusya23/DL_45 Step5_07.ipynb, GRU part). numpy only.
# Conventions (author): row vectors, X:(length,N,D), x@W with W:(D,H), U:(H,H), b:(H,);
# eq 2.1-2.4: z=s(xWz+h(t-1)Uz+bz), r=s(xWr+h(t-1)Ur+br), h~=tanh(xWh+(r*h(t-1))Uh+bh),
# h(t)=(1-z)*h(t-1)+z*h~ with h(t-1)=h0 at the first step. Loss (line 243): L = sum(H*randomY).
import numpy as np
rng = np.random.RandomState(1234)

def sigmoid(x): return 1.0/(1.0+np.exp(-x))                   # line 21
def dsigmoid(s): return s*(1-s)                               # line 24
def tanh(x): return np.tanh(x)                                # line 27
def dtanh(t): return 1-t**2                                   # line 30

def forward(X, params, h0, as_coded):
    Wr, Wz, Wh, Ur, Uz, Uh = params[0]; br, bz, bh = params[1]
    length, N, D = X.shape; Hn = Ur.shape[0]
    R = np.zeros((length, N, Hn)); Z = np.zeros_like(R); HH = np.zeros_like(R); H = np.zeros_like(R)
    for t in range(length):
        h_prev = H[t-1] if t > 0 else h0
        hp = H[t-1] if as_coded else h_prev     # as coded (lines 119-125) the loop uses H[t-1], i.e. H[-1]=0 at t=0
        x = X[t]
        z = sigmoid(np.dot(x, Wz) + np.dot(hp, Uz) + bz)        # line 119 / eq 2.1 (line 38)
        r = sigmoid(np.dot(x, Wr) + np.dot(hp, Ur) + br)        # line 121 / eq 2.2 (line 42)
        h_hat = tanh(np.dot(x, Wh) + np.dot(r*hp, Uh) + bh)     # line 123 / eq 2.3 (line 46)
        h_next = (1-z)*hp + z*h_hat                             # line 125 / eq 2.4 (line 52)
        Z[t], R[t], HH[t], H[t] = z, r, h_hat, h_next
    return H, dict(params=params, X=X, Z=Z, R=R, H_hat=HH, H=H, h0=h0)

def GRU_backward(dprev, cache):   # author's lines 185-215, verbatim formulas
    params = cache['params']; X = cache['X']; R = cache['R']; Z = cache['Z']; H_hat = cache['H_hat']; H = cache['H']; h0 = cache['h0']
    Wr, Wz, Wh, Ur, Uz, Uh = params[0]
    length, N, D = X.shape; Hn = Ur.shape[0]
    dWr, dWz, dWh = [np.zeros((D, Hn)) for _ in range(3)]; dUr, dUz, dUh = [np.zeros((Hn, Hn)) for _ in range(3)]
    dbr, dbz, dbh = [np.zeros(Hn) for _ in range(3)]
    dX = np.zeros((length, N, D)); dprev = np.copy(dprev)
    for t in reversed(range(length)):
        z = Z[t]; dh = dprev[t]; h_prev = H[t-1] if t > 0 else h0; h_hat = H_hat[t]; r = R[t]; x = X[t]
        dz = (h_hat-h_prev) * dh                                # 185
        dh_prev = (1-z) * dh                                    # 186
        dh_hat = z * dh                                         # 187
        dh_hat_h = dtanh(h_hat) * dh_hat                        # 189
        dWh += np.dot(x.T, dh_hat_h)                            # 190
        dx = np.dot(dh_hat_h, Wh.T)                             # 191
        dUh += np.dot((r*h_prev).T, dh_hat_h)                   # 192
        dr = h_prev * np.dot(dh_hat_h, Uh.T)                    # 193
        dh_prev += r * np.dot(dh_hat_h, Uh.T)                   # 194
        dbh += np.sum(dh_hat_h, axis=0)                         # 195
        dr_h = dsigmoid(r) * dr                                 # 197
        dWr += np.dot(x.T, dr_h)                                # 198
        dx += np.dot(dr_h, Wr.T)                                # 199
        dUr += np.dot(h_prev.T, dr_h)                           # 200
        dh_prev += np.dot(dr_h, Ur.T)                           # 201
        dbr += np.sum(dr_h, axis=0)                             # 202
        dt = dsigmoid(z) * dz                                   # 204
        dWz += np.dot(x.T, dt)                                  # 205
        dx += np.dot(dt, Wz.T)                                  # 206
        dUz += np.dot(h_prev.T, dt)                             # 207
        dh_prev += np.dot(dt, Uz.T)                             # 208
        dbz += np.sum(dt, axis=0)                               # 209
        dX[t] = dx
        if t > 0: dprev[t-1] += dh_prev                         # 213
        else: dh0 = dh_prev                                     # 215
    return dX, (dWr, dWz, dWh, dUr, dUz, dUh, dbr, dbz, dbh), dh0

def numgrad(f, A, eps=1e-6):
    g = np.zeros_like(A)
    for i in range(A.size):
        old = A.flat[i]; A.flat[i] = old+eps; fp = f(); A.flat[i] = old-eps; fm = f(); A.flat[i] = old
        g.flat[i] = (fp-fm)/(2*eps)
    return g

# helper rows: derivative helpers vs FD
xs = rng.randn(7)
print("line  24 dsigmoid(sigmoid(x)) :", 'agree' if np.allclose(dsigmoid(sigmoid(xs)), (sigmoid(xs+1e-6)-sigmoid(xs-1e-6))/2e-6, atol=1e-8) else 'DISAGREE')
print("line  30 dtanh(tanh(x))       :", 'agree' if np.allclose(dtanh(tanh(xs)), (tanh(xs+1e-6)-tanh(xs-1e-6))/2e-6, atol=1e-8) else 'DISAGREE')

D, Hn, N, length = 2, 3, 3, 6
params = ((rng.randn(D, Hn)*.5, rng.randn(D, Hn)*.5, rng.randn(D, Hn)*.5, rng.randn(Hn, Hn)*.5, rng.randn(Hn, Hn)*.5, rng.randn(Hn, Hn)*.5),
          (rng.randn(Hn)*.1, rng.randn(Hn)*.1, rng.randn(Hn)*.1))
X = rng.randn(length, N, D); h0 = rng.randn(N, Hn); randomY = rng.randn(length, N, Hn)
names = ['dX', 'dWr', 'dWz', 'dWh', 'dUr', 'dUz', 'dUh', 'dbr', 'dbz', 'dbh', 'dh0']
rows = {'dWr': '198 (via 193,197)', 'dWz': '205 (via 185,204)', 'dWh': '190 (via 187,189)', 'dUr': '200', 'dUz': '207',
        'dUh': '192', 'dbr': '202', 'dbz': '209', 'dbh': '195', 'dX': '191,199,206', 'dh0': '186,194,201,208,213,215'}

def check(as_coded, label):
    print(f"--- {label}")
    H, cache = forward(X, params, h0, as_coded)
    dX, dparams, dh0 = GRU_backward(randomY, cache)
    L = lambda: np.sum(forward(X, params, h0, as_coded)[0] * randomY)   # line 243, dL/dH = randomY (line 245)
    variables = (X,) + params[0] + params[1] + (h0,); analytic = (dX,) + dparams + (dh0,)
    for nm, var, an in zip(names, variables, analytic):
        nu = numgrad(L, var)
        err = np.max(np.abs(an-nu))/(np.max(np.abs(nu))+1e-12)
        print(f"  {nm:4s} lines {rows[nm]:24s}: {'agree' if err < 1e-6 else 'DISAGREE'} (rel err {err:.2e})")

check(False, "forward exactly as eqs 2.1-2.4 (h(t-1)=h0 at t=0); author's GRU_backward vs FD")
check(True, "forward AS CODED (lines 119-125 use H[t-1]); author's GRU_backward vs FD of that forward (reproduces the notebook's failing check)")
Hd, _ = forward(X, params, h0, False); Hc, _ = forward(X, params, h0, True)
print("--- forward rows 119/121/123/125 vs eqs 2.1-2.4 with h0 != 0: max |H_coded - H_eq| =", f"{np.max(np.abs(Hd-Hc)):.3e}",
      "->", 'agree' if np.allclose(Hd, Hc) else 'DISAGREE (t=0 uses H[-1]=0 instead of h0)')
Hd0, _ = forward(X, params, np.zeros_like(h0), False); Hc0, _ = forward(X, params, np.zeros_like(h0), True)
print("    (with h0 = 0 the two forwards coincide:", np.allclose(Hd0, Hc0), ")")
