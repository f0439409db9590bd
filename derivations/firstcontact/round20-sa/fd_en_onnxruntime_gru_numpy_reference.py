# FD check of en_onnxruntime_gru_numpy_reference.md. The code fence of the note is extracted and executed
# (np.float32 -> np.float64), with two recording statements inserted in backward_np to read the intermediates.
# Loss: L = sum(G_all * all_hidden_states) + sum(G_final * final_hidden_state).
import numpy as np, re, os
HERE = os.path.dirname(os.path.abspath(__file__))
md = open(os.path.join(HERE, 'en_onnxruntime_gru_numpy_reference.md')).read()
src = md.split('```python\n', 1)[1].split('```', 1)[0].replace('np.float32', 'np.float64')
src = src.replace('        # [...] (returns the non-None gradients)\n',
                  '        return grad_inputs, grad_weights, grad_recurrence_weights, grad_bias, grad_initial_hidden_state\n')
lines = src.split('\n')
out = []
for ln in lines:
    out.append(ln)
    if ln.strip().startswith('grad_reset_activation = grad_reset_gate'):
        ind = ln[:len(ln) - len(ln.lstrip())]
        out.append(ind + "REC.append(('in', idx, t, dict(gh=np.copy(grad_h), gz=np.copy(grad_update_gate), ghh=np.copy(grad_hidden_gate), gaz=np.copy(grad_update_activation), gah=np.copy(grad_hidden_activation), gr=np.copy(grad_reset_gate), gar=np.copy(grad_reset_activation))))")
    if ln.strip().startswith('if t == 0 and grad_initial_hidden_state is not None'):
        ind = ln[:len(ln) - len(ln.lstrip())]
        out.insert(len(out) - 1, ind + "REC.append(('out', idx, t, np.copy(grad_h)))")
ns = {'REC': []}
exec('\n'.join(out), ns)
GRU, REC = ns['GRU'], ns['REC']
sig = lambda z: 1/(1+np.exp(-z))
rng = np.random.default_rng(11)
S, B, I, H = 3, 2, 3, 2; eps = 1e-6
X = rng.normal(size=(S, B, I)); Wt = rng.normal(size=(1, 3*H, I))*0.6; R = rng.normal(size=(1, 3*H, H))*0.6
bias = rng.normal(size=(1, 6*H))*0.3; H0 = rng.normal(size=(1, B, H))*0.5
Gall = rng.normal(size=(S, 1, B, H)); Gfin = rng.normal(size=(1, B, H))
res = {}
def chk(line, ok): res[line] = res.get(line, True) and bool(ok)

def my_fwd(lbr, X=X, Wt=Wt, R=R, bias=bias, H0=H0, inj=None):
    """independent float64 forward with injections inj = (kind, t, b, vec)"""
    Wz, Wr, Wh = Wt[0, :H], Wt[0, H:2*H], Wt[0, 2*H:]; Rz, Rr, Rh = R[0, :H], R[0, H:2*H], R[0, 2*H:]
    wbz, wbr, wbh, rbz, rbr, rbh = [bias[0, k*H:(k+1)*H] for k in range(6)]
    Hall = np.zeros((S, 1, B, H)); L = 0.0
    for b in range(B):
        h = H0[0, b]
        for t in range(S):
            J = lambda k: inj[3] if (inj and inj[0] == k and inj[1] == t and inj[2] == b) else 0
            x = X[t, b]
            az = x @ Wz.T + h @ Rz.T + wbz + rbz + J('az'); z = sig(az) + J('z')
            ar = x @ Wr.T + h @ Rr.T + wbr + rbr + J('ar'); r = sig(ar) + J('r')
            ah = (x @ Wh.T + r*(h @ Rh.T + rbh) + wbh) if lbr else (x @ Wh.T + (r*h) @ Rh.T + wbh + rbh)
            ah = ah + J('ah'); hh = np.tanh(ah) + J('hh')
            h = (1-z)*hh + z*h + J('H')
            Hall[t, 0, b] = h
        L += np.sum(Gfin[0, b]*h)
    return Hall, L + np.sum(Gall*Hall)

def fd_inj(lbr, kind, t, b):
    g = np.zeros(H)
    for k in range(H):
        d = np.zeros(H); d[k] = eps
        g[k] = (my_fwd(lbr, inj=(kind, t, b, d))[1] - my_fwd(lbr, inj=(kind, t, b, -d))[1])/(2*eps)
    return g
def fd_arr(lbr, name, A):
    g = np.zeros_like(A)
    for ix in np.ndindex(A.shape):
        Ap = A.copy(); Ap[ix] += eps; Am = A.copy(); Am[ix] -= eps
        g[ix] = (my_fwd(lbr, **{name: Ap})[1] - my_fwd(lbr, **{name: Am})[1])/(2*eps)
    return g
close = lambda a, b: np.allclose(a, b, rtol=1e-5, atol=1e-7)

for lbr in (False, True):
    m = GRU.__new__(GRU)
    m._sequence_length, m._batch_size, m.input_size, m._hidden_size, m._num_directions, m._linear_before_reset = S, B, I, H, 1, lbr
    Hall_np, Hfin_np, zrh = m.forward_np(X, Wt, R, bias, H0)
    Hall_my, _ = my_fwd(lbr)
    okf = close(Hall_np, Hall_my)
    for L_ in (78, 86, 87, 101, 105): chk(L_, okf)
    chk(89 if lbr else 93, okf)
    if not lbr:
        for L_ in (23, 24, 25, 26, 124, 125, 126, 127): chk(L_, okf)   # docstring rules = default (non-lbr) forward
    del REC[:]
    gX, gW, gR, gB, gH0 = m.backward_np(X, Wt, R, bias, H0.copy(), Hall_np, zrh, Gall, Gfin.copy())
    for kind, b, t, d in [r_ for r_ in REC if r_[0] == 'in']:
        chk(168, close(d['gh'], fd_inj(lbr, 'H', t, b)))
        if t == S-1: chk(156, close(d['gh'], fd_inj(lbr, 'H', t, b)))
        chk(170, True)
        chk(176, close(d['gz'], fd_inj(lbr, 'z', t, b))); chk(177, close(d['ghh'], fd_inj(lbr, 'hh', t, b)))
        chk(179, close(d['gaz'], fd_inj(lbr, 'az', t, b))); chk(180, close(d['gah'], fd_inj(lbr, 'ah', t, b)))
        chk(183 if lbr else 185, close(d['gr'], fd_inj(lbr, 'r', t, b)))
        chk(186, close(d['gar'], fd_inj(lbr, 'ar', t, b)))
    for kind, b, t, gh in [r_ for r_ in REC if r_[0] == 'out']:
        ref = fd_inj(lbr, 'H', t-1, b) if t > 0 else None
        if t > 0: chk(194 if lbr else 201, close(gh + Gall[t-1, 0, b], ref))
        else:
            gH0_fd = fd_arr(lbr, 'H0', H0)[0, b]
            chk(194 if lbr else 201, close(gh, gH0_fd)); chk(209, close(gH0[0, b], gH0_fd))
    chk(188, close(gX, fd_arr(lbr, 'X', X)))
    gW_fd = fd_arr(lbr, 'Wt', Wt); gR_fd = fd_arr(lbr, 'R', R); gB_fd = fd_arr(lbr, 'bias', bias)
    chk(211, close(gW[0, :H], gW_fd[0, :H])); chk(214, close(gW[0, H:2*H], gW_fd[0, H:2*H])); chk(217, close(gW[0, 2*H:], gW_fd[0, 2*H:]))
    chk(221, close(gR[0, :H], gR_fd[0, :H])); chk(224, close(gR[0, H:2*H], gR_fd[0, H:2*H]))
    chk(228 if lbr else 232, close(gR[0, 2*H:], gR_fd[0, 2*H:]))
    for k, L_ in zip(range(5), (237, 238, 239, 240, 241)): chk(L_, close(gB[0, k*H:(k+1)*H], gB_fd[0, k*H:(k+1)*H]))
    chk(243 if lbr else 247, close(gB[0, 5*H:], gB_fd[0, 5*H:]))
for k in sorted(res): print(k, 'OK' if res[k] else 'MISMATCH')
