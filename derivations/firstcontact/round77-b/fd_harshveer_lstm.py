# Finite-difference check of harshveer_lstm.py (Harsh-veer/LSTM_from_scratch lstm.py), numpy only.
# The author's model() is executed from the note file itself (exec of its source lines), with small sizes
# and no clipping effect (gradients stay far below 5); a correct reference BPTT is used for the per-line
# checks, and is itself checked against central finite differences.
import numpy as np, re, os
np.random.seed(0)
here = os.path.dirname(os.path.abspath(__file__))
src = open(os.path.join(here, 'harshveer_lstm.py')).read()

H, V, T = 4, 5, 5
ns = {'vocab_size': V}
exec(src, ns)                     # defines softmax, sgm, dtanh, weights (hidden_size=100) and model
ns['hidden_size'] = H
names = ['Wgx','Wgh','Wix','Wih','Wox','Woh','Wfx','Wfh','Why','bg','bi','bo','bf','by']
shapes = {'Wgx':(H,V),'Wgh':(H,H),'Wix':(H,V),'Wih':(H,H),'Wox':(H,V),'Woh':(H,H),'Wfx':(H,V),'Wfh':(H,H),
          'Why':(V,H),'bg':(H,1),'bi':(H,1),'bo':(H,1),'bf':(H,1),'by':(V,1)}
P = {k: 0.5*np.random.randn(*shapes[k]) for k in names}
for k in names: ns[k] = P[k]
xs = np.eye(V)[np.random.randint(0, V, T)]
ys = np.eye(V)[np.random.randint(0, V, T)]
h0 = 0.3*np.random.randn(H,1); s0 = 0.3*np.random.randn(H,1)
i0 = np.random.rand(H,1); o0 = np.random.rand(H,1); f0 = np.random.rand(H,1)
sig = lambda z: 1/(1+np.exp(-z))

def forward(P, eh=None, es=None):
    """author's forward; eh[t], es[t] are additive probes on h_t and s_t (s probe before tanh(s) and the next step)."""
    hs, s, c = {-1: h0}, {-1: s0}, {}
    loss = 0.0
    for t in range(T):
        x = xs[t][:,None]
        g = np.tanh(P['Wgx']@x + P['Wgh']@hs[t-1] + P['bg'])
        zi = P['Wix']@x + P['Wih']@hs[t-1] + P['bi']; i = sig(zi)
        zo = P['Wox']@x + P['Woh']@hs[t-1] + P['bo']; o = sig(zo)
        zf = P['Wfx']@x + P['Wfh']@hs[t-1] + P['bf']; f = sig(zf)
        s[t] = g*i + f*s[t-1]
        if es is not None: s[t] = s[t] + es[t]
        hs[t] = np.tanh(s[t])*o
        if eh is not None: hs[t] = hs[t] + eh[t]
        yv = P['Why']@hs[t] + P['by']; p = np.exp(yv)/np.sum(np.exp(yv))
        loss += -np.log(p[np.argmax(ys[t]),0])
        c[t] = dict(x=x,g=g,zi=zi,i=i,zo=zo,o=o,zf=zf,f=f,s=s[t],h=hs[t],p=p)
    return loss, c, hs, s

def fd(fun, X, eps=1e-6):
    G = np.zeros_like(X)
    for idx in np.ndindex(X.shape):
        old = X[idx]; X[idx] = old+eps; lp = fun(); X[idx] = old-eps; lm = fun(); X[idx] = old
        G[idx] = (lp-lm)/(2*eps)
    return G

# true total gradients dL/dh_t and dL/ds_t via probes
Z = lambda: {t: np.zeros((H,1)) for t in range(T)}
eh, es = Z(), Z()
dH_true, dS_true = {}, {}
for t in range(T):
    dH_true[t] = fd(lambda: forward(P, eh=eh)[0], eh[t])
    dS_true[t] = fd(lambda: forward(P, es=es)[0], es[t])
# note: a probe on s_t before h_t sees both paths -> dS_true[t] is the total dL/ds_t

loss, c, hs, s = forward(P)
# ---------- reference (correct) BPTT ----------
R = {k: np.zeros_like(P[k]) for k in names}
dhnext = np.zeros((H,1)); dsnext = np.zeros((H,1))
ref = {}
for t in reversed(range(T)):
    C = c[t]; x = C['x']; hp = hs[t-1]; sp = s[t-1]
    dy = C['p'].copy(); dy[np.argmax(ys[t])] -= 1
    R['Why'] += dy@C['h'].T; R['by'] += dy
    dh = P['Why'].T@dy + dhnext
    dzo = dh*np.tanh(C['s'])*C['o']*(1-C['o'])
    ds = dh*C['o']*(1-np.tanh(C['s'])**2) + dsnext
    dzg = ds*C['i']*(1-C['g']**2); dzi = ds*C['g']*C['i']*(1-C['i']); dzf = ds*sp*C['f']*(1-C['f'])
    for gname, dz in (('o',dzo),('g',dzg),('i',dzi),('f',dzf)):
        R['W%sx'%gname] += dz@x.T; R['W%sh'%gname] += dz@hp.T; R['b%s'%gname] += dz
    ref[t] = dict(dh=dh, ds=ds, dy=dy, dzo=dzo, dzg=dzg, dzi=dzi, dzf=dzf, dhnext_in=dhnext, dsnext_in=dsnext)
    dhnext = P['Wfh'].T@dzf + P['Wgh'].T@dzg + P['Wih'].T@dzi + P['Woh'].T@dzo
    dsnext = ds*C['f']

def ok(a, b, tol=1e-6):
    return np.max(np.abs(a-b)) <= tol*max(1.0, np.max(np.abs(b)))
rows = []
def row(line, name, a, b):
    good = ok(a, b); rows.append((line, name, good, np.max(np.abs(a-b))))
    print('line %3d  %-62s %s  (max abs diff %.2e)' % (line, name, 'AGREE' if good else 'DIFFER', np.max(np.abs(a-b))))

print('reference BPTT vs finite differences (validates the harness):')
for k in names:
    G = fd(lambda: forward(P)[0], P[k])
    print('   %-4s %s' % (k, 'ok' if ok(R[k], G) else 'MISMATCH %.2e' % np.max(np.abs(R[k]-G))))
for t in range(T):
    assert ok(ref[t]['dh'], dH_true[t]) and ok(ref[t]['ds'], dS_true[t])
print('   reference dh_t, ds_t equal the probed dL/dh_t, dL/ds_t: ok\n')

sgm, dtanh, softmax = ns['sgm'], ns['dtanh'], ns['softmax']
z = np.random.randn(H,1)
row(5,  'softmax(y) = exp(y)/sum exp(y)', softmax(z), np.exp(z-z.max())/np.exp(z-z.max()).sum())
row(9,  "sgm(y,True) = sigma'(y)", sgm(z,True), np.array([[ (sig(v+1e-6)-sig(v-1e-6))/2e-6 ] for v in z[:,0]]))
row(11, 'sgm(y) = sigma(y)', sgm(z), sig(z))
row(14, "dtanh(y) = tanh'(y)", dtanh(z), np.array([[ (np.tanh(v+1e-6)-np.tanh(v-1e-6))/2e-6 ] for v in z[:,0]]))

# per-line local checks with TRUE upstream quantities
t = 2; C = c[t]; x = C['x']; hp = hs[t-1]; sp = s[t-1]; r = ref[t]
dh = dH_true[t]; ds = dS_true[t]
lab = np.argmax(ys[t]); yv = P['Why']@C['h'] + P['by']
row(72, 'dy = p - onehot = d(-log softmax(y)[label])/dy', r['dy'], fd(lambda: -np.log(np.exp(yv[lab,0])/np.sum(np.exp(yv))), yv))
row(74, 'sum_t dy h_t^T = dL/dWhy', R['Why'], fd(lambda: forward(P)[0], P['Why']))
row(75, 'sum_t dy = dL/dby', R['by'], fd(lambda: forward(P)[0], P['by']))
row(77, 'dh = Why^T dy + dhnext (correct dhnext) = dL/dh_t', P['Why'].T@r['dy'] + r['dhnext_in'], dH_true[t])
# the step-t parts of the parameter gradients (lines 78-91): sum over t with true dh, ds equals FD
acc = {k: np.zeros_like(P[k]) for k in names}
for tt in range(T):
    Ct = c[tt]; xx = Ct['x']; hpp = hs[tt-1]; spp = s[tt-1]; dht = dH_true[tt]; dst = dS_true[tt]
    acc['Woh'] += np.dot(dht*np.tanh(Ct['s'])*sgm(Ct['zo'],True), hpp.T)
    acc['Wox'] += np.dot(dht*np.tanh(Ct['s'])*sgm(Ct['zo'],True), xx.T)
    acc['bo']  += dht*np.tanh(Ct['s'])*sgm(Ct['zo'],True)
    acc['Wgx'] += np.dot(dst*Ct['i']*(1-Ct['g']*Ct['g']), xx.T)
    acc['Wgh'] += np.dot(dst*Ct['i']*(1-Ct['g']*Ct['g']), hpp.T)
    acc['bg']  += dst*Ct['i']*(1-Ct['g']*Ct['g'])
    acc['Wix'] += np.dot(dst*Ct['g']*sgm(Ct['zi'],True), xx.T)
    acc['Wih'] += np.dot(dst*Ct['g']*sgm(Ct['zi'],True), hpp.T)
    acc['bi']  += dst*Ct['g']*sgm(Ct['zi'],True)
    acc['Wfx'] += np.dot(dst*spp*sgm(Ct['zf'],True), xx.T)
    acc['Wfh'] += np.dot(dst*spp*sgm(Ct['zf'],True), hpp.T)
    acc['bf']  += dst*spp*sgm(Ct['zf'],True)
for line, k in ((78,'Woh'),(79,'Wox'),(80,'bo'),(83,'Wgx'),(84,'Wgh'),(85,'bg'),(86,'Wix'),(87,'Wih'),(88,'bi'),(89,'Wfx'),(90,'Wfh'),(91,'bf')):
    row(line, 'sum_t (author step term with true dh_t, ds_t) = dL/d%s' % k, acc[k], fd(lambda: forward(P)[0], P[k]))
# line 82: ds = dh*o*dtanh(s) + dsnext with true dh and true dsnext (= ds_{t+1} f_{t+1})
row(82, 'ds = dh*o*dtanh(s) + dsnext(true) = dL/ds_t', dh*C['o']*dtanh(C['s']) + dS_true[t+1]*c[t+1]['f'], ds)
# lines 93-94: author's dhnext, with true dh, vs true future part of dL/dh_{t-1}
dhpreh = dtanh(C['s'])*C['o']*(np.dot(P['Wfh'].T,sgm(C['zf'],True))*sp + np.dot(P['Wgh'].T,1-C['g']*C['g'])*C['i'] + np.dot(P['Wih'].T,sgm(C['zi'],True))*C['g']) + np.dot(P['Woh'].T,sgm(C['zo'],True))*np.tanh(C['s'])
true_future_hprev = dH_true[t-1] - P['Why'].T@ref[t-1]['dy']
v = np.random.randn(H,1)
# 93: dhpreh as a 'diagonal Jacobian' of h_t wrt h_{t-1} (h-path only, no dsnext): compare dhpreh*v with J^T v
def h_of_hprev(hprev):
    x = C['x']
    g = np.tanh(P['Wgx']@x + P['Wgh']@hprev + P['bg']); i = sig(P['Wix']@x + P['Wih']@hprev + P['bi'])
    o = sig(P['Wox']@x + P['Woh']@hprev + P['bo']); f = sig(P['Wfx']@x + P['Wfh']@hprev + P['bf'])
    return np.tanh(g*i + f*sp)*o
hv = hp.copy(); JTv = fd(lambda: (v.T@h_of_hprev(hv)).item(), hv)
row(93, 'dhpreh*v = (dh_t/dh_{t-1})^T v  (v random)', dhpreh*v, JTv)
row(94, 'dhnext = dhpreh*dh = future part of dL/dh_{t-1}', dhpreh*dh, true_future_hprev)
row(94, '  [correct: Wfh^T dzf + Wgh^T dzg + Wih^T dzi + Woh^T dzo]', P['Wfh'].T@(ds*sp*C['f']*(1-C['f'])) + P['Wgh'].T@(ds*C['i']*(1-C['g']**2)) + P['Wih'].T@(ds*C['g']*C['i']*(1-C['i'])) + P['Woh'].T@(dh*np.tanh(C['s'])*C['o']*(1-C['o'])), true_future_hprev)
op = c[t-1]['o']
dhpres = dtanh(C['s'])*(C['i']*(np.dot(P['Wgh'].T,1-C['g']*C['g'])*op*dtanh(sp)) + C['g']*(np.dot(P['Wih'].T,sgm(C['zi'],True))*op*dtanh(sp)) + np.dot(P['Wfh'].T,sgm(C['zf']))*op*dtanh(sp) + C['f'])*C['o'] + np.dot(P['Woh'].T,sgm(C['zo'],True))*np.tanh(C['s'])*op*dtanh(sp)
# 95: dhpres*v claimed as the s_{t-1} sensitivity: the direct path is f_t*(ds_t), with ds_t = v*o*tanh'(s_t) for v = dL/dh_t
row(95, 'dhpres*v = f_t*(v*o_t*tanh\'(s_t))  (v = dh, no dsnext)', dhpres*v, C['f']*(v*C['o']*dtanh(C['s'])))
row(96, 'dsnext = dhpres*dh = ds_t*f_t (direct part of dL/ds_{t-1})', dhpres*dh, ds*C['f'])
row(96, '  [correct: ds*f]', ds*C['f'], dS_true[t-1] - dH_true[t-1]*c[t-1]['o']*dtanh(sp))

# the author's whole model() as written, vs finite differences
out = ns['model'](xs, ys, h0, s0, i0, o0, f0)
auth = dict(zip(['dWgh','dWih','dWfh','dWoh','dWgx','dWix','dWfx','dWox','dbg','dbi','dbf','dbo','dWhy','dby'], out[1:15]))
print('\nauthor model() (as written) vs finite differences, loss %.6f vs %.6f:' % (np.ravel(out[0])[0], loss))
for k in names:
    G = fd(lambda: forward(P)[0], P[k]); a = auth['d'+k]
    print('   d%-4s %s (max |author|=%.2f, clip at 5 %s)' % (k, 'AGREE' if ok(a, G) else 'DIFFER %.2e' % np.max(np.abs(a-G)), np.max(np.abs(a)), 'hit' if np.max(np.abs(a))>=5 else 'not hit'))
if np.isclose(np.ravel(out[0])[0], loss):
    rows.extend((l, 'forward (replica loss equals author loss)', True, 0.0) for l in (41,42,43,44,45,49,50,51,52,53,54,55,56,57,58,59,61,71))
main = [r for r in rows if not r[1].startswith('  [')]
print('\nforward replica: author loss equals the replica loss:', np.isclose(np.ravel(out[0])[0], loss))
print('summary (author lines): agree', sorted({r[0] for r in main if r[2]}), ' differ', sorted({r[0] for r in main if not r[2]}))
