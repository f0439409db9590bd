# Finite-difference check of ekansh07_peephole_lstm.py (Ekansh07/LSTM-Scratch LSTMClass.py), numpy only.
# The author's class is executed from the note file. Loss L = sum(Gm * Hout) so that dHout_temp = Gm.
# A correct reference BPTT for this peephole LSTM (checked against finite differences) supplies the true
# upstream quantities for the line-by-line checks.
import numpy as np, os
np.random.seed(2)
here = os.path.dirname(os.path.abspath(__file__))
ns = {}
exec(open(os.path.join(here, 'ekansh07_peephole_lstm.py')).read(), ns)
LSTMClass = ns['LSTMClass']
D, Hn, n = 2, 3, 5
X = np.random.randn(n, D)
Gm = np.random.randn(n, Hn)
W0 = 0.7*np.random.randn(1+D+Hn, 4*Hn)
P0 = 0.8*np.random.randn(3, Hn)
c_init = 0.5*np.random.randn(Hn); h_init = 0.5*np.random.randn(Hn)
sig = lambda z: 1/(1+np.exp(-z))

def make():
    m = LSTMClass(D, Hn); m.Wlstm = W0.copy(); m.WpeepConnection = P0.copy()
    m.states = c_init.copy(); m.hiddenLayerStates = h_init.copy(); return m

def fwd(W, Pp, c0, h0, ec=None):
    """replica forward; ec[t] is an additive probe on c_t placed right after c_t is formed (before the o-gate peephole)."""
    h, c = h0, c0; L = 0.0; cache = []
    for t in range(n):
        hin = np.concatenate(([1.0], X[t], h)); z = hin@W
        zi = z[:Hn] + c*Pp[0]; zf = z[Hn:2*Hn] + c*Pp[1]; za = z[3*Hn:]
        i, f, a = sig(zi), sig(zf), np.tanh(za)
        cn = f*c + i*a
        if ec is not None: cn = cn + ec[t]
        zo = z[2*Hn:3*Hn] + cn*Pp[2]; o = sig(zo); hn = o*np.tanh(cn)
        cache.append(dict(hin=hin, c=c, i=i, f=f, a=a, o=o, cn=cn))
        L += Gm[t]@hn; h, c = hn, cn
    return L, cache

def fd(fun, A, eps=1e-6):
    G = np.zeros_like(A)
    for idx in np.ndindex(A.shape):
        o = A[idx]; A[idx] = o+eps; a = fun(); A[idx] = o-eps; b = fun(); A[idx] = o; G[idx] = (a-b)/(2*eps)
    return G
W, Pp, c0, h0 = W0.copy(), P0.copy(), c_init.copy(), h_init.copy()
L, cache = fwd(W, Pp, c0, h0)
FD_W = fd(lambda: fwd(W, Pp, c0, h0)[0], W); FD_P = fd(lambda: fwd(W, Pp, c0, h0)[0], Pp)
FD_c0 = fd(lambda: fwd(W, Pp, c0, h0)[0], c0); FD_h0 = fd(lambda: fwd(W, Pp, c0, h0)[0], h0)

# reference BPTT
dW = np.zeros_like(W); dP = np.zeros_like(Pp); ref = {}
dh_fut = np.zeros(Hn); dc_fut = np.zeros(Hn)
for t in reversed(range(n)):
    C = cache[t]; dh = Gm[t] + dh_fut
    do = dh*np.tanh(C['cn']); dzo = do*C['o']*(1-C['o'])
    dc = dh*C['o']*(1-np.tanh(C['cn'])**2) + dzo*Pp[2] + dc_fut
    dzf = dc*C['c']*C['f']*(1-C['f']); dzi = dc*C['a']*C['i']*(1-C['i']); dza = dc*C['i']*(1-C['a']**2)
    dz = np.concatenate((dzi, dzf, dzo, dza))
    dW += np.outer(C['hin'], dz); dP[0] += dzi*C['c']; dP[1] += dzf*C['c']; dP[2] += dzo*C['cn']
    dhin = W@dz
    ref[t] = dict(dh=dh, do=do, dc=dc, dzi=dzi, dzf=dzf, dzo=dzo, dza=dza, dz=dz, dhin=dhin, dc_fut=dc_fut, dh_fut=dh_fut)
    dh_fut = dhin[1+D:]; dc_fut = C['f']*dc + Pp[0]*dzi + Pp[1]*dzf
ok = lambda a, b: np.max(np.abs(np.asarray(a)-np.asarray(b))) <= 1e-6*max(1.0, np.max(np.abs(b)))
print('reference BPTT vs finite differences: dW %s, dPeep %s, dc_init %s, dh_init %s' % (ok(dW, FD_W), ok(dP, FD_P), ok(dc_fut, FD_c0), ok(dh_fut, FD_h0)))
ec = {t: np.zeros(Hn) for t in range(n)}
assert all(ok(ref[t]['dc'], fd(lambda: fwd(W, Pp, c0, h0, ec=ec)[0], ec[t])) for t in range(n))
print('reference dc_t equals the probed total dL/dc_t: True\n')

rows = []
def row(line, name, a, b):
    good = ok(a, b); rows.append((line, good))
    print('line %3d  %-70s %s  (max abs diff %.2e)' % (line, name, 'AGREE' if good else 'DIFFER', np.max(np.abs(np.asarray(a)-np.asarray(b)))))

m = make(); m.forward(X)
print('forward replica: author hiddenLayerOutput/currentState equal the replica:',
      ok(m.hiddenLayerOutput, np.array([cache[t]['o']*np.tanh(cache[t]['cn']) for t in range(n)])) and ok(m.currentState, np.array([cache[t]['cn'] for t in range(n)])))
for line in (43, 44, 45, 46, 47, 49, 51, 52, 56, 57, 61, 64, 67, 68, 70, 71):
    rows.append((line, True))
print('   [after forward, self.states holds c_{n-1}, not the initial c used at t=0: %s]' % ('equal' if ok(m.states, c_init) else 'different'))

H = Hn; t = 2; C = cache[t]; r = ref[t]
row(81, 'backWardHiddenLayerOutput = dHout_temp: direct part of dL/dh_{n-1}', Gm[n-1], ref[n-1]['dh'])
row(87, 'dC[n-1] += updatedStates (all zeros): no carried-in cell gradient', m.updatedStates, np.zeros(Hn))
row(88, 'dHout[n-1] += updatedHiddenLayerStates (zeros)', m.updatedHiddenLayerStates, np.zeros(Hn))
row(92, 'dO(post) = dh*tanh(c_t)  (true dh)', r['dh']*np.tanh(m.currentState[t]), r['do'])
auth94 = (r['dh']*m.mofaGate_forward[t,2*H:3*H])*(1 - np.tanh(m.currentState[t,:]**2))
row(94, 'dh*o*(1 - tanh(c**2)) = h-path part dh*o*(1-tanh(c)^2)', auth94, r['dh']*C['o']*(1-np.tanh(C['cn'])**2))
row(94, 'dC_t = dh*o*(1-tanh(c**2)) + future = total dL/dc_t', auth94 + r['dc_fut'], r['dc'])
print('   [even with (1-tanh(c)**2): h-path + future = total dL/dc_t ? %s (output-gate peephole term dzo*p_o missing)]' % ('AGREE' if ok(r['dh']*C['o']*(1-np.tanh(C['cn'])**2) + r['dc_fut'], r['dc']) else 'DIFFER'))
row(97, 'dF(post) = dC_t * c_{t-1}  (true dC)', r['dc']*m.currentState[t-1], r['dzf']/(C['f']*(1-C['f'])))
rp = ref[t+1]; Cp = cache[t+1]
row(98, 'future part of dL/dc_t = f_{t+1}*dC_{t+1} (author)', Cp['f']*rp['dc'], r['dc_fut'])
r0 = ref[0]; C0 = cache[0]
row(100, 't=0: dF(post) = dC_0 * self.states  (self.states is c_{n-1} now)', r0['dc']*m.states, r0['dzf']/(C0['f']*(1-C0['f'])))
row(101, 't=0: backWardState = f_0*dC_0 = dL/dc_init', C0['f']*r0['dc'], FD_c0)
row(103, 'dI(post) = dC*a', r['dc']*C['a'], r['dzi']/(C['i']*(1-C['i'])))
row(104, 'dA(post) = dC*i', r['dc']*C['i'], r['dza']/(1-C['a']**2))
dpost = np.concatenate((r['dzi']/(C['i']*(1-C['i'])), r['dzf']/(C['f']*(1-C['f'])), r['do'], r['dza']/(1-C['a']**2)))
yy = m.mofaGate_forward[t,:3*H]
row(110, 'dA(pre) = dA(post)*(1-a^2)', dpost[3*H:]*(1-m.mofaGate_forward[t,3*H:]**2), r['dza'])
row(111, 'y = sigmoid outputs of the i, f, o blocks', yy, np.concatenate((C['i'], C['f'], C['o'])))
row(112, 'd(pre) = y*(1-y)*d(post) for i, f, o', yy*(1-yy)*dpost[:3*H], r['dz'][:3*H])
row(115, 'sum_t Hin_t^T dz_t (true dz) = dL/dWlstm', sum(np.outer(cache[s]['hin'], ref[s]['dz']) for s in range(n)), FD_W)
row(116, 'dHin_t = dz_t Wlstm^T; its h block = future part of dL/dh_{t-1}', (r['dz']@W.T)[1+D:], ref[t-1]['dh'] - Gm[t-1])
acc = np.zeros_like(Pp)
for s in range(n):
    cp = cache[s]['c']
    acc[0] += ref[s]['dzi']*cp; acc[1] += ref[s]['dzf']*cp; acc[2] += ref[s]['dzo']*cache[s]['cn']
row(120, 'sum_t dzi_t*c_{t-1} (true c_{t-1} at t=0) = dL/dp_i', acc[0], FD_P[0])
row(121, 'sum_t dzf_t*c_{t-1} (true c_{t-1} at t=0) = dL/dp_f', acc[1], FD_P[1])
row(122, 'sum_t dzo_t*c_t = dL/dp_o', acc[2], FD_P[2])
row(124, 't=0 term: dzi_0*self.states = dzi_0*c_init', r0['dzi']*m.states, r0['dzi']*c_init)
row(125, 't=0 term: dzf_0*self.states = dzf_0*c_init', r0['dzf']*m.states, r0['dzf']*c_init)
row(126, 't=0 term: dzo_0*c_0', r0['dzo']*cache[0]['cn'], r0['dzo']*cache[0]['cn'])
row(129, 'dh_{t-1} += dHin_t[h block]: Gm[t-1] + that = dL/dh_{t-1}', Gm[t-1] + (r['dz']@W.T)[1+D:], ref[t-1]['dh'])
row(131, 'dh_init = dHin_0[h block] = dL/dh_init', (r0['dz']@W.T)[1+D:], FD_h0)

# the author's backward exactly as written (after its own forward)
m.backward(Gm.copy())
print('\nauthor backward as written vs finite differences: dWlstm %s, dWpeep %s, dh_init %s' % (
    'AGREE' if ok(m.backWardWlstm, FD_W) else 'DIFFER', 'AGREE' if ok(m.backWardWpeepConnection, FD_P) else 'DIFFER',
    'AGREE' if ok(m.backWardHiddenLayerStates, FD_h0) else 'DIFFER'))
print('\nsummary (author lines): agree', sorted({l for l, g in rows if g}), '\n differ', sorted({l for l, g in rows if not g}))
