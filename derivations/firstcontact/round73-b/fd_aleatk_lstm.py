# FD check for aleatk_lstm.md.  Column vectors; T z = A z + beta (affine), z_t = (x_t, h_{t-1});
# (i,f,o,g) = (sigma,sigma,sigma,zeta1)(T z_t), zeta1 = zeta2 = tanh; c_t = f*c_{t-1} + i*g; h_t = o*tanh(c_t).
# Loss L = sum_t r_t . h_t (r_t random) over T=3 steps, so dh_t = r_t + (part of dz_{t+1}).
import numpy as np
rng = np.random.default_rng(1)
n, d, T = 3, 4, 3
A = rng.normal(size=(4*d, n+d))*.6; beta = rng.normal(size=4*d)*.3
X = rng.normal(size=(T, n)); R = rng.normal(size=(T, d)); h0 = rng.normal(size=d)*.5; c0 = rng.normal(size=d)*.5
sig = lambda a: 1/(1+np.exp(-a))

def fwd(A, beta, h0=h0, c0=c0):
    h, c = h0, c0; cache = []; L = 0.
    for t in range(T):
        z = np.concatenate([X[t], h]); zh = A@z + beta
        i, f, o, g = sig(zh[:d]), sig(zh[d:2*d]), sig(zh[2*d:3*d]), np.tanh(zh[3*d:])
        cp = c; c = f*cp + i*g; h = o*np.tanh(c)
        cache.append(dict(z=z, zh=zh, i=i, f=f, o=o, g=g, cp=cp, c=c, h=h)); L += R[t]@h
    return L, cache

L, C = fwd(A, beta)
def num(fun, v, eps=1e-6):
    g = np.zeros_like(v)
    for k in np.ndindex(v.shape):
        vp = v.copy(); vm = v.copy(); vp[k] += eps; vm[k] -= eps; g[k] = (fun(vp)-fun(vm))/(2*eps)
    return g
dA_fd = num(lambda M: fwd(M, beta)[0], A)

# author's backward pass, per step, as written in the note
res = {}
dA_author = np.zeros_like(A); dA_correct = np.zeros_like(A)
dh_next = np.zeros(d); dc_carry = np.zeros(d)
rows = {k: [] for k in ['do','dc','di','dg','df','dcprev','dihat','dfhat','dohat','dghat_as_written','dghat_correct','dz']}
for t in reversed(range(T)):
    s = C[t]; dh = R[t] + dh_next
    do = dh*np.tanh(s['c'])                                   # line 90
    dc = dc_carry + dh*s['o']*(1-np.tanh(s['c'])**2)          # line 98 (dc_t = dc_t + dh o zeta2'(c_t))
    di = dc*s['g']; dg = dc*s['i']; df = dc*s['cp']           # lines 105, 111, 116
    dcprev = dc*s['f']                                        # line 121
    dih = di*s['i']*(1-s['i']); dfh = df*s['f']*(1-s['f']); doh = do*s['o']*(1-s['o'])   # 128,133,138
    dgh_written = dg*(1-np.tanh(s['g'])**2)                   # line 143: zeta1'(g) evaluated at g
    dgh_ok = dg*(1-s['g']**2)                                 # zeta1'(ghat) = 1 - g^2
    dzh = np.concatenate([dih, dfh, doh, dgh_ok])
    dz = A.T@dzh                                              # line 151 (dzhat = pre-activation gradients)
    dA_author += np.outer(dzh, dz)                            # line 157: dT = dzhat (x) dz
    dA_correct += np.outer(dzh, s['z'])
    for k, v in zip(rows, [do, dc, di, dg, df, dcprev, dih, dfh, doh, dgh_written, dgh_ok, dz]): rows[k].append((t, v))
    dh_next = dz[n:]; dc_carry = dcprev

# FD references for each intermediate: perturb the quantity inside step t and rerun
def L_with(t, key, delta):
    h, c = h0, c0; Ls = 0.
    for s_ in range(T):
        z = np.concatenate([X[s_], h])
        if s_ == t and key == 'z': z = z + delta
        zh = A@z + beta
        if s_ == t and key == 'zh': zh = zh + delta
        i, f, o, g = sig(zh[:d]), sig(zh[d:2*d]), sig(zh[2*d:3*d]), np.tanh(zh[3*d:])
        if s_ == t and key == 'i': i = i + delta
        if s_ == t and key == 'f': f = f + delta
        if s_ == t and key == 'o': o = o + delta
        if s_ == t and key == 'g': g = g + delta
        cp = c
        if s_ == t and key == 'cp': cp = cp + delta
        c = f*cp + i*g
        if s_ == t and key == 'c': c = c + delta
        h = o*np.tanh(c); Ls += R[s_]@h
    return Ls
def fdq(t, key, size):
    return num(lambda dlt: L_with(t, key, dlt), np.zeros(size))
chk = [('line 90  do', 'do', 'o', d), ('line 98  dc_t (accumulated)', 'dc', 'c', d), ('line 105 di', 'di', 'i', d),
       ('line 111 dg', 'dg', 'g', d), ('line 116 df', 'df', 'f', d), ('line 121 dc_{t-1} (cell-path part)', 'dcprev', None, d),
       ('line 128 dihat', 'dihat', 'zh0', d), ('line 133 dfhat', 'dfhat', 'zh1', d), ('line 138 dohat', 'dohat', 'zh2', d),
       ('line 143 dghat = dg * zeta1\'(g)  AS WRITTEN', 'dghat_as_written', 'zh3', d), ('(reference) dghat = dg*(1-g^2)', 'dghat_correct', 'zh3', d),
       ('line 151 dz = T^T dzhat (pre-activation dzhat)', 'dz', 'z', n+d)]
for label, key, q, size in chk:
    err = 0.
    for t, v in rows[key]:
        if q is None:   # dc_{t-1} cell-path part = dc_t * f_t : compare with d/dc_{t-1} through c_t only
            ref = fdq(t, 'cp', d)
        elif q.startswith('zh'):
            blk = int(q[2]); full = fdq(t, 'zh', 4*d); ref = full[blk*d:(blk+1)*d]
        else:
            ref = fdq(t, q, size)
        err = max(err, np.abs(v-ref).max())
    print(f"{label:55s} maxerr={err:.2e}  {'AGREE' if err < 1e-5 else 'DISAGREE'}")
e = np.abs(dA_author-dA_fd).max(); print(f"{'line 157 dT = dzhat (x) dz  AS WRITTEN':55s} maxerr={e:.2e}  {'AGREE' if e < 1e-5 else 'DISAGREE'}")
e = np.abs(dA_correct-dA_fd).max(); print(f"{'(reference) dT = sum_t dzhat (x) z_t':55s} maxerr={e:.2e}  {'AGREE' if e < 1e-5 else 'DISAGREE'}")
# line 147: zhat_t = (sigma(ihat),...,zeta1(ghat)) vs line 148 zhat_t = T z_t
s = C[0]; act = np.concatenate([s['i'], s['f'], s['o'], s['g']])
e = np.abs(act - s['zh']).max(); print(f"{'line 147 zhat=(i,f,o,g) equals T z_t (line 148)?':55s} maxerr={e:.2e}  {'AGREE' if e < 1e-5 else 'DISAGREE'}")
# and T^T applied to activation-gradients (di,df,do,dg), the literal reading of line 147 + 151
t, dzv = rows['dz'][-1]
lit = A.T@np.concatenate([rows['di'][-1][1], rows['df'][-1][1], rows['do'][-1][1], rows['dg'][-1][1]])
e = np.abs(lit - fdq(0, 'z', n+d)).max(); print(f"{'line 151 with dzhat=(di,df,do,dg) per line 147':55s} maxerr={e:.2e}  {'AGREE' if e < 1e-5 else 'DISAGREE'}")
