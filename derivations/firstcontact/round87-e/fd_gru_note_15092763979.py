# Finite-difference check of gru_note_15092763979.md.
# Author's layout (lines 10-16, 28-32): row vectors, [x_t, h_{t-1}] (1 x (in+hid)) times W (in+hid) x hid,
# so W[:in, :] acts on x_t and W[in:, :] acts on h_{t-1} (or on r_t*h_{t-1} for W_h).
# One GRU step, loss L = sum(gh * h_t), so delta_{h_t} = gh. Gate deltas are dL/d(pre-activation).
import numpy as np
rng = np.random.default_rng(1)
nin, hid, B = 3, 4, 2
sig = lambda a: 1/(1+np.exp(-a))
P = {k: rng.normal(size=(nin+hid, hid))*0.6 for k in ('Wz','Wr','Wh')}
P.update({k: rng.normal(size=(1, hid))*0.3 for k in ('bz','br','bh')})
x = rng.normal(size=(B, nin)); hp = rng.normal(size=(B, hid)); gh = rng.normal(size=(B, hid))

def step(P, x, hp):
    xh = np.hstack([x, hp])
    az = xh @ P['Wz'] + P['bz']; z = sig(az)                     # line 10
    ar = xh @ P['Wr'] + P['br']; r = sig(ar)                     # line 12
    ah = np.hstack([x, r*hp]) @ P['Wh'] + P['bh']; hh = np.tanh(ah)  # line 14
    h = (1-z)*hp + z*hh                                          # line 16
    return h, dict(z=z, r=r, hh=hh, xh=xh)
def L(P, x, hp): return float(np.sum(gh * step(P, x, hp)[0]))
def fd(fun, A, eps=1e-6):
    G = np.zeros_like(A)
    for i in np.ndindex(A.shape):
        o = A[i]; A[i] = o+eps; a = fun(); A[i] = o-eps; b = fun(); A[i] = o; G[i] = (a-b)/(2*eps)
    return G
def cmp(tag, a, b):
    e = np.max(np.abs(a-b))/(np.max(np.abs(b))+1e-12)
    print(f"{tag}: rel err {e:.2e} {'AGREE' if e < 1e-6 else 'DISAGREE'}"); return e < 1e-6

h, c = step(P, x, hp); z, r, hh, xh = c['z'], c['r'], c['hh'], c['xh']
dh = gh
# --- the author's formulas, read with sigma'(z_t) = z_t(1-z_t), tanh'(hat h_t) = 1 - hat h_t^2 (derivative at the pre-activation)
dz = dh * (hh - hp) * z*(1-z)                                    # line 21
dhh = dh * z * (1 - hh**2)                                       # line 23
# per-sample pre-activation FD: add an offset matrix E to each pre-activation
def step_off(Ez=0, Er=0, Eh=0, X=None, Hp=None):
    X = x if X is None else X; Hp = hp if Hp is None else Hp
    xh_ = np.hstack([X, Hp]); z_ = sig(xh_ @ P['Wz'] + P['bz'] + Ez); r_ = sig(xh_ @ P['Wr'] + P['br'] + Er)
    hh_ = np.tanh(np.hstack([X, r_*Hp]) @ P['Wh'] + P['bh'] + Eh)
    return float(np.sum(gh * ((1-z_)*Hp + z_*hh_)))
def fd_off(which):
    E = np.zeros((B, hid))
    return fd(lambda: step_off(**{which: E}), E)
ok = True
ok &= cmp("line 21 delta_z  vs FD dL/d(pre-act z)", dz, fd_off('Ez'))
ok &= cmp("line 23 delta_hh vs FD dL/d(pre-act hat h)", dhh, fd_off('Eh'))
# line 25 as written: W_h[:, in:]^T -- column slice of an (in+hid) x hid matrix
Wsl = P['Wh'][:, nin:]
print(f"line 25 as written: W_h[:, in:] has shape {Wsl.shape}; delta_hh (B,{hid}) . W_h[:, in:]^T (shape {Wsl.T.shape}) ->", end=" ")
try:
    dr_written = (dhh @ Wsl.T) * hp * r*(1-r); print("computed", dr_written.shape)
except ValueError as e:
    print("SHAPE ERROR:", e, "-> DISAGREE")
dr_rows = (dhh @ P['Wh'][nin:, :].T) * hp * r*(1-r)              # same formula with the h-rows W_h[in:, :]
ok &= cmp("line 25 with the h-block W_h[in:, :] instead (reference only)", dr_rows, fd_off('Er'))
# lines 28-32: one-step weight gradients
ok &= cmp("line 28 Delta W_z = [x,h]^T . delta_z", xh.T @ dz, fd(lambda: L(P, x, hp), P['Wz']))
ok &= cmp("line 28 Delta b_z = sum delta_z", dz.sum(0, keepdims=True), fd(lambda: L(P, x, hp), P['bz']))
ok &= cmp("line 30 Delta W_r = [x,h]^T . delta_r (delta_r from the h-block)", xh.T @ dr_rows, fd(lambda: L(P, x, hp), P['Wr']))
ok &= cmp("line 30 Delta b_r = sum delta_r", dr_rows.sum(0, keepdims=True), fd(lambda: L(P, x, hp), P['br']))
ok &= cmp("line 32 Delta W_h = [x, r*h]^T . delta_hh", np.hstack([x, r*hp]).T @ dhh, fd(lambda: L(P, x, hp), P['Wh']))
ok &= cmp("line 32 Delta b_h = sum delta_hh", dhh.sum(0, keepdims=True), fd(lambda: L(P, x, hp), P['bh']))
# lines 35, 37 as written (column slices) -> shape errors; with row blocks -> agree
for line, sl, what in (("35", slice(nin, None), "delta_{h_{t-1}}"), ("37", slice(None, nin), "delta_{x_t}")):
    try:
        _ = dz @ P['Wz'][:, sl].T; print(f"line {line} as written computed")
    except ValueError as e:
        print(f"line {line} {what} as written (W[:, {sl.start}:{sl.stop}]^T): SHAPE ERROR: {e} -> DISAGREE")
dhp_rows = dh*(1-z) + dz @ P['Wz'][nin:, :].T + dr_rows @ P['Wr'][nin:, :].T + (dhh @ P['Wh'][nin:, :].T) * r
dx_rows = dz @ P['Wz'][:nin, :].T + dr_rows @ P['Wr'][:nin, :].T + dhh @ P['Wh'][:nin, :].T
ok &= cmp("line 35 with row blocks W[in:, :] (reference only)", dhp_rows, fd(lambda: L(P, x, hp), hp))
ok &= cmp("line 37 with row blocks W[:in, :] (reference only)", dx_rows, fd(lambda: L(P, x, hp), x))
# Case in == hid: W[:, in:] is empty, so the written terms vanish silently
Wsq = rng.normal(size=(8, 4)); print("if in == hid == 4: W[:, in:] has shape", Wsq[:, 4:].shape, "(empty) -> the written recurrent terms are lost")
# Other reading (layout B: W stored hid x (in+hid), forward [x,h] . W^T): then the h-block is W[:, in:] and the
# correct product is delta . W[:, in:] (no transpose); the written ^T gives a different number:
WB = P['Wz'].T.copy()          # hid x (in+hid), same linear map as layout A
print("layout-B reading: max |delta_z.W[:,in:]^T - delta_z.W[:,in:]| =",
      f"{np.max(np.abs(dz @ WB[:, nin:].T - dz @ WB[:, nin:])):.3f} -> written transpose DISAGREES under this reading too")
print("reference rows all agree" if ok else "SOME reference rows disagree")
