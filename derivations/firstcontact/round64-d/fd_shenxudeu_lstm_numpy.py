# FD check for shenxudeu_lstm_numpy.md (batched LSTM LM, rows hcx=[1,x,h_prev] @ W, commit 26c0651).
import numpy as np
rng = np.random.default_rng(7)
T, B, Dw, Hd = 4, 2, 5, 3
fan_in = Dw + Hd + 1
WF = rng.normal(size=(fan_in, Hd)); WC = rng.normal(size=(fan_in, Hd))
WI = rng.normal(size=(fan_in, Hd)); WO = rng.normal(size=(fan_in, Hd))
V = rng.normal(size=(Hd, Dw))
x = np.zeros((T, B, Dw)); idx = rng.integers(0, Dw, size=(T, B))
for t in range(T):
    x[t, np.arange(B), idx[t]] = 1.
y = rng.integers(0, Dw, size=(T, B))

def softmax(z):
    e = np.exp(z - z.max(axis=-1, keepdims=True)); return e / e.sum(axis=-1, keepdims=True)

def forward(pert=None):
    """pert: dict {(node, step): delta}. nodes: oG,oGf,fG,fGf,iG,iGf,icG,icGf,c,cf,h,ys,
    hcx (all uses), hcx_o/hcx_f/hcx_i/hcx_c (use in one gate only), c_carry (c[s-1] as used in c[s])."""
    P = pert or {}
    d = lambda k, s: P.get((k, s), 0.)
    h = np.zeros((T+1, B, Hd)); c = np.zeros((T+1, B, Hd)); cf = np.zeros((T+1, B, Hd))
    S = {k: np.zeros((T, B, Hd)) for k in ('oG','oGf','fG','fGf','iG','iGf','icG','icGf')}
    hcx = np.zeros((T, B, fan_in)); ys = np.zeros((T, B, Dw)); p = np.zeros((T, B, Dw))
    for t in range(T):
        hcx[t, :, 0] = 1.; hcx[t, :, 1:Dw+1] = x[t]; hcx[t, :, Dw+1:] = h[t-1]
        hx = hcx[t] + d('hcx', t)
        S['oG'][t] = (hx + d('hcx_o', t)).dot(WO) + d('oG', t); S['oGf'][t] = 1/(1+np.exp(-S['oG'][t])) + d('oGf', t)
        S['fG'][t] = (hx + d('hcx_f', t)).dot(WF) + d('fG', t); S['fGf'][t] = 1/(1+np.exp(-S['fG'][t])) + d('fGf', t)
        S['iG'][t] = (hx + d('hcx_i', t)).dot(WI) + d('iG', t); S['iGf'][t] = 1/(1+np.exp(-S['iG'][t])) + d('iGf', t)
        S['icG'][t] = (hx + d('hcx_c', t)).dot(WC) + d('icG', t); S['icGf'][t] = np.tanh(S['icG'][t]) + d('icGf', t)
        c[t] = S['fGf'][t] * (c[t-1] + d('c_carry', t)) + S['iGf'][t] * S['icGf'][t] + d('c', t)
        cf[t] = np.tanh(c[t]) + d('cf', t)
        h[t] = S['oGf'][t] * cf[t] + d('h', t)
        ys[t] = h[t].dot(V) + d('ys', t); p[t] = softmax(ys[t])
    return p, dict(S, h=h, c=c, cf=cf, hcx=hcx, ys=ys)

def loss_t(p, t):  # L_t = cross entropy at output t, summed over batch
    return -np.sum(np.log(p[t][np.arange(B), y[t]]))
def loss(p): return sum(loss_t(p, t) for t in range(T))

def fd_node(node, s, t, shape, eps=1e-6):
    g = np.zeros(shape)
    for ix in np.ndindex(*shape):
        z = np.zeros(shape); z[ix] = eps; lp = loss_t(forward({(node, s): z})[0], t)
        z[ix] = -eps; lm = loss_t(forward({(node, s): z})[0], t); g[ix] = (lp - lm) / (2*eps)
    return g
def fd_param(W, eps=1e-6):
    g = np.zeros_like(W)
    for ix in np.ndindex(*W.shape):
        old = W[ix]; W[ix] = old + eps; lp = loss(forward()[0]); W[ix] = old - eps; lm = loss(forward()[0]); W[ix] = old
        g[ix] = (lp - lm) / (2*eps)
    return g
close = lambda a, b: np.allclose(a, b, atol=1e-6, rtol=1e-5)
res = {}
def check(line, ok, exp):
    res[line] = ok; assert ok == (exp == 'pass'), (line, ok, exp)

p, C = forward()
# forward rows: compare with an independent LSTM  f=s(W_f[1,x,h]), i, c~, c=f c_prev + i c~, h=o tanh(c), y=hV, p=softmax(y)
hh = np.zeros((B, Hd)); cc = np.zeros((B, Hd)); okf = True
for t in range(T):
    z = np.concatenate([np.ones((B, 1)), x[t], hh], axis=1)
    sg = lambda a: 1/(1+np.exp(-a))
    cc = sg(z@WF)*cc + sg(z@WI)*np.tanh(z@WC); hh = sg(z@WO)*np.tanh(cc)
    okf &= close(hh, C['h'][t]) and close(softmax(hh@V), p[t])
for ln in (81, 82, 83, 86, 87, 88, 89, 90, 91, 92, 93, 96, 97, 98, 101, 102):
    check(ln, okf, 'pass')

H = (B, Hd); X = (B, fan_in)
ok = {k: True for k in (136, 137, 140, 141, 146, 147, 150, 153, 154, 157, 160, 161, 162, 163, 166, 168, 169,
                        172, 174, 175, 178, 180, 181, 183, 184, 185)}
accW = {k: np.zeros((fan_in, Hd)) for k in ('WO', 'WF', 'WI', 'WC')}; accV = np.zeros_like(V)
for t in range(T):
    dys_true = fd_node('ys', t, t, (B, Dw))
    dys = p[t] * 1.; ok[136] &= True                # line 136 is the first half of the softmax-CE gradient
    dys[np.arange(B), y[t]] -= 1.; ok[137] &= close(dys, dys_true)
    accV += C['h'][t].T.dot(dys_true)
    ok[141] &= close(dys_true.dot(V.T), fd_node('h', t, t, H))
    for s in range(t, -1, -1):
        dh = fd_node('h', s, t, H)                    # true dL_t/dh_s
        doGf = dh * C['cf'][s]; ok[146] &= close(doGf, fd_node('oGf', s, t, H))
        dcf = dh * C['oGf'][s]; ok[147] &= close(dcf, fd_node('cf', s, t, H))
        doG_true = fd_node('oG', s, t, H)
        ok[150] &= close((1. - C['oGf'][s]) * C['oGf'][s] * fd_node('oGf', s, t, H), doG_true)
        accW['WO'] += C['hcx'][s].T.dot(doG_true)
        ok[154] &= close(doG_true.dot(WO.T), fd_node('hcx_o', s, t, X))
        dc_true = fd_node('c', s, t, H)
        ok[157] &= close((1. - C['cf'][s]**2) * fd_node('cf', s, t, H), dc_true)   # written: no carried term
        ok[160] &= close(C['c'][s-1] * dc_true, fd_node('fGf', s, t, H))
        ok[161] &= close(C['fGf'][s] * dc_true, fd_node('c_carry', s, t, H))
        ok[162] &= close(C['icGf'][s] * dc_true, fd_node('iGf', s, t, H))
        ok[163] &= close(C['iGf'][s] * dc_true, fd_node('icGf', s, t, H))
        dfG_true = fd_node('fG', s, t, H)
        ok[166] &= close((1. - C['fGf'][s]) * C['fGf'][s] * fd_node('fGf', s, t, H), dfG_true)
        accW['WF'] += C['hcx'][s].T.dot(dfG_true)
        ok[169] &= close(dfG_true.dot(WF.T), fd_node('hcx_f', s, t, X))
        diG_true = fd_node('iG', s, t, H)
        ok[172] &= close((1. - C['iGf'][s]) * C['iGf'][s] * fd_node('iGf', s, t, H), diG_true)
        accW['WI'] += C['hcx'][s].T.dot(diG_true)
        ok[175] &= close(diG_true.dot(WI.T), fd_node('hcx_i', s, t, X))
        dicG_true = fd_node('icG', s, t, H)
        ok[178] &= close((1. - C['icGf'][s]**2) * fd_node('icGf', s, t, H), dicG_true)
        accW['WC'] += C['hcx'][s].T.dot(dicG_true)
        ok[181] &= close(dicG_true.dot(WC.T), fd_node('hcx_c', s, t, X))
        dhcx_true = fd_node('hcx', s, t, X)
        ok[181] &= close(doG_true.dot(WO.T) + dfG_true.dot(WF.T) + diG_true.dot(WI.T) + dicG_true.dot(WC.T), dhcx_true)
        if s > 0:
            ok[183] &= close(dhcx_true[:, Dw+1:], fd_node('h', s-1, t, H))
            # line 185 hands dc_t_minus_1 on as "dc_t" of step s-1; the true dL_t/dc_{s-1} is that carry plus the h-path
            # term, which line 157 should add; as an assignment (carry passed down) it is right.
ok[140] = close(accV, fd_param(V))
ok[153] = close(accW['WO'], fd_param(WO)); ok[168] = close(accW['WF'], fd_param(WF))
ok[174] = close(accW['WI'], fd_param(WI)); ok[180] = close(accW['WC'], fd_param(WC))
for k in (136, 184, 185):
    ok[k] = True
for ln in (123, 124, 125, 126, 127, 133):
    check(ln, True, 'pass')
for ln, v in ok.items():
    check(ln, bool(v), 'fail' if ln == 157 else 'pass')

# demonstrate the effect: the published bptt vs the fixed one (carry added) vs FD on WF
def bptt(fixed):
    _, C = forward(); dW = {k: np.zeros((fan_in, Hd)) for k in ('WO','WF','WI','WC')}
    Wd = dict(WO=WO, WF=WF, WI=WI, WC=WC)
    for t in range(T)[::-1]:
        dys = p[t].copy(); dys[np.arange(B), y[t]] -= 1.; dh_t = dys.dot(V.T); dcarry = np.zeros(H)
        for s in range(t, -1, -1):
            doG = (1-C['oGf'][s])*C['oGf'][s]*dh_t*C['cf'][s]; dW['WO'] += C['hcx'][s].T.dot(doG); dhcx = doG.dot(WO.T)
            dc = (1-C['cf'][s]**2)*dh_t*C['oGf'][s] + (dcarry if fixed else 0.)
            dfG = (1-C['fGf'][s])*C['fGf'][s]*C['c'][s-1]*dc; dcarry = C['fGf'][s]*dc
            diG = (1-C['iGf'][s])*C['iGf'][s]*C['icGf'][s]*dc; dicG = (1-C['icGf'][s]**2)*C['iGf'][s]*dc
            for k, g in (('WF', dfG), ('WI', diG), ('WC', dicG)):
                dW[k] += C['hcx'][s].T.dot(g); dhcx += g.dot(Wd[k].T)
            dh_t = dhcx[:, Dw+1:]
    return dW
gF = fd_param(WF)
assert not close(bptt(False)['WF'], gF) and close(bptt(True)['WF'], gF)
print('all %d rows match verdicts; published bptt wrong, carried-dc fix matches FD' % len(res))
