"""FD check for jhml_gru_go.md (jh-ml/deeplearning-go neuralnetwork/layer/gru.go @ 36b0c25), numpy port.
Single step, row vectors (1,H): z = sig(x Wu + h Ru + Bu), r = sig(x Wr + h Rr + Br), hHat = tanh(x Wh + (r*h) Rh + Bh),
h_new = z*h + (1-z)*hHat.  Forward overwrites g.H with h_new, so in Backward g.H == h_new (not h_{t-1}).
Activation Backward(v) = derivative at PRE-activation v.  Loss L = sum(dh * h_new)."""
import numpy as np
rng = np.random.default_rng(11)
D, H = 3, 3
sig = lambda v: 1/(1+np.exp(-v)); sigB = lambda v: sig(v)*(1-sig(v)); tanhB = lambda v: 1-np.tanh(v)**2
P = {k: rng.normal(0, .6, (D if k[0] == 'W' else H, H)) for k in ['Wu', 'Wr', 'Wh', 'Ru', 'Rr', 'Rh']}
for k in ['Bu', 'Br', 'Bh']: P[k] = rng.normal(0, .3, (1, H))
x = rng.normal(0, 1, (1, D)); hprev = rng.normal(0, .7, (1, H)); dh = rng.normal(0, 1, (1, H))
def forward(P=P, x=x, hprev=hprev, pre=None):
    au = x @ P['Wu'] + hprev @ P['Ru'] + P['Bu']; ar = x @ P['Wr'] + hprev @ P['Rr'] + P['Br']
    if pre is not None and pre[0] == 'u': au = au + pre[1]
    if pre is not None and pre[0] == 'r': ar = ar + pre[1]
    z = sig(au); r = sig(ar)                                                  # lines 49-50
    ah = x @ P['Wh'] + (r*hprev) @ P['Rh'] + P['Bh']
    if pre is not None and pre[0] == 'h': ah = ah + pre[1]
    hHat = np.tanh(ah)                                                        # line 51
    hn = z*hprev + (1-z)*hHat                                                 # line 53
    return np.sum(dh*hn), dict(z=z, r=r, hHat=hHat, hn=hn)
L0, c = forward()
eps = 1e-6
def fd(fun, v):
    g = np.zeros_like(v); it = np.nditer(v, flags=['multi_index'])
    for _ in it:
        k = it.multi_index; vp = v.copy(); vp[k] += eps; vm = v.copy(); vm[k] -= eps
        g[k] = (fun(vp)-fun(vm))/(2*eps)
    return g
close = lambda a, b: np.allclose(a, b, rtol=1e-5, atol=1e-7)
z1 = np.zeros((1, H))
tp = {g: fd(lambda d: forward(pre=(g, d))[0], z1) for g in 'urh'}
gP = {k: fd(lambda v: forward(P={**P, k: v})[0], P[k].copy()) for k in P}
gx = fd(lambda v: forward(x=v)[0], x.copy())
z, r, hHat, gH = c['z'], c['r'], c['hHat'], c['hn']      # gH: value held by g.H during Backward
res = {}
res[49] = close(z, sig(x @ P['Wu'] + hprev @ P['Ru'] + P['Bu'])); res[50] = close(r, sig(x @ P['Wr'] + hprev @ P['Rr'] + P['Br']))
res[51] = close(hHat, np.tanh(x @ P['Wh'] + (r*hprev) @ P['Rh'] + P['Bh'])); res[53] = close(gH, z*hprev + (1-z)*hHat)
dhHat = dh*(1-z)*tanhB(hHat)                      # line 61 as written
res[61] = close(dhHat, tp['h'])
dzt = dh*(gH - hHat)*sigB(z)                      # line 62 as written
res[62] = close(dzt, tp['u'])
assert close(dh*(1-z)*(1-hHat**2), tp['h']) and close(dh*(hprev-hHat)*z*(1-z), tp['u'])
# rows judged with TRUE pre-activation gradients; g.H holds h_new
res[65] = close(gH.T @ tp['h'], gP['Wh']); assert close(x.T @ tp['h'], gP['Wh'])
res[66] = close((r*gH).T @ tp['h'], gP['Rh']); assert close((r*hprev).T @ tp['h'], gP['Rh'])
res[67] = close(tp['h'].sum(axis=0, keepdims=True), gP['Bh'])
res[69] = close(gH.T @ tp['u'], gP['Wu']); assert close(x.T @ tp['u'], gP['Wu'])
res[70] = close(gH.T @ tp['u'], gP['Ru']); assert close(hprev.T @ tp['u'], gP['Ru'])
res[71] = close(tp['u'].sum(axis=0, keepdims=True), gP['Bu'])
res[73] = close((tp['h'] @ P['Rh'].T)*gH*sigB(r), tp['r']); assert close((tp['h'] @ P['Rh'].T)*hprev*r*(1-r), tp['r'])
res[74] = close(gH.T @ tp['r'], gP['Wr']); assert close(x.T @ tp['r'], gP['Wr'])
res[75] = close(gH.T @ tp['r'], gP['Rr']); assert close(hprev.T @ tp['r'], gP['Rr'])
res[76] = close(tp['r'].sum(axis=0, keepdims=True), gP['Br'])
res[79] = close(tp['h'] @ P['Wh'].T + tp['u'] @ P['Wu'].T + tp['r'] @ P['Wr'].T, gx)
expected = {49: 1, 50: 1, 51: 1, 53: 1, 61: 0, 62: 0, 65: 0, 66: 0, 67: 1, 69: 0, 70: 0, 71: 1, 73: 0, 74: 0, 75: 0, 76: 1, 79: 1}
for ln in sorted(expected):
    print(ln, 'pass' if res[ln] else 'fail', 'expected', 'pass' if expected[ln] else 'fail')
    assert bool(res[ln]) == bool(expected[ln]), ln
print('OK')
