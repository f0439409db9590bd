"""Forward-row checks for sturtz_lstm_method_report.tex (no backward pass in the source).
Reference model = the standard forget-gate LSTM the report describes (cites Calin 2020, p.555):
f = s(Wf h + Uf x + bf), i = s(Wi h + Ui x + bi), Cbar = tanh(Wc h + Uc x + bc),
C = f*Cprev + i*Cbar, o = s(Wo h + Uo x + bo), h_t = o*tanh(C).
Each row is evaluated as written and compared with the reference; a central finite
difference of a scalar loss w.r.t. x is also compared, to show rows that differ change the model."""
import numpy as np
rng = np.random.default_rng(63)
n, d = 4, 3
s = lambda z: 1/(1+np.exp(-z))
P = {k: rng.normal(size=(n, n)) for k in ['Wf','Wi','Wc','Wo','Wt']}
P.update({k: rng.normal(size=(n, d)) for k in ['Uf','Ui','Uc','Uo']})
P.update({k: rng.normal(size=n) for k in ['bf','bi','bc','bo']})
h, Cp, x = rng.normal(size=n), rng.normal(size=n), rng.normal(size=d)

def ref(x):
    f = s(P['Wf']@h + P['Uf']@x + P['bf']); i = s(P['Wi']@h + P['Ui']@x + P['bi'])
    Cb = np.tanh(P['Wc']@h + P['Uc']@x + P['bc']); C = f*Cp + i*Cb
    o = s(P['Wo']@h + P['Uo']@x + P['bo']); return dict(f=f, i=i, Cb=Cb, C=C, o=o, h=o*np.tanh(C))

def author(x):
    f = s(P['Wf']@h + P['Uf']@x + P['bf'])                 # line 18
    i = s(P['Wt']@h + P['Ui']@x + P['bi'])                 # line 28 (W_t, undefined; not W_i)
    Cb = np.tanh(P['Wc']@h + P['Uc']@x + P['bc'])          # line 29
    C = f*Cp + i*Cb                                        # line 27 (pointwise)
    o = s(P['Wo']@h)                                       # line 45
    return dict(f=f, i=i, Cb=Cb, C=C, o=o, h=o*np.tanh(C)) # line 44

R, A = ref(x), author(x)
def same(a, b): return np.allclose(a, b, atol=1e-12)
res = {}
res[18] = same(A['f'], R['f'])
res[28] = same(A['i'], R['i'])
res[29] = same(A['Cb'], R['Cb'])
# line 27 / 44 judged as formulas given the true values of what they use
res[27] = same(R['f']*Cp + R['i']*R['Cb'], R['C'])
res[44] = same(R['o']*np.tanh(R['C']), R['h'])
res[45] = same(A['o'], R['o'])
# the output gate of line 45 does not depend on x at all: FD of sum(o) wrt x is 0 for the author's row
eps = 1e-6
fd_auth = np.array([(author(x+eps*e)['o'].sum()-author(x-eps*e)['o'].sum())/(2*eps) for e in np.eye(d)])
fd_ref = np.array([(ref(x+eps*e)['o'].sum()-ref(x-eps*e)['o'].sum())/(2*eps) for e in np.eye(d)])
assert np.allclose(fd_auth, 0) and not np.allclose(fd_ref, 0)
expected = {18: True, 27: True, 28: False, 29: True, 44: True, 45: False}
for k, v in expected.items():
    assert res[k] == v, (k, res[k])
    print(k, 'pass' if res[k] else 'fail')
print('all verdicts confirmed')
