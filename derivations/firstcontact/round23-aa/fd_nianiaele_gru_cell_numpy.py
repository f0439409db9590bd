# Standalone FD check of nianiaele/gru-cell-in-numpy gru.py @3301d00 (nianiaele_gru_cell_numpy.md).
# Column layout, 1-D vectors as documented: x (d,), h (h,), delta (h,) = dL/dh_t.  Loss L = delta . h_t.
# Each backward line is judged LOCALLY: its inputs are set to the TRUE upstream gradients (central FD),
# the line's own operation (through the author's deriv helper, transcribed) is applied, and the result
# is compared with the FD gradient of the quantity the line writes into (for `+=` into a variable fed
# by several paths: the FD partial through that path only).
import numpy as np
rng = np.random.default_rng(3)
d, H = 3, 4
Wzh, Wrh, Wh = [rng.normal(size=(H, H))*0.7 for _ in range(3)]
Wzx, Wrx, Wx = [rng.normal(size=(H, d))*0.7 for _ in range(3)]
x0 = rng.normal(size=d); h0 = rng.normal(size=H); delta = rng.normal(size=H)
sig = lambda v: 1/(1+np.exp(-v))

def fwd(W=None, pert=None):
    W = W or {}; p = pert or {}
    g = lambda k: W.get(k, globals()[k]); e = lambda k: p.get(k, 0.0)
    v = {}
    v['z1'] = g('Wzh')@(h0+e('h@1')) + e('z1'); v['z2'] = g('Wzx')@(x0+e('x@2')) + e('z2')
    v['z3'] = v['z1']+v['z2'] + e('z3'); v['zt'] = sig(v['z3']) + e('zt')
    v['z4'] = g('Wrh')@(h0+e('h@4')) + e('z4'); v['z5'] = g('Wrx')@(x0+e('x@5')) + e('z5')
    v['z6'] = v['z4']+v['z5'] + e('z6'); v['rt'] = sig(v['z6']) + e('rt')
    v['z7'] = v['rt']*(h0+e('h@7')) + e('z7'); v['z8'] = g('Wh')@v['z7'] + e('z8')
    v['z9'] = g('Wx')@(x0+e('x@9')) + e('z9'); v['z10'] = v['z8']+v['z9'] + e('z10')
    v['hthat'] = np.tanh(v['z10']) + e('hthat')
    v['z11'] = 1-(v['zt']+e('zt@11')) + e('z11'); v['z12'] = v['z11']*(h0+e('h@12')) + e('z12')
    v['z13'] = (v['zt']+e('zt@13'))*v['hthat'] + e('z13'); v['ht'] = v['z12']+v['z13']
    return v
L = lambda W=None, pert=None: delta@fwd(W, pert)['ht']
v = fwd(); eps = 1e-6
def G(key):                      # true dL/d(key) by central FD
    n = v[key].shape[0] if key in v else (H if key[0] in 'hz' else d)
    out = np.zeros(n)
    for i in range(n):
        E = np.zeros(n); E[i] = eps
        out[i] = (L(pert={key: E}) - L(pert={key: -E}))/(2*eps)
    return out
def GW(name):
    M = globals()[name]; out = np.zeros_like(M)
    for idx in np.ndindex(*M.shape):
        P = M.copy(); P[idx] += eps; Mm = M.copy(); Mm[idx] -= eps
        out[idx] = (L({name: P}) - L({name: Mm}))/(2*eps)
    return out
# author's helper, transcribed (lines 204-220 of the .md)
class Act:
    def __init__(s, res, kind): s.res = res; s.kind = kind
    def backward(s): return s.res*(1-s.res) if s.kind == 'sig' else 1-(s.res**2)
def deriv(dz, operator, x=None, y=None, act_fn=None):
    if operator == None: return dz
    elif operator == '*': return dz*np.transpose(x), dz*np.transpose(y)
    elif operator == '@': return dz@y, x@dz
    elif operator == '+': return dz, dz
    elif operator == '-': return dz, -dz
    elif operator == 'act': return dz*act_fn.backward()
def cmp(val, ref):
    try:
        val = np.asarray(val, dtype=float)
        return val.shape == ref.shape and np.allclose(val, ref, atol=1e-6)
    except Exception:
        return False
def safe(f):
    try: return f()
    except Exception: return None
res = {}
# activation helpers (lines 11, 14, 23, 26)
t = rng.normal(size=5)
res[11] = np.allclose(1/(1+np.exp(-t)), sig(t))
res[14] = np.allclose(sig(t)*(1-sig(t)), (sig(t+eps)-sig(t-eps))/(2*eps), atol=1e-6)
res[23] = np.allclose(np.tanh(t), (np.exp(t)-np.exp(-t))/(np.exp(t)+np.exp(-t)))
res[26] = np.allclose(1-np.tanh(t)**2, (np.tanh(t+eps)-np.tanh(t-eps))/(2*eps), atol=1e-6)
# forward lines vs standard GRU h_t = (1-z)h + z tanh(Wx x + Wh (r*h)), no biases
z = sig(Wzh@h0+Wzx@x0); r = sig(Wrh@h0+Wrx@x0); hh = np.tanh(Wh@(r*h0)+Wx@x0); ht = (1-z)*h0+z*hh
ref = {74: Wzh@h0, 75: Wzx@x0, 76: Wzh@h0+Wzx@x0, 77: z, 79: Wrh@h0, 80: Wrx@x0, 81: Wrh@h0+Wrx@x0, 82: r,
       84: r*h0, 85: Wh@(r*h0), 86: Wx@x0, 87: Wh@(r*h0)+Wx@x0, 88: hh, 90: 1-z, 91: (1-z)*h0, 92: z*hh}
names = {74:'z1',75:'z2',76:'z3',77:'zt',79:'z4',80:'z5',81:'z6',82:'rt',84:'z7',85:'z8',86:'z9',87:'z10',88:'hthat',90:'z11',91:'z12',92:'z13'}
for ln in ref: res[ln] = np.allclose(v[names[ln]], ref[ln])
res[93] = np.allclose(v['ht'], ht)
gz = {k: G(k) for k in ['z1','z2','z3','zt','z4','z5','z6','rt','z7','z8','z9','z10','hthat','z11','z12','z13',
                        'zt@11','zt@13','h@1','h@4','h@7','h@12','x@2','x@5','x@9']}
sA = Act(sig(v['z3']), 'sig'); rA = Act(sig(v['z6']), 'sig'); hA = Act(v['hthat'], 'tanh')
a, b = deriv(delta, '+', v['z12'], v['z13']); res[113] = cmp(a, gz['z12']); res[114] = cmp(b, gz['z13'])
a, b = deriv(gz['z13'], '*', v['zt'], v['hthat']); res[116] = cmp(a, gz['zt@13']); res[117] = cmp(b, gz['hthat'])
a, b = deriv(gz['z12'], '*', v['z11'], h0); res[119] = cmp(a, gz['z11']); res[120] = cmp(b, gz['h@12'])
dz11 = gz['z11'].copy(); a, b = deriv(dz11, '-', 1, v['zt']); dz11 = dz11 + b
res[122] = cmp(dz11, gz['z11'])          # the line leaves dz11 = 0 and adds nothing to dzt (true: dzt@11 = -dz11)
res[126] = cmp(deriv(gz['hthat'], 'act', 0, 0, hA), gz['z10'])
a, b = deriv(gz['z10'], '+', v['z8'], v['z9']); res[128] = cmp(a, gz['z8']); res[129] = cmp(b, gz['z9'])
r_ = safe(lambda: deriv(gz['z9'], '@', Wx, x0)); res[131] = r_ is not None and cmp(r_[0], GW('Wx')); res[132] = r_ is not None and cmp(r_[1], gz['x@9'])
r_ = safe(lambda: deriv(gz['z8'], '@', Wh, v['z7'])); res[134] = r_ is not None and cmp(r_[0], GW('Wh')); res[135] = r_ is not None and cmp(r_[1], gz['z7'])
a, b = deriv(gz['z7'], '*', v['rt'], h0); res[137] = cmp(a, gz['rt']); res[138] = cmp(b, gz['h@7'])
res[142] = cmp(deriv(gz['rt'], 'act', 0, 0, rA), gz['z6'])
a, b = deriv(v['z6'], '+', v['z4'], v['z5']); res[144] = cmp(a, gz['z4']); res[145] = cmp(b, gz['z5'])
r_ = safe(lambda: deriv(gz['z5'], '@', Wrx, x0)); res[147] = r_ is not None and cmp(r_[0], GW('Wrx')); res[148] = r_ is not None and cmp(r_[1], gz['x@5'])
r_ = safe(lambda: deriv(gz['z4'], '@', Wrh, h0)); res[150] = r_ is not None and cmp(r_[0], GW('Wrh')); res[151] = r_ is not None and cmp(r_[1], gz['h@4'])
res[155] = cmp(deriv(gz['zt'], 'act', 0, 0, sA), gz['z3'])
a, b = deriv(gz['z3'], '+', v['z1'], v['z2']); res[157] = cmp(a, gz['z1']); res[158] = cmp(b, gz['z2'])
r_ = safe(lambda: deriv(gz['z2'], '@', Wzx, x0)); res[160] = r_ is not None and cmp(r_[0], GW('Wzx')); res[161] = r_ is not None and cmp(r_[1], gz['x@2'])
r_ = safe(lambda: deriv(gz['z1'], '@', Wzh, h0)); res[163] = r_ is not None and cmp(r_[0], GW('Wzh')); res[164] = r_ is not None and cmp(r_[1], gz['h@1'])
# the generic rules in deriv (lines 208-218), tested on a random scalar loss w . z
X_, Y_, w = rng.normal(size=H), rng.normal(size=H), rng.normal(size=H)
a, b = deriv(w, '*', X_, Y_); res[208] = cmp(a, w*Y_) and cmp(b, w*X_)          # caller takes a as dL/dx
M_ = rng.normal(size=(H, H)); r_ = safe(lambda: deriv(w, '@', M_, X_))
res[210] = r_ is not None and cmp(r_[0], np.outer(w, X_)) and cmp(r_[1], M_.T@w)
a, b = deriv(w, '+', X_, Y_); res[212] = cmp(a, w) and cmp(b, w)
a, b = deriv(w, '-', X_, Y_); res[214] = cmp(a, w) and cmp(b, -w)
res[218] = cmp(deriv(w, 'act', 0, 0, Act(np.tanh(X_), 'tanh')), w*(1-np.tanh(X_)**2))
for line in sorted(res):
    print(f"line {line}: {'OK' if res[line] else 'MISMATCH'}")
