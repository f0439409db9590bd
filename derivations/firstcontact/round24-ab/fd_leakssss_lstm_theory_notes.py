"""FD check of Leakssss/Financial-Data-Prediction 'Theory Documentation/LSTM Theory.md' (commit 3144a4b).

Author's model (scalar hidden state, N input features, one LSTM unit):
    u_kt = sum_i W_ki x_ti + W_kh h_{t-1} + b_k ,  k in {f, I, s, o}
    f_t = sig(u_ft), I_t = sig(u_It), s_t = tanh(u_st), o_t = sig(u_ot)
    c_t = f_t c_{t-1} + I_t s_t ,  h_t = o_t tanh(c_t) ,  h_0 = c_0 = 0
    sequence-to-one loss L = l(y, h_T) with l = (y - h_T)^2
All d(.)/d(.) of the author are read as total derivatives (the note is about the recursion
through h_{t-1}); derivatives of one node w.r.t. its immediate input (dh_t/do_t, dc_t/df_t,
df_t/du_ft, du_ot/dh_{t-1}, ...) are local partials.  Each row is checked locally: the
recursive term on its right-hand side (du_{k,t-1}/dW, dh_{t-1}/dW, ...) is taken from finite
differences, i.e. assumed correct, and the row is compared with the FD value of its left side.
Generic rows are checked at t = 4 (T = 5) where every dependency path is active; rows the author
states for t = 1, 2 are checked there.  Line numbers printed are those of the .md file
(= original file line - 14).
"""
import numpy as np

OFF = 14
rng = np.random.default_rng(7)
N, T = 3, 5
K = ['f', 'I', 's', 'o']
P0 = {}
for k in K:
    P0['W' + k] = rng.normal(size=N) * 0.8
    P0['Wh' + k] = rng.normal() * 1.2
    P0['b' + k] = rng.normal() * 0.5
X0 = np.vstack([np.zeros(N), rng.normal(size=(T, N))])   # x[1..T]
Y = 0.3
sig = lambda a: 1.0 / (1.0 + np.exp(-a))


def fwd(P=P0, X=X0, override=None):
    """override: dict {('u', k, t): value} replaces a pre-activation (for local partials)."""
    h = np.zeros(T + 1); c = np.zeros(T + 1)
    u = {k: np.zeros(T + 1) for k in K}
    g = {k: np.zeros(T + 1) for k in K}
    for t in range(1, T + 1):
        for k in K:
            u[k][t] = P['W' + k] @ X[t] + P['Wh' + k] * h[t - 1] + P['b' + k]
            if override and ('u', k, t) in override:
                u[k][t] = override[('u', k, t)]
        g['f'][t] = sig(u['f'][t]); g['I'][t] = sig(u['I'][t])
        g['s'][t] = np.tanh(u['s'][t]); g['o'][t] = sig(u['o'][t])
        c[t] = g['f'][t] * c[t - 1] + g['I'][t] * g['s'][t]
        h[t] = g['o'][t] * np.tanh(c[t])
    return dict(u=u, g=g, c=c, h=h, L=(Y - h[T]) ** 2)


F = fwd()
u, g, c, h = F['u'], F['g'], F['c'], F['h']
f_, I_, s_, o_ = g['f'], g['I'], g['s'], g['o']
EPS = 1e-6


def d_param(q, pname, idx=None):
    """total derivative of q(fwd-result) w.r.t. parameter pname[idx] (central FD)."""
    def val(delta):
        P = {k: (v.copy() if isinstance(v, np.ndarray) else v) for k, v in P0.items()}
        if idx is None:
            P[pname] = P[pname] + delta
        else:
            P[pname][idx] += delta
        return q(fwd(P))
    return (val(EPS) - val(-EPS)) / (2 * EPS)


def d_x(q, t, i):
    def val(delta):
        X = X0.copy(); X[t, i] += delta
        return q(fwd(X=X))
    return (val(EPS) - val(-EPS)) / (2 * EPS)


def d_u(q, k, t):
    """derivative of q w.r.t. the pre-activation u_kt treated as an independent variable."""
    def val(delta):
        return q(fwd(override={('u', k, t): u[k][t] + delta}))
    return (val(EPS) - val(-EPS)) / (2 * EPS)


close = lambda a, b: abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


def rep(old_line, ok, note=''):
    print(f"line {old_line - OFF}: {'OK' if ok else 'MISMATCH'}" + (f"   ({note})" if note else ''))


i = 1           # feature index used for W_ki, x_ti
t = 4           # generic time step
tanh = np.tanh
dsig = lambda a: a * (1 - a)

# ---------------- definitions / forward ----------------
Fu = fwd()
rep(18, all(close(u[k][t], P0['W' + k] @ X0[t] + P0['Wh' + k] * h[t - 1] + P0['b' + k]) for k in K))
rep(25, close(f_[t], sig(u['f'][t]))); rep(26, close(I_[t], sig(u['I'][t])))
rep(27, close(s_[t], tanh(u['s'][t]))); rep(28, close(o_[t], sig(u['o'][t])))
rep(34, all(close(c[k], f_[k] * c[k - 1] + I_[k] * s_[k]) for k in range(1, T + 1)))
rep(35, all(close(h[k], o_[k] * tanh(c[k])) for k in range(1, T + 1)))
rep(43, close(F['L'], (Y - h[T]) ** 2), 'definition L = l(y, y_hat) for the last step')
rep(44, close(F['L'], (Y - h[T]) ** 2), 'y_hat_t = h_t')

# ---------------- dL/dW chains (lines 54-56, repeated at 351-353) ----------------
dLdh = -2 * (Y - h[T])
Tt = T
true_Woi = d_param(lambda r: r['L'], 'Wo', i)
auth_Woi = dLdh * tanh(c[Tt]) * dsig(o_[Tt]) * d_param(lambda r: r['u']['o'][Tt], 'Wo', i)
true_Wfi = d_param(lambda r: r['L'], 'Wf', i)
auth_Wfi = dLdh * o_[Tt] * (1 - tanh(c[Tt]) ** 2) * c[Tt - 1] * dsig(f_[Tt]) * d_param(lambda r: r['u']['f'][Tt], 'Wf', i)
true_WIi = d_param(lambda r: r['L'], 'WI', i)
auth_WIi = dLdh * o_[Tt] * (1 - tanh(c[Tt]) ** 2) * s_[Tt] * dsig(I_[Tt]) * d_param(lambda r: r['u']['I'][Tt], 'WI', i)
for base in (54, 351):
    rep(base, close(auth_Woi, true_Woi), f'chain only via o_T: {auth_Woi:.6g} vs FD {true_Woi:.6g}')
    rep(base + 1, close(auth_Wfi, true_Wfi), f'"dL/h_t" typo; chain only via f_T: {auth_Wfi:.6g} vs FD {true_Wfi:.6g}')
    rep(base + 2, close(auth_WIi, true_WIi), f'chain only via I_T: {auth_WIi:.6g} vs FD {true_WIi:.6g}')

rep(74, all(close(h[k - 1], o_[k - 1] * tanh(c[k - 1])) for k in range(2, T + 1)), 'restates h_(t-1) = o_(t-1) tanh(c_(t-1))')

# ---------------- du_ot/dW_oi ----------------
duo_Woi = lambda tt: d_param(lambda r: r['u']['o'][tt], 'Wo', i)
dh_Woi = lambda tt: d_param(lambda r: r['h'][tt], 'Wo', i)
do_Woi = lambda tt: d_param(lambda r: r['g']['o'][tt], 'Wo', i)
lhs = duo_Woi(t)
rep(68, close(lhs, d_param(lambda r: r['u']['o'][t], 'Wo', i)), 'restates the definition of u_ot')
rep(69, close(lhs, d_param(lambda r: r['u']['o'][t] - (sum(P0['Wo'][j] * X0[t, j] for j in range(N) if j != i) + P0['bo']), 'Wo', i)), 'dropped terms do not depend on W_oi')
rep(70, close(lhs, X0[t, i] + P0['Who'] * dh_Woi(t - 1)))
rep(78, close(lhs, X0[t, i] + P0['Who'] * dh_Woi(t - 1)))
r79 = X0[t, i] + P0['Who'] * tanh(c[t - 1]) * do_Woi(t - 1)
rep(79, close(lhs, r79), f'drops the c_(t-1) path: {r79:.6g} vs {lhs:.6g}')
r80 = X0[t, i] + P0['Who'] * tanh(c[t - 1]) * dsig(o_[t - 1]) * duo_Woi(t - 1)
rep(80, close(lhs, r80), f'{r80:.6g} vs {lhs:.6g}')
rep(94, close(duo_Woi(1), X0[1, i]), 'h_0 = 0')
rep(96, close(duo_Woi(2), X0[2, i] + P0['Who'] * tanh(c[1]) * dsig(o_[1]) * duo_Woi(1)), 'exact at t = 2: c_1 does not depend on W_oi')
rep(98, close(duo_Woi(2), X0[2, i] + P0['Who'] * tanh(c[1]) * dsig(o_[1]) * X0[1, i]))
# local partials
rep(104, close(d_u(lambda r: r['h'][t], 'o', t) / dsig(o_[t]), tanh(c[t])), 'dh_t/do_t with c_t fixed')
rep(105, close(d_u(lambda r: r['h'][t], 'o', t) / dsig(o_[t]), tanh(c[t])))
rep(106, close(d_u(lambda r: r['g']['o'][t], 'o', t), sig(u['o'][t]) * (1 - sig(u['o'][t]))))
rep(107, close(d_u(lambda r: r['g']['o'][t], 'o', t), sig(u['o'][t]) * (1 - sig(u['o'][t]))))
rep(108, close(d_u(lambda r: r['g']['o'][t], 'o', t), o_[t] * (1 - o_[t])))
for L_ in (114, 115, 162):
    rep(L_, close(lhs, r80), f'recursion misses the c_(t-1) path: {r80:.6g} vs {lhs:.6g}')

# ---------------- du_ot/dW_oh ----------------
duo_Woh = lambda tt: d_param(lambda r: r['u']['o'][tt], 'Who')
dh_Woh = lambda tt: d_param(lambda r: r['h'][tt], 'Who')
do_Woh = lambda tt: d_param(lambda r: r['g']['o'][tt], 'Who')
lhs = duo_Woh(t)
rep(127, close(lhs, h[t - 1] + P0['Who'] * dh_Woh(t - 1)))
rep(128, close(lhs, h[t - 1] + P0['Who'] * dh_Woh(t - 1)))
r129 = h[t - 1] + P0['Who'] * tanh(c[t - 1]) * do_Woh(t - 1)
rep(129, close(lhs, r129), f'{r129:.6g} vs {lhs:.6g} (exact only for t <= 3)')
r130 = h[t - 1] + P0['Who'] * tanh(c[t - 1]) * dsig(o_[t - 1]) * duo_Woh(t - 1)
rep(130, close(lhs, r130), f'{r130:.6g} vs {lhs:.6g}')
for L_ in (164, 383):
    rep(L_, close(lhs, r130), f'{r130:.6g} vs {lhs:.6g}')
print('  (info) W_oh recursion exact at t=3:', close(duo_Woh(3), h[2] + P0['Who'] * tanh(c[2]) * dsig(o_[2]) * duo_Woh(2)))

# ---------------- du_ot/db_o ----------------
duo_bo = lambda tt: d_param(lambda r: r['u']['o'][tt], 'bo')
lhs = duo_bo(t)
rep(140, close(lhs, 1 + P0['Who'] * d_param(lambda r: r['h'][t - 1], 'bo')))
rep(141, close(lhs, 1 + P0['Who'] * d_param(lambda r: r['h'][t - 1], 'bo')))
r142 = 1 + P0['Who'] * tanh(c[t - 1]) * dsig(o_[t - 1]) * duo_bo(t - 1)
rep(142, close(lhs, r142), f'{r142:.6g} vs {lhs:.6g}')
rep(143, False, f'"du_(o,t-1)/dW_(bo)": W_bo undefined; read as db_o the row equals line 128: {r142:.6g} vs {lhs:.6g}')
rep(168, close(lhs, r142), f'{r142:.6g} vs {lhs:.6g}')

# ---------------- du_kt/dx_ti (partial, x_ti only enters u_kt at time t) ----------------
for L_, k in ((151, 'o'), (166, 'o'), (226, 'f'), (250, 's'), (274, 'I')):
    rep(L_, close(d_x(lambda r: r['u'][k][t], t, i), P0['W' + k][i]),
        'LaTeX W{si} renders as W si' if L_ == 250 else '')

# ---------------- forget gate rows ----------------
duf_Wfi = lambda tt: d_param(lambda r: r['u']['f'][tt], 'Wf', i)
dh_Wfi = lambda tt: d_param(lambda r: r['h'][tt], 'Wf', i)
dc_Wfi = lambda tt: d_param(lambda r: r['c'][tt], 'Wf', i)
df_Wfi = lambda tt: d_param(lambda r: r['g']['f'][tt], 'Wf', i)
lhs = duf_Wfi(t)
ok184 = close(lhs, X0[t, i] + P0['Whf'] * dh_Wfi(t - 1))
dhdc = lambda tt: o_[tt] * (1 - tanh(c[tt]) ** 2)
r194 = X0[t, i] + P0['Whf'] * dhdc(t - 1) * dc_Wfi(t - 1)
r195 = X0[t, i] + P0['Whf'] * dhdc(t - 1) * c[t - 2] * df_Wfi(t - 1)
r196 = X0[t, i] + P0['Whf'] * dhdc(t - 1) * c[t - 2] * dsig(f_[t - 1]) * duf_Wfi(t - 1)
r216 = X0[t, i] + P0['Whf'] * dhdc(t - 1) * c[t - 2] * dsig(f_[t]) * duf_Wfi(t - 1)
XFI = 'x_(fi) is not a defined quantity (should be x_(ti))'
rep(184, False, f'{XFI}; with x_ti the row holds: {ok184}')
rep(185, False, f'{XFI}; with x_ti the row holds: {ok184}')
rep(193, False, f'{XFI}; with x_ti the row holds: {ok184}')
rep(194, False, f'{XFI}; also drops the o_(t-1) path: {r194:.6g} vs {lhs:.6g}')
rep(195, False, f'{XFI}; also drops f_(t-1) dc_(t-2)/dW and o path: {r195:.6g} vs {lhs:.6g}')
rep(196, False, f'{XFI}; {r196:.6g} vs {lhs:.6g}')
rep(216, False, f'{XFI}; f_t(1-f_t) should be f_(t-1)(1-f_(t-1)): {r216:.6g} vs {lhs:.6g}')
rep(224, False, f'{XFI}; {r216:.6g} vs {lhs:.6g}')
lhs_h = d_param(lambda r: r['u']['f'][t], 'Whf')
r225 = h[t - 1] + P0['Whf'] * dhdc(t - 1) * c[t - 2] * dsig(f_[t]) * d_param(lambda r: r['u']['f'][t - 1], 'Whf')
rep(225, close(lhs_h, r225), f'{r225:.6g} vs {lhs_h:.6g}')
lhs_b = d_param(lambda r: r['u']['f'][t], 'bf')
r227 = 1 + P0['Whf'] * dhdc(t - 1) * c[t - 2] * dsig(f_[t]) * d_param(lambda r: r['u']['f'][t - 1], 'bf')
rep(227, close(lhs_b, r227), f'{r227:.6g} vs {lhs_b:.6g}')
# local partials 204-209
# dh_t/dc_t with o_t fixed: perturb c_t through s_t with u_s override -> dh/dc = (dh/du_s)/(dc/du_s)
dh_dus = d_u(lambda r: r['h'][t], 's', t); dc_dus = d_u(lambda r: r['c'][t], 's', t)
rep(204, close(dh_dus / dc_dus, o_[t] * (1 - tanh(c[t]) ** 2)), 'o_t d tanh(c_t)/dc_t')
rep(205, close(dh_dus / dc_dus, o_[t] * (1 - tanh(c[t]) ** 2)))
dc_duf = d_u(lambda r: r['c'][t], 'f', t)
rep(206, close(dc_duf / dsig(f_[t]), c[t - 1] * 1.0))
rep(207, close(dc_duf / dsig(f_[t]), c[t - 1]))
rep(208, close(d_u(lambda r: r['g']['f'][t], 'f', t), dsig(f_[t])))
rep(209, close(d_u(lambda r: r['g']['f'][t], 'f', t), f_[t] * (1 - f_[t])))

# ---------------- candidate rows ----------------
dus_Wsi = lambda tt: d_param(lambda r: r['u']['s'][tt], 'Ws', i)
lhs = dus_Wsi(t)
r248 = X0[t, i] + P0['Whs'] * dhdc(t - 1) * I_[t - 1] * (1 - s_[t - 1] ** 2) * dus_Wsi(t - 1)
XSI = 'x_(si) is not a defined quantity (should be x_(ti))'
rep(235, False, f'{XSI}; {r248:.6g} vs {lhs:.6g}')
rep(241, close(d_u(lambda r: r['c'][t], 's', t) / (1 - s_[t] ** 2), I_[t]))
rep(242, close(d_u(lambda r: r['g']['s'][t], 'f', t), 1 - s_[t] ** 2), f'ds_t/du_(f,t) = {d_u(lambda r: r["g"]["s"][t], "f", t):.3g} (s_t does not depend on u_ft); 1-s_t^2 is ds_t/du_(s,t)')
rep(248, False, f'{XSI}; {r248:.6g} vs {lhs:.6g}')
lhs_h = d_param(lambda r: r['u']['s'][t], 'Whs')
r249 = h[t - 1] + P0['Whs'] * dhdc(t - 1) * I_[t - 1] * (1 - s_[t - 1] ** 2) * d_param(lambda r: r['u']['s'][t - 1], 'Whs')
rep(249, close(lhs_h, r249), f'{r249:.6g} vs {lhs_h:.6g}')
lhs_b = d_param(lambda r: r['u']['s'][t], 'bs')
r251 = 1 + P0['Whs'] * dhdc(t - 1) * I_[t - 1] * (1 - s_[t - 1] ** 2) * d_param(lambda r: r['u']['s'][t - 1], 'bs')
rep(251, close(lhs_b, r251), f'{r251:.6g} vs {lhs_b:.6g}')

# ---------------- input gate rows ----------------
duI_WIi = lambda tt: d_param(lambda r: r['u']['I'][tt], 'WI', i)
lhs = duI_WIi(t)
r272 = X0[t, i] + P0['WhI'] * dhdc(t - 1) * s_[t - 1] * dsig(I_[t - 1]) * duI_WIi(t - 1)
rep(259, False, f'{XFI} (in the input-gate row); {r272:.6g} vs {lhs:.6g}')
rep(265, close(d_u(lambda r: r['c'][t], 'I', t) / dsig(I_[t]), s_[t]))
rep(266, close(d_u(lambda r: r['g']['I'][t], 'f', t), I_[t] * (1 - I_[t])), 'dI_t/du_(f,t) = 0; I_t(1-I_t) is dI_t/du_(I,t)')
rep(272, False, f'{XFI}; {r272:.6g} vs {lhs:.6g}')
lhs_h = d_param(lambda r: r['u']['I'][t], 'WhI')
r273 = h[t - 1] + P0['WhI'] * dhdc(t - 1) * s_[t - 1] * dsig(I_[t - 1]) * d_param(lambda r: r['u']['I'][t - 1], 'WhI')
rep(273, close(lhs_h, r273), f'{r273:.6g} vs {lhs_h:.6g}')
lhs_b = d_param(lambda r: r['u']['I'][t], 'bI')
r275 = 1 + P0['WhI'] * dhdc(t - 1) * s_[t - 1] * dsig(I_[t - 1]) * d_param(lambda r: r['u']['I'][t - 1], 'bI')
rep(275, close(lhs_b, r275), f'{r275:.6g} vs {lhs_b:.6g}')

# ---------------- input gradient (t = T, the loss step of the seq-to-one setup) ----------------
tt = T
dLdx = d_x(lambda r: r['L'], tt, i)
dhdx = d_x(lambda r: r['h'][tt], tt, i)
rep(285, close(dLdx, dLdh * dhdx), 'x_(iT) reaches L only through h_T')
dodx = d_x(lambda r: r['g']['o'][tt], tt, i)
dcdx = d_x(lambda r: r['c'][tt], tt, i)
r295 = dodx * tanh(c[tt]) + dcdx * o_[tt]
rep(295, close(dhdx, r295), f'missing tanh\'(c_t): {r295:.6g} vs {dhdx:.6g}')
dfdx = d_x(lambda r: r['g']['f'][tt], tt, i)
dIdx = d_x(lambda r: r['g']['I'][tt], tt, i)
dsdx = d_x(lambda r: r['g']['s'][tt], tt, i)
dIs = d_x(lambda r: r['g']['I'][tt] * r['g']['s'][tt], tt, i)
rep(303, close(dcdx, d_x(lambda r: r['g']['f'][tt] * r['c'][tt - 1] + r['g']['I'][tt] * r['g']['s'][tt], tt, i)))
rep(304, close(dcdx, c[tt - 1] * dfdx + dIs))
rep(312, close(dfdx, dsig(f_[tt]) * P0['Wf'][i]))
rep(313, close(dfdx, f_[tt] * (1 - f_[tt]) * P0['Wf'][i]))
rep(321, close(dIs, dIdx * s_[tt] + dsdx * I_[tt]))
rep(322, False, f'"du_st/dx_(st)": x_(st) undefined (should be dx_(it)); with dx_(it) the row holds: {close(dIs, dsig(I_[tt]) * P0["WI"][i] * s_[tt] + (1 - s_[tt] ** 2) * P0["Ws"][i] * I_[tt])}')
rep(323, close(dIs, I_[tt] * (1 - I_[tt]) * P0['WI'][i] * s_[tt] + (1 - s_[tt] ** 2) * P0['Ws'][i] * I_[tt]))
rep(330, close(dcdx, c[tt - 1] * dfdx + dIs))
rep(331, close(dcdx, c[tt - 1] * dfdx + s_[tt] * dIdx + I_[tt] * dsdx))
rep(332, close(dcdx, dsig(f_[tt]) * P0['Wf'][i] * c[tt - 1] + dsig(I_[tt]) * P0['WI'][i] * s_[tt] + (1 - s_[tt] ** 2) * P0['Ws'][i] * I_[tt]))
r338 = tanh(c[tt]) * dodx + o_[tt] * dcdx
rep(338, close(dhdx, r338), f'{r338:.6g} vs {dhdx:.6g}')
r339 = tanh(c[tt]) * dodx + o_[tt] * (c[tt - 1] * dfdx + s_[tt] * dIdx + I_[tt] * dsdx)
rep(339, close(dhdx, r339), f'{r339:.6g} vs {dhdx:.6g}')
rep(407, close(dhdx, r339), f'{r339:.6g} vs {dhdx:.6g}')

# ---------------- vanishing-gradient section ----------------
# 367: scalar Elman RNN h_t = phi(u_t), u_t = W_x x_t + W_h h_{t-1} + b, h_0 = 0, phi = tanh
Wx, Wh, bb = 0.7, 0.9, 0.1
xs = np.concatenate([[0.0], rng.normal(size=T)])
def rnn(Wh_):
    hh = np.zeros(T + 1); uu = np.zeros(T + 1)
    for k in range(1, T + 1):
        uu[k] = Wx * xs[k] + Wh_ * hh[k - 1] + bb; hh[k] = np.tanh(uu[k])
    return hh, uu
hh, uu = rnn(Wh)
dphi = 1 - np.tanh(uu) ** 2
lhs = (rnn(Wh + EPS)[0][T] - rnn(Wh - EPS)[0][T]) / (2 * EPS)
rhs = dphi[T] * hh[T - 1] + sum(Wh ** (T - k) * np.prod([dphi[j] for j in range(k + 1, T + 1)]) * dphi[k] * hh[k - 1] for k in range(1, T))
rep(367, close(lhs, rhs), 'closed form of the scalar RNN recursion')
# 375/376: dh_t/dW_hi, W_hi read as W_oh (the only recurrent output-gate weight)
lhs = d_param(lambda r: r['h'][t], 'Who')
r376 = tanh(c[t]) * dsig(o_[t]) * d_param(lambda r: r['u']['o'][t], 'Who')
rep(375, close(lhs, r376), f'W_hi undefined (read as W_oh); drops the c_t path: {r376:.6g} vs {lhs:.6g}')
rep(376, close(lhs, r376), f'{r376:.6g} vs {lhs:.6g}')
tq = 5
lhs = d_param(lambda r: r['u']['o'][tq], 'Who')
cj = lambda j: P0['Who'] * tanh(c[j - 1]) * dsig(o_[j - 1])
r393 = h[tq - 1] + sum(np.prod([cj(j) for j in range(k + 1, tq + 1)]) * h[k - 1] for k in range(1, tq))
r394 = h[tq - 1] + sum(P0['Who'] ** (tq - k) * np.prod([tanh(c[j - 1]) * dsig(o_[j - 1]) for j in range(k + 1, tq + 1)]) * h[k - 1] for k in range(1, tq))
# unrolled form equals the (wrong) recursion unrolled
a = [0.0] * (tq + 1)
for k in range(1, tq + 1):
    a[k] = h[k - 1] + (cj(k) * a[k - 1] if k > 1 else 0.0)
print('  (info) 393/394 are an exact unrolling of the author\'s recursion:', close(r393, a[tq]), close(r394, a[tq]))
# 380, 387-389: a_t = b_t + c_t a_(t-1) with a_t = du_ot/dW_oh, b_t = h_(t-1), c_t = W_oh tanh(c_(t-1)) o_(t-1)(1-o_(t-1)):
# definitions of the template; the author's recursion (line 369) has exactly this form (checked with the a[] built above)
tmpl = all(close(a[k], h[k - 1] + cj(k) * a[k - 1]) for k in range(2, tq + 1))
rep(380, tmpl, 'generic first-order recursion (definition of the template)')
rep(387, True, 'definition a_t := du_ot/dW_oh')
rep(388, True, 'definition b_t := h_(t-1)')
rep(389, tmpl, 'definition c_t := W_oh tanh(c_(t-1)) o_(t-1)(1-o_(t-1)) (name clashes with the cell state)')
rep(393, close(lhs, r393), f'{r393:.6g} vs FD {lhs:.6g} (t = 5)')
rep(394, close(lhs, r394), f'{r394:.6g} vs FD {lhs:.6g} (t = 5)')
lhs = d_param(lambda r: r['h'][tq], 'Who')
r403 = tanh(c[tq]) * dsig(o_[tq]) * r394
rep(402, close(lhs, tanh(c[tq]) * dsig(o_[tq]) * d_param(lambda r: r['u']['o'][tq], 'Who')), 'same as line 362 (drops the c_t path)')
rep(403, close(lhs, r403), f'{r403:.6g} vs {lhs:.6g}')

# ---------------- losses ----------------
ys = rng.normal(size=T + 1)
rep(431, close(sum((ys[k] - h[k]) ** 2 for k in range(1, T + 1)), sum((ys[k] - h[k]) ** 2 for k in range(1, T + 1))), 'definition (seq-to-seq loss)')
rep(439, close(F['L'], (Y - h[T]) ** 2), 'definition (seq-to-one loss)')
