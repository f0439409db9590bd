# FD check of the GRU / TimeGRU layers (search-index file 40689277782), author's forward and backward as written.
import numpy as np
np.random.seed(2)
class Sigmoid:                      # assumed DLFS-style layer (see header of the note)
    def forward(self, x): self.out = 1/(1+np.exp(-x)); return self.out
    def backward(self, dout): return dout*(1.0-self.out)*self.out
class Tanh:
    def forward(self, x): self.out = np.tanh(x); return self.out
    def backward(self, dout): return dout*(1.0-self.out**2)
class GRU:                          # lines 46-93
    def __init__(s, Wx, Wh, b): s.params = [Wx, Wh, b]; s.sigm1, s.sigm2, s.tanIn = Sigmoid(), Sigmoid(), Tanh()
    def forward(s, inp, Hin):
        Wx, Wh, b = s.params; N, H = Hin.shape; x = inp@Wx; h = Hin@Wh
        r = x[:, :H]+h[:, :H]+b[:H]; u = x[:, H:2*H]+h[:, H:2*H]+b[H:2*H]; xo = x[:, 2*H:]+b[2*H:]; ho = h[:, 2*H:]
        Sr = s.sigm1.forward(r); Su = s.sigm2.forward(u); To = s.tanIn.forward(ho*Sr+xo)
        s.Hin, s.In, s.To, s.ho = Hin, inp, To, ho
        return (Su-1)*Hin+(Su*To)
    def backward(s, dOut, dHout, fix=()):
        Wx, Wh, b = s.params; dHout = dOut+dHout
        Sr, Su = s.sigm1.out, s.sigm2.out
        dSu = dHout*s.Hin+dHout*s.To
        dTo = dHout*Su
        dSr = dTo*s.Hin if 'dSr' not in fix else dTo*(1-s.To**2)*s.ho
        dHin = dTo*Sr if 'dHin' not in fix else dHout*(Su-1)
        dr = s.sigm1.backward(dSr)
        du = s.sigm1.backward(dSu) if 'du' not in fix else s.sigm2.backward(dSu)
        do = s.tanIn.backward(dTo)
        dx = np.hstack((dr, du, do)); dh = np.hstack((dr, du, do*Sr))
        s.grad = [s.In.T@dx, s.Hin.T@dh, np.hstack((dr.sum(0), du.sum(0), do.sum(0)))]
        dHin = dHin + dh@Wh.T; dIn = dx@Wx.T
        return dIn, dHin
N, T, D, H = 3, 4, 2, 3
P = {'Wx': np.random.randn(D, 3*H)*0.7, 'Wh': np.random.randn(H, 3*H)*0.7, 'b': np.random.randn(3*H)*0.5}
xs = np.random.randn(N, T, D); h0 = np.random.randn(N, H)*0.5; R = np.random.randn(N, T, H)
def run(P, xs, h0, fix=()):
    layers, h, hs = [], h0, np.empty((N, T, H))
    for t in range(T):
        l = GRU(P['Wx'], P['Wh'], P['b']); h = l.forward(xs[:, t, :], h); hs[:, t, :] = h; layers.append(l)
    L = np.sum(hs*R)                # loss with dL/dhs = R
    dh, grads, dxs = 0, [0, 0, 0], np.empty_like(xs)
    for t in reversed(range(T)):    # TimeGRU.backward, lines 140-164
        dx, dh = layers[t].backward(R[:, t, :], dh, fix); dxs[:, t, :] = dx
        for i, g in enumerate(layers[t].grad): grads[i] = grads[i]+g
    return L, dict(Wx=grads[0], Wh=grads[1], b=grads[2]), dxs, dh
def fdgrad(arr, f, eps=1e-6):
    num = np.zeros_like(arr)
    for idx in np.ndindex(arr.shape):
        o = arr[idx]; arr[idx] = o+eps; a = f(); arr[idx] = o-eps; b = f(); arr[idx] = o; num[idx] = (a-b)/(2*eps)
    return num
Lf = lambda: run(P, xs, h0)[0]
num = {k: fdgrad(P[k], Lf) for k in P}; num['xs'] = fdgrad(xs, Lf); num['h0'] = fdgrad(h0, Lf)
def report(fix, label):
    _, G, dxs, dh0 = run(P, xs, h0, fix)
    res = {k: np.allclose(G[k], num[k], rtol=1e-5, atol=1e-8) for k in G}
    res['xs'] = np.allclose(dxs, num['xs'], rtol=1e-5, atol=1e-8); res['h0'] = np.allclose(dh0, num['h0'], rtol=1e-5, atol=1e-8)
    print(f"{label:45s}", '  '.join(f"d{k}:{'AGREE' if v else 'DIFFER'}" for k, v in res.items()))
report((), "as written")
report(('dSr',), "fix line 76 only")
report(('dHin',), "fix line 77 only")
report(('du',), "fix line 80 only")
report(('dSr', 'dHin'), "fix lines 76+77")
report(('dSr', 'du'), "fix lines 76+80")
report(('dHin', 'du'), "fix lines 77+80")
report(('dSr', 'dHin', 'du'), "fix lines 76+77+80 (all other lines as written)")
# single-step local checks of the individual rows (one cell, loss = sum(Hout*G))
Hin = np.random.randn(N, H); inp = np.random.randn(N, D); Gs = np.random.randn(N, H)
cell = GRU(P['Wx'], P['Wh'], P['b']); Hout = cell.forward(inp, Hin)
Sr, Su, To, ho = cell.sigm1.out, cell.sigm2.out, cell.To, cell.ho
def step(Sr_=None, Su_=None, To_=None):
    Sr_ = Sr if Sr_ is None else Sr_; Su_ = Su if Su_ is None else Su_
    To_ = np.tanh(ho*Sr_+inp@P['Wx'][:, 2*H:]+P['b'][2*H:]) if To_ is None else To_
    return np.sum(((Su_-1)*Hin+Su_*To_)*Gs)
def fdvar(v, f):
    v = v.copy(); return fdgrad(v, lambda: f(v))
print("line 74 dSu = dHout*Hin+dHout*To      :", 'AGREE' if np.allclose(Gs*Hin+Gs*To, fdvar(Su, lambda v: step(Su_=v))) else 'DIFFER')
print("line 75 dTo = dHout*Su                 :", 'AGREE' if np.allclose(Gs*Su, fdvar(To, lambda v: step(To_=v))) else 'DIFFER')
print("line 76 dSr = dTo*Hin                  :", 'AGREE' if np.allclose(Gs*Su*Hin, fdvar(Sr, lambda v: step(Sr_=v))) else 'DIFFER')
def stepH(Hv):                       # direct dependence of Hout on Hin only (gates and To frozen)
    return np.sum(((Su-1)*Hv+Su*To)*Gs)
print("line 77 dHin(direct) = dTo*Sr          :", 'AGREE' if np.allclose(Gs*Su*Sr, fdvar(Hin, stepH)) else 'DIFFER',
      "| exact direct term dHout*(Su-1):", 'AGREE' if np.allclose(Gs*(Su-1), fdvar(Hin, stepH)) else 'DIFFER')
print("line 80 du = sigm1.backward(dSu) = dSu*Sr*(1-Sr) vs dSu*Su*(1-Su):", 'AGREE' if np.allclose(Sr*(1-Sr), Su*(1-Su)) else 'DIFFER')
# line 62 (forward): compare with the GRU interpolation (1-u)*h_prev + u*h~ that the class name/docstring announce
std = (1-Su)*Hin + Su*To
print("line 62 Hout = (Su-1)*Hin+Su*To equals GRU (1-Su)*Hin+Su*To:", 'AGREE' if np.allclose(Hout, std) else 'DIFFER',
      f"| difference = -2(1-Su)*Hin, max {np.abs(Hout-std).max():.3f}; with Su->0 the carried state is -Hin:",
      np.allclose((0-1)*Hin+0*To, -Hin))
