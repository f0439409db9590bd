# Finite-difference check of thothsm_lstm.py (THOTHSM/LSTM-Scratch LSTM.py), numpy only.
# The author's classes are executed from the note file; a correct reference BPTT (checked against central
# finite differences) supplies the true upstream quantities for the line-by-line checks.
import numpy as np, os
np.random.seed(1)
here = os.path.dirname(os.path.abspath(__file__))
ns = {}
exec(open(os.path.join(here, 'thothsm_lstm.py')).read(), ns)
LSTM, Tanh, Sigmoid = ns['LSTM'], ns['Tanh'], ns['Sigmoid']

n, T = 4, 5
net = LSTM(n)
for k in ('Uf','Wf','bf','Ui','Wi','bi','Uo','Wo','bo','Ug','Wg','bg'):
    setattr(net, k, 0.8*np.random.randn(*getattr(net, k).shape))
x = np.random.randn(T, 1)
G = np.random.randn(T, n)             # loss L = sum_t G[t] . h_t  ->  dvalues = G (row t = dL/dh_t, h_t = H[t+1])
pn = ['Uf','Wf','bf','Ui','Wi','bi','Uo','Wo','bo','Ug','Wg','bg']
sig = lambda z: 1/(1+np.exp(-z))

def fwd(P, ec=None, eh=None):
    h = np.zeros((n,1)); c = np.zeros((n,1)); Hs=[h]; Cs=[c]; cache=[]; L=0.0
    for t in range(T):
        xt = x[t].reshape(1,1)
        f = sig(P['Wf']@h + P['Uf']@xt + P['bf']); i = sig(P['Wi']@h + P['Ui']@xt + P['bi'])
        g = np.tanh(P['Wg']@h + P['Ug']@xt + P['bg']); o = sig(P['Wo']@h + P['Uo']@xt + P['bo'])
        cn = f*c + i*g
        if ec is not None: cn = cn + ec[t]
        hn = o*np.tanh(cn)
        if eh is not None: hn = hn + eh[t]
        cache.append(dict(h=h, c=c, f=f, i=i, g=g, o=o, cn=cn, xt=xt))
        h, c = hn, cn; Hs.append(h); Cs.append(c); L += float(G[t]@h[:,0])
    return L, cache, Hs, Cs
P = {k: getattr(net, k) for k in pn}
def fd(fun, X, eps=1e-6):
    D = np.zeros_like(X)
    for idx in np.ndindex(X.shape):
        o = X[idx]; X[idx] = o+eps; a = fun(); X[idx] = o-eps; b = fun(); X[idx] = o; D[idx] = (a-b)/(2*eps)
    return D
FD = {k: fd(lambda: fwd(P)[0], P[k]) for k in pn}
L, cache, Hs, Cs = fwd(P)

# reference BPTT
R = {k: np.zeros_like(P[k]) for k in pn}; ref = {}
dh = np.zeros((n,1)); dc = np.zeros((n,1))
for t in reversed(range(T)):
    C = cache[t]; dh = dh + G[t][:,None]
    dC = dh*C['o']*(1-np.tanh(C['cn'])**2) + dc
    dzf = dC*C['c']*C['f']*(1-C['f']); dzi = dC*C['g']*C['i']*(1-C['i']); dzg = dC*C['i']*(1-C['g']**2)
    dzo = dh*np.tanh(C['cn'])*C['o']*(1-C['o'])
    for gg, dz in (('f',dzf),('i',dzi),('g',dzg),('o',dzo)):
        R['U'+gg] += dz@C['xt']; R['W'+gg] += dz@C['h'].T; R['b'+gg] += dz
    ref[t] = dict(dh=dh, dC=dC, dzf=dzf, dzi=dzi, dzg=dzg, dzo=dzo)
    dh = P['Wf'].T@dzf + P['Wi'].T@dzi + P['Wg'].T@dzg + P['Wo'].T@dzo
    dc = dC*C['f']
ok = lambda a, b: np.max(np.abs(a-b)) <= 1e-6*max(1.0, np.max(np.abs(b)))
print('reference BPTT vs finite differences:', all(ok(R[k], FD[k]) for k in pn))
ec = {t: np.zeros((n,1)) for t in range(T)}
for t in range(T):
    assert ok(ref[t]['dC'], fd(lambda: fwd(P, ec=ec)[0], ec[t]))
print('reference dC_t equals the probed total dL/dc_t: True\n')

rows = []
def row(line, name, a, b):
    good = ok(a, b); rows.append((line, good))
    print('line %3d  %-66s %s  (max abs diff %.2e)' % (line, name, 'AGREE' if good else 'DIFFER', np.max(np.abs(a-b))))

z = np.random.randn(n,1); dv = np.random.randn(n,1)
th = Tanh(); th.forward(z); th.backward(dv)
row(6,  'Tanh.forward: outputs = tanh(inputs)', th.outputs, np.tanh(z))
row(9,  "Tanh.backward: 1 - outputs**2 = tanh'(inputs)", 1-th.outputs**2, np.array([[(np.tanh(v+1e-6)-np.tanh(v-1e-6))/2e-6] for v in z[:,0]]))
row(10, 'Tanh.backward: dinputs = dL/dinputs', th.dinputs, dv*np.array([[(np.tanh(v+1e-6)-np.tanh(v-1e-6))/2e-6] for v in z[:,0]]))
sg = Sigmoid(); sg.forward(z); sg.backward(dv)
row(15, 'Sigmoid.forward: clip at +-500 leaves sigma unchanged here', np.clip(z,-500,500), z)
row(16, 'Sigmoid.forward: sigmoid = 1/(1+exp(-inputs))', sg.outputs, sig(z))
row(17, 'Sigmoid.forward: outputs = sigmoid', sg.outputs, sig(z))
sd = np.array([[(sig(v+1e-6)-sig(v-1e-6))/2e-6] for v in z[:,0]])
row(20, "Sigmoid.backward: sigmoid = self.outputs = sigma(inputs)", sg.outputs, sig(z))
row(21, "Sigmoid.backward: s*(1-s) = sigma'(inputs)", sg.outputs*(1-sg.outputs), sd)
row(22, 'Sigmoid.backward: dinputs = dL/dinputs', sg.dinputs, dv*sd)

net.forward(x)
for t in range(T):
    assert ok(net.H[t+1], Hs[t+1]) and ok(net.C[t+1], Cs[t+1])
print('forward replica: H[t+1], C[t+1] of the author forward equal the replica (lines 89-119): True')
for line in (89,90,95,96,97,99,100,101,103,104,105,107,108,109,111,112,113,115,118,119):
    rows.append((line, True))
init = {k: getattr(net, 'd'+k).copy() for k in pn}
lines_init = {'Uf':61,'Wf':62,'bf':63,'Ui':66,'Wi':67,'bi':68,'Uo':71,'Wo':72,'bo':73,'Ug':76,'Wg':77,'bg':78}
for k in pn:
    row(lines_init[k], 'start value of accumulator d%s must be 0 (it is 0.1*randn)' % k, init[k], np.zeros_like(init[k]))

# ---- per-line checks in the backward, with TRUE upstream values, at every t ----
dv_ = G
row(123, 'dht (t=T-1) = dvalues[-1] = dL/dh_{T-1}', dv_[-1,:].reshape(n,1), ref[T-1]['dh'])
t = 2
row(130, 't==0: prev_H = H[0] = h_{-1} (initial state)', net.H[0], cache[0]['h'])
row(131, 't==0: prev_C = C[0] = c_{-1}', net.C[0], cache[0]['c'])
row(133, 't=%d: prev_H = H[t-1] must be h_{t-1} = H[t]' % t, net.H[t-1], cache[t]['h'])
row(134, 't=%d: prev_C = C[t-1] must be c_{t-1} = C[t]' % t, net.C[t-1], cache[t]['c'])
acc = {k: np.zeros_like(P[k]) for k in pn}
for t in reversed(range(T)):
    r = ref[t]; C = cache[t]; xt = x[t].reshape(1,1); prev_H = net.H[t]; prev_C = net.C[t]   # correct previous states
    net.tanh_ch[t].backward(np.multiply(r['dh'], net.O[t])); hpart = net.tanh_ch[t].dinputs
    if t == 1:
        row(137, 'tanh_ch.backward(dht*O): (1-tanh^2 c)*dht*o = h-path part of dL/dc_t', hpart, r['dC'] - (ref[t+1]['dC']*cache[t+1]['f']))
        row(138, 'dhotanch = that, used as the total dL/dc_t', hpart, r['dC'])
    dC = r['dC']
    net.sigmoid_f[t].backward(np.multiply(dC, prev_C)); a = net.sigmoid_f[t].dinputs
    net.sigmoid_i[t].backward(np.multiply(dC, net.C_tilda[t])); b = net.sigmoid_i[t].dinputs
    net.tanh_hc[t].backward(np.multiply(dC, net.I[t])); cc = net.tanh_hc[t].dinputs
    net.sigmoid_o[t].backward(np.multiply(r['dh'], net.tanh_ch[t].outputs)); d = net.sigmoid_o[t].dinputs
    if t == 1:
        row(139, 'sigmoid_f.backward(dC*c_{t-1})  (true dC, true c_{t-1})', a, r['dzf']); row(140, 'dhotanchf = dL/dfinput_t', a, r['dzf'])
        row(146, 'sigmoid_i.backward(dC*C_tilda)', b, r['dzi']); row(147, 'dhotanchi = dL/diinput_t', b, r['dzi'])
        row(153, 'tanh_hc.backward(dC*I)', cc, r['dzg']); row(154, 'dhotanchtanhc = dL/dctildainput_t', cc, r['dzg'])
        row(160, 'sigmoid_o.backward(dht*tanh(c_t))', d, r['dzo']); row(161, 'dhco = dL/doinput_t', d, r['dzo'])
        nxt = np.dot(net.Wf.T,a)+np.dot(net.Wi.T,b)+np.dot(net.Wg.T,cc)+np.dot(net.Wo.T,d)+(G[t-1,:].reshape(n,1) if t>0 else 0)
        row(167, 'dht <- Wf^T df + Wi^T di + Wg^T dg + Wo^T do + dvalues[t-1] = dL/dh_{t-1}', nxt, ref[t-1]['dh'])
    acc['Uf'] += np.dot(a, xt); acc['Wf'] += np.dot(a, prev_H.T); acc['bf'] += a
    acc['Ui'] += np.dot(b, xt); acc['Wi'] += np.dot(b, prev_H.T); acc['bi'] += b
    acc['Ug'] += np.dot(cc, xt); acc['Wg'] += np.dot(cc, prev_H.T); acc['bg'] += cc
    acc['Uo'] += np.dot(d, xt); acc['Wo'] += np.dot(d, prev_H.T); acc['bo'] += d
lines_acc = {'Uf':141,'Wf':142,'bf':143,'Ui':148,'Wi':149,'bi':150,'Ug':155,'Wg':156,'bg':157,'Uo':162,'Wo':163,'bo':164}
for k in pn:
    row(lines_acc[k], 'sum_t increment (true upstream, true h_{t-1}) = dL/d%s' % k, acc[k], FD[k])

# the same increments with the author's prev_H = H[t-1] (all else true): dW* wrong
accw = {k: np.zeros_like(P['W'+k]) for k in 'figo'}
for t in range(T):
    pH = net.H[0] if t == 0 else net.H[t-1]
    accw['f'] += ref[t]['dzf']@pH.T; accw['i'] += ref[t]['dzi']@pH.T; accw['g'] += ref[t]['dzg']@pH.T; accw['o'] += ref[t]['dzo']@pH.T
print('   [effect of line 133: sum dz_t H[t-1]^T vs dL/dWf: %s]' % ('AGREE' if ok(accw['f'], FD['Wf']) else 'DIFFER'))

# the author's backward exactly as written
net2 = LSTM(n)
for k in pn: setattr(net2, k, P[k].copy())
net2.forward(x); st = {k: getattr(net2, 'd'+k).copy() for k in pn}
net2.backward(G)
print('\nauthor backward as written vs finite differences:')
for k in pn:
    a = getattr(net2, 'd'+k); inc = a - st[k]
    print('   d%-3s final: %s   increments only (random start removed): %s' % (k, 'AGREE' if ok(a, FD[k]) else 'DIFFER', 'AGREE' if ok(inc, FD[k]) else 'DIFFER'))
print('\nsummary (author lines): agree', sorted({l for l, g in rows if g}), '\n differ', sorted({l for l, g in rows if not g}))
