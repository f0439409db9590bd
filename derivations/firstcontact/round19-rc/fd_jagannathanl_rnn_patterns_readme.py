# FD check of jagannathanl_rnn_patterns_readme.md. Row layout, batch of 1 row ("-" axis), sequence i = 0..s-1:
# A_i = X_i Wx + H_{i-1} Wh + Ba, H_i = tanh(A_i), yhat_i = H_i Wy + By (linear output), L = sum_i |yhat_i - y_i|^2.
# Author's symbols: grad y = dL/dyhat_i, grad H_t[i] = output part of dL/dH_i, grad H_t^y[i] = recurrent part, grad A = dL/dA_i.
import numpy as np
rng = np.random.default_rng(3)
i_, h, o, s = 3, 4, 2, 4
P = dict(Wx=rng.normal(size=(i_, h))*.6, Wh=rng.normal(size=(h, h))*.6, Ba=rng.normal(size=(1, h))*.2,
         Wy=rng.normal(size=(h, o))*.6, By=rng.normal(size=(1, o))*.2)
X = rng.normal(size=(s, 1, i_)); Y = rng.normal(size=(s, 1, o))
def fwd(P):
    Hp = np.zeros((1, h)); H, A, yh = [], [], []
    for k in range(s):
        a = X[k]@P['Wx'] + Hp@P['Wh'] + P['Ba']; Hp = np.tanh(a); A.append(a); H.append(Hp); yh.append(Hp@P['Wy'] + P['By'])
    return H, A, yh, sum(((yh[k]-Y[k])**2).sum() for k in range(s))
def num(X_, eps=1e-6):
    g = np.zeros_like(X_)
    for j in np.ndindex(X_.shape):
        X_[j] += eps; a = fwd(P)[3]; X_[j] -= 2*eps; b = fwd(P)[3]; X_[j] += eps; g[j] = (a-b)/(2*eps)
    return g
H, A, yh, L = fwd(P); G = {k: num(P[k]) for k in P}
gy = [2*(yh[k]-Y[k]) for k in range(s)]
# correct backward (to compare against author's rows)
gHy = np.zeros((1, h)); ok = {k: 0 for k in P}; wrong = {"Wy64": 0, "Wx65": 0, "Wh66": 0, "Wx50": 0, "Wh51": 0}
for k in reversed(range(s)):
    gHt_out = gy[k]@P['Wy'].T                         # correct output part
    gHtot = gHt_out + gHy                             # line 60
    gA = gHtot*(1-H[k]**2)                            # line 61
    Hprev = H[k-1] if k > 0 else np.zeros((1, h))
    ok['By'] += gy[k]; ok['Wy'] += H[k].T@gy[k]; ok['Wx'] += X[k].T@gA; ok['Wh'] += Hprev.T@gA; ok['Ba'] += gA
    wrong["Wy64"] += gHt_out.T@gy[k]                  # line 64 as written: gradH^T . grad y
    wrong["Wh66"] += gA.T@gHt_out                      # line 66 as written: gradA^T . gradH_t[i]
    wrong["Wh51"] += gA.T@Hprev                        # line 51 read as outer product gradA^T H_{t-1} (shape h x h, but transposed)
    gHy_author = gA@P['Wh']                            # line 68 as written (no transpose)
    gHy = gA@P['Wh'].T                                 # correct
c = lambda n, a, b: print(f"{n:62s} maxerr {np.abs(np.asarray(a)-np.asarray(b)).max():.2e}")
c("60-61 + 62-63,67 (recursion with W_h^T): dBy", ok['By'], G['By'])
c("dWy = sum H^T grad y (correct)", ok['Wy'], G['Wy'])
c("64 as written: sum gradH_t[i]^T grad y", wrong['Wy64'], G['Wy'])
c("dWx = sum X^T gradA (correct; 65 has gradX instead of X)", ok['Wx'], G['Wx'])
c("dWh = sum H_{t-1}^T gradA (correct)", ok['Wh'], G['Wh'])
c("66 as written: sum gradA^T gradH_t[i]", wrong['Wh66'], G['Wh'])
c("51 read as gradA^T H_{t-1} (outer product in written order)", wrong['Wh51'], G['Wh'])
c("dBa = sum gradA (67 with nabla_y A read as gradA)", ok['Ba'], G['Ba'])
# line 68 without transpose: run the whole recursion with Wh instead of Wh^T
gHy = np.zeros((1, h)); dWx_a = 0
for k in reversed(range(s)):
    gA = (gy[k]@P['Wy'].T + gHy)*(1-H[k]**2); dWx_a += X[k].T@gA; gHy = gA@P['Wh']
c("68 as written (grad A . W_h, no transpose) -> dWx", dWx_a, G['Wx'])
# line 24: d|yhat-y|^2/dyhat = 2(yhat-y), not 2|yhat-y|
for k in range(s):
    if (yh[k]-Y[k]).min() < 0:
        Yk = Y[k]; f = lambda v: ((v-Yk)**2).sum(); v = yh[k].copy(); g = np.zeros_like(v)
        for j in np.ndindex(v.shape):
            v[j] += 1e-6; a = f(v); v[j] -= 2e-6; b = f(v); v[j] += 1e-6; g[j] = (a-b)/2e-6
        print("24 step", k, "2|yhat-y| =", 2*np.abs(yh[k]-Y[k]), " FD dL/dyhat =", g); break
# line 32: grad y . W_y is (1,o)(h,o): ill-typed unless transposed
print("32 shapes gy", gy[0].shape, "Wy", P['Wy'].shape, "-> needs Wy.T")
# line 49: dBy = grad yhat, not grad H_t (shape 1 x h vs 1 x o)
print("49 grad H_t shape", (gy[0]@P['Wy'].T).shape, "vs By", P['By'].shape)
# line 40/41 single step: dH/dA = 1 - H^2 elementwise
a0 = A[0].copy(); e = 1e-6
print("40 dtanh/dA diag maxerr", np.abs((np.tanh(a0+e)-np.tanh(a0-e))/(2*e) - (1-H[0]**2)).max())
