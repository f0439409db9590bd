"""Finite-difference check of zh_hexo_lstm_backprop_cpp.md.
Row-vector LSTM (1 x input_size inputs), gate g: g_t = act(x_t W_gx + h_{t-1} W_gh + b_g), C_t = f*C_{t-1} + i*C~_t,
h_t = o*tanh(C_t); `\\cdot` = element-wise, `\\times` = matrix product.  Loss: L = sum_t R_t . h_t (section 3.1's
"last unit": its h gradient comes from the output only).  Rows of 3.1 are checked at t = T (last unit) as the
author scopes them; parameter rows as step-T contributions (per-step weight copies; 3.3 says they are accumulated);
dL/dh_{t-1}, dL/dx_t as the output-gate path (the text: four such gradients are summed)."""
import numpy as np
rng = np.random.default_rng(1)
I, H, T = 2, 3, 4
sig = lambda z: 1/(1+np.exp(-z))
Wx = {g: rng.normal(size=(I, H))*0.7 for g in 'ifco'}
Wh = {g: rng.normal(size=(H, H))*0.7 for g in 'ifco'}
b = {g: rng.normal(size=(1, H))*0.3 for g in 'ifco'}
X = [rng.normal(size=(1, I)) for _ in range(T)]
R = [rng.normal(size=(1, H)) for _ in range(T)]
h0 = rng.normal(size=(1, H))*0.5; C0 = rng.normal(size=(1, H))*0.5

def fwd(taps=None):
    taps = taps or {}
    tp = lambda n, t, v: v + taps.get((n, t), 0)
    h, C = h0, C0; L = 0.0; cache = []
    for t in range(T):
        x = X[t]
        pre = {}
        for g in 'ifco':
            pre[g] = tp('x_'+g, t, x) @ (Wx[g] + taps.get(('Wx'+g, t), 0)) + tp('h_'+g, t, h) @ (Wh[g] + taps.get(('Wh'+g, t), 0)) + b[g] + taps.get(('b'+g, t), 0)
        i_, f_, o_ = [tp(g, t, sig(pre[g])) for g in 'ifo']
        Ct = tp('c~', t, np.tanh(pre['c']))
        Cn = tp('C', t, f_*tp('Cprev_via_C', t, C) + i_*Ct)
        hn = tp('h', t, o_*np.tanh(Cn))
        L += np.sum(R[t]*hn)
        cache.append(dict(i=i_, f=f_, o=o_, Ct=Ct, C=Cn, Cprev=C, hprev=h, x=x))
        h, C = hn, Cn
    return L, cache

def fd(name, t, shape, eps=1e-6):
    g = np.zeros(shape)
    for idx in np.ndindex(*shape):
        E = np.zeros(shape); E[idx] = eps
        g[idx] = (fwd({(name, t): E})[0] - fwd({(name, t): -E})[0])/(2*eps)
    return g
ok = lambda A, B_: np.allclose(A, B_, atol=1e-7)
_, K = fwd(); t = T-1; k = K[t]
dh = fd('h', t, (1, H))
print('dL/dh_T = R_T (only from the output):', ok(dh, R[t]))
do = dh*np.tanh(k['C'])
print('L60 dL/do_t = dL/dh_t . tanh(C_t):', ok(fd('o', t, (1, H)), do))
dpre_o = do*(k['o']*(1-k['o']))
print('L72 dL/db_o (step T):', ok(fd('bo', t, (1, H)), dpre_o))
# generic matrix identities
Xm = rng.normal(size=(2, 3)); Wm = rng.normal(size=(3, 4)); G = rng.normal(size=(2, 4))
f = lambda Xa, Wa: np.sum(G*(Xa@Wa))
num = lambda F, A: np.array([(F(A+E)-F(A-E))/2e-6 for E in [np.eye(A.size)[j].reshape(A.shape)*1e-6 for j in range(A.size)]]).reshape(A.shape)
print('L78 dL/dX = dL/dY x W^T:', ok(num(lambda A: f(A, Wm), Xm), G@Wm.T))
print('L80 dL/dW = X^T x dL/dY:', ok(num(lambda A: f(Xm, A), Wm), Xm.T@G))
print('L84 dL/dh_{t-1} (output-gate path) = dpre_o x W_oh^T:', ok(fd('h_o', t, (1, H)), dpre_o@Wh['o'].T))
print('L86 dL/dx_t (output-gate path) = dpre_o x W_ox^T:', ok(fd('x_o', t, (1, I)), dpre_o@Wx['o'].T))
print('L88 dL/dW_oh (step T) = h_{t-1}^T x dpre_o:', ok(fd('Who', t, (H, H)), k['hprev'].T@dpre_o))
print('L90 dL/dW_ox (step T) = x_t^T x dpre_o:', ok(fd('Wxo', t, (I, H)), k['x'].T@dpre_o))
dC = fd('C', t, (1, H))
print('L96 (2) dL/dC_T = dL/dh_T . o_T . (1-tanh^2 C_T):', ok(dC, dh*k['o']*(1-np.tanh(k['C'])**2)))
print('L108 dL/df_t = dL/dC_t . C_{t-1}:', ok(fd('f', t, (1, H)), dC*k['Cprev']))
print('L110 (3) dL/dC_{t-1} (via C_t) = dL/dC_t . f_t:', ok(fd('Cprev_via_C', t, (1, H)), dC*k['f']))
print('L112 dL/di_t = dL/dC_t . C~_t:', ok(fd('i', t, (1, H)), dC*k['Ct']))
print('L114 dL/dC~_t = dL/dC_t . i_t:', ok(fd('c~', t, (1, H)), dC*k['i']))
# section 3.2 claim at an inner step: dL/dC_t = (2) with total dL/dh_t + (3) from the next unit
t2 = 1; k2 = K[t2]; k3 = K[t2+1]
dC2 = fd('C', t2, (1, H)); dh2 = fd('h', t2, (1, H)); dC3 = fd('C', t2+1, (1, H))
print('3.2: inner dL/dC_t = (2) + (3):', ok(dC2, dh2*k2['o']*(1-np.tanh(k2['C'])**2) + dC3*k3['f']))
print('3.1.2 inline: (tanh x)\' = 1 - tanh^2 x:', ok((np.tanh(0.3+1e-6)-np.tanh(0.3-1e-6))/2e-6, 1-np.tanh(0.3)**2))
print('L68 S\'(x) = S(x)(1-S(x)):', ok((sig(0.3+1e-6)-sig(0.3-1e-6))/2e-6, sig(0.3)*(1-sig(0.3))))
nparam = sum(Wx[g].size + Wh[g].size + b[g].size for g in 'ifco')
print('L40 P = 4(I H + H H + H):', nparam == 4*(I*H + H*H + H))
