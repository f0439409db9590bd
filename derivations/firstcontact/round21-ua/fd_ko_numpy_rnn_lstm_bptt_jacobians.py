# FD checks for ko_numpy_rnn_lstm_bptt_jacobians.md
# Author's models (unbatched, column convention W @ h):
#  RNN: h_t = tanh(W h_{t-1} + U x_t + b), logits = Wo h_n + bo, loss = -log softmax(logits)[y]  (last step only)
#  LSTM: z = Wx x + Wh h_{t-1} + b, gate order (i, f, o, g); c = f*c_prev + i*g; h = o*tanh(c); same readout/loss.
# Backward rows are checked step-locally: each row is fed the TRUE values (finite differences) of the quantities it
# consumes and compared with the TRUE value it names. Jacobian rows are compared with FD Jacobians of one cell step.
import numpy as np
rng = np.random.default_rng(11)
n, Din, H, C = 4, 2, 3, 3
x = rng.normal(size=(n, Din)); ycls = 1
eps = 1e-6
sig = lambda v: 1 / (1 + np.exp(-v))
def rep(line, ok, note=""):
    print(f"line {line}: {'OK' if ok else 'MISMATCH'} {note}")
def softmax(z):
    z = z - z.max(); e = np.exp(z); return e / e.sum()

# ---------------- RNN
R = {"W": rng.normal(size=(H, H)) * 0.8, "U": rng.normal(size=(H, Din)), "b": rng.normal(size=H) * 0.3,
     "Wo": rng.normal(size=(C, H)), "bo": rng.normal(size=C) * 0.3}
def rnn_run(R=R, x=x, pert=None, h0=None):
    pert = pert or {}
    h = np.zeros(H) if h0 is None else h0; hs = []; As = []
    for t in range(n):
        a = R["W"] @ h + R["U"] @ (x[t] + pert.get(("x", t), 0)) + R["b"] + pert.get(("a", t), 0)
        h = np.tanh(a) + pert.get(("h", t), 0); hs.append(h); As.append(a)
    p = softmax(R["Wo"] @ hs[-1] + R["bo"] + pert.get("logit", 0))
    return -np.log(p[ycls]), np.array(hs), p
def fdv(fun, size):
    g = np.zeros(size)
    for a in range(size):
        e = np.zeros(size); e[a] = eps; g[a] = (fun(e) - fun(-e)) / (2 * eps)
    return g
def fdm(fun, M):
    G = np.zeros_like(M)
    for idx in np.ndindex(*M.shape):
        Mp = M.copy(); Mp[idx] += eps; Mm = M.copy(); Mm[idx] -= eps; G[idx] = (fun(Mp) - fun(Mm)) / (2 * eps)
    return G
L0, hs, p = rnn_run()
DHr = {t: fdv(lambda e, t=t: rnn_run(pert={("h", t): e})[0], H) for t in range(n)}
DAr = {t: fdv(lambda e, t=t: rnn_run(pert={("a", t): e})[0], H) for t in range(n)}
DXr = {t: fdv(lambda e, t=t: rnn_run(pert={("x", t): e})[0], Din) for t in range(n)}
dlog = fdv(lambda e: rnn_run(pert={"logit": e})[0], C)
GR = {k: fdm(lambda M, k=k: rnn_run(R={**R, k: M})[0], R[k]) for k in R}
for l in (5, 23, 53):
    rep(l, True, "(RNN forward / loss definition)")
rep(46, np.allclose(softmax(np.array([1., 2., 3.])), np.exp([1., 2., 3.]) / np.exp([1., 2., 3.]).sum()), "(max-shift leaves softmax unchanged)")
rep(64, np.allclose(p - np.eye(C)[ycls], dlog, atol=1e-6), "(p - e_y)")
rep(65, np.allclose(np.outer(dlog, hs[-1]), GR["Wo"], atol=1e-6) and np.allclose(dlog, GR["bo"], atol=1e-6))
rep(67, np.allclose(R["Wo"].T @ dlog, DHr[n - 1], atol=1e-6), "(dL/dh_n)")
rep(69, all(np.allclose(DHr[t] * (1 - hs[t] ** 2), DAr[t], atol=1e-6) for t in range(n)))
hprev = lambda t: hs[t - 1] if t > 0 else np.zeros(H)
rep(71, np.allclose(sum(np.outer(DAr[t], hprev(t)) for t in range(n)), GR["W"], atol=1e-6))
rep(72, np.allclose(sum(np.outer(DAr[t], x[t]) for t in range(n)), GR["U"], atol=1e-6))
rep(73, np.allclose(sum(DAr[t] for t in range(n)), GR["b"], atol=1e-6))
rep(74, all(np.allclose(R["U"].T @ DAr[t], DXr[t], atol=1e-6) for t in range(n)))
rep(75, all(np.allclose(R["W"].T @ DAr[t], DHr[t - 1], atol=1e-6) for t in range(1, n)), "(loss only at the last step)")
# line 31 / 38: dh_t/dh_{t-1} = diag(1 - h_t^2) W and the product J_t = dh_t/dh_0 (b = 0 as in the function)
R0 = {**R, "b": np.zeros(H)}
_, hs0, _ = rnn_run(R=R0)
def step_rnn(hp, t): return np.tanh(R["W"] @ hp + R["U"] @ x[t])
ok31 = True
for t in range(n):
    hp = hs0[t - 1] if t > 0 else np.zeros(H)
    Jfd = np.column_stack([(step_rnn(hp + e, t) - step_rnn(hp - e, t)) / (2 * eps) for e in np.eye(H) * eps])
    ok31 &= np.allclose(np.diag(1 - hs0[t] ** 2) @ R["W"], Jfd, atol=1e-6)
rep(31, ok31)
J = np.eye(H); ok38 = True
for t in range(n):
    J = (np.diag(1.0 - hs0[t] ** 2) @ R["W"]) @ J
    Jfd = np.column_stack([(rnn_run(R=R0, h0=e)[1][t] - rnn_run(R=R0, h0=-e)[1][t]) / (2 * eps) for e in np.eye(H) * eps])
    ok38 &= np.allclose(J, Jfd, atol=1e-6)
rep(38, ok38, "(J after step t equals dh_t/dh_0)")

# ---------------- LSTM
Q = {"Wx": rng.normal(size=(4 * H, Din)) * 0.8, "Wh": rng.normal(size=(4 * H, H)) * 0.8, "b": rng.normal(size=4 * H) * 0.3,
     "Wo": rng.normal(size=(C, H)), "bo": rng.normal(size=C) * 0.3}
def cell(xt, hp, cp, Q=Q, dz=0, dcadd=0):
    z = Q["Wx"] @ xt + Q["Wh"] @ hp + Q["b"] + dz
    i, f, o = sig(z[:H]), sig(z[H:2 * H]), sig(z[2 * H:3 * H]); g = np.tanh(z[3 * H:])
    c = f * cp + i * g + dcadd; h = o * np.tanh(c)
    return h, c, dict(i=i, f=f, o=o, g=g, c=c, cp=cp, hp=hp)
def lstm_run(Q=Q, x=x, pert=None, h0=None, c0=None):
    pert = pert or {}
    h = np.zeros(H) if h0 is None else h0; c = np.zeros(H) if c0 is None else c0; S = []
    for t in range(n):
        h, c, s = cell(x[t] + pert.get(("x", t), 0), h, c, Q, dz=pert.get(("z", t), 0), dcadd=pert.get(("c", t), 0))
        h = h + pert.get(("h", t), 0); S.append(s); s["h"] = h
    p = softmax(Q["Wo"] @ h + Q["bo"] + pert.get("logit", 0))
    return -np.log(p[ycls]), S, p
L1, S, pq = lstm_run()
DH = {t: fdv(lambda e, t=t: lstm_run(pert={("h", t): e})[0], H) for t in range(n)}
DC = {t: fdv(lambda e, t=t: lstm_run(pert={("c", t): e})[0], H) for t in range(n)}
DZ = {t: fdv(lambda e, t=t: lstm_run(pert={("z", t): e})[0], 4 * H) for t in range(n)}
DX = {t: fdv(lambda e, t=t: lstm_run(pert={("x", t): e})[0], Din) for t in range(n)}
dlq = fdv(lambda e: lstm_run(pert={"logit": e})[0], C)
GQ = {k: fdm(lambda M, k=k: lstm_run(Q={**Q, k: M})[0], Q[k]) for k in Q}
for l in (6, 81, 87, 88, 89, 90, 91, 122):
    rep(l, True, "(LSTM forward / loss definition)")
# lstm_cell_backward rows: dh passed in = total dL/dh_t; dc passed in = c-path part f_{t+1} * dL/dc_{t+1}
dcin = lambda t: S[t + 1]["f"] * DC[t + 1] if t < n - 1 else np.zeros(H)
ok = {k: True for k in (99, 100, 101, 102, 103, 104)}
for t in range(n):
    s = S[t]; tc = np.tanh(s["c"]); dh = DH[t]
    do = dh * tc; dct = dcin(t) + dh * s["o"] * (1 - tc ** 2)
    # gate-output gradients by FD through pre-activations: dL/dgate = dL/dz / gate'
    dZ = DZ[t]; di_t = dZ[:H] / (s["i"] * (1 - s["i"])); df_t = dZ[H:2 * H] / (s["f"] * (1 - s["f"]))
    do_t = dZ[2 * H:3 * H] / (s["o"] * (1 - s["o"])); dg_t = dZ[3 * H:] / (1 - s["g"] ** 2)
    ok[99] &= np.allclose(do, do_t, atol=1e-5)
    ok[100] &= np.allclose(dct, DC[t], atol=1e-6)
    ok[101] &= np.allclose(DC[t] * s["g"], di_t, atol=1e-5) and np.allclose(DC[t] * s["cp"], df_t, atol=1e-5) and np.allclose(DC[t] * s["i"], dg_t, atol=1e-5)
    if t > 0:
        ok[102] &= np.allclose(DC[t] * s["f"] + DH[t - 1] * S[t - 1]["o"] * (1 - np.tanh(S[t - 1]["c"]) ** 2), DC[t - 1], atol=1e-6)
    dz = np.concatenate([DC[t] * s["g"] * s["i"] * (1 - s["i"]), DC[t] * s["cp"] * s["f"] * (1 - s["f"]), dh * tc * s["o"] * (1 - s["o"]), DC[t] * s["i"] * (1 - s["g"] ** 2)])
    ok[103] &= np.allclose(dz, DZ[t], atol=1e-6)
    ok[104] &= np.allclose(Q["Wx"].T @ DZ[t], DX[t], atol=1e-6) and (t == 0 or np.allclose(Q["Wh"].T @ DZ[t], DH[t - 1], atol=1e-6))
ok[104] &= np.allclose(sum(np.outer(DZ[t], x[t]) for t in range(n)), GQ["Wx"], atol=1e-6)
ok[104] &= np.allclose(sum(np.outer(DZ[t], S[t]["hp"]) for t in range(n)), GQ["Wh"], atol=1e-6)
ok[104] &= np.allclose(sum(DZ[t] for t in range(n)), GQ["b"], atol=1e-6)
for l, note in ((99, "(dL/do_t)"), (100, "(total dL/dc_t)"), (101, "(dL/di, dL/df, dL/dg)"), (102, "(c-path part of dL/dc_{t-1})"),
                (103, "(pre-activation gradients, order i,f,o,g)"), (104, "(dx, dh_prev, dWx, dWh, db)")):
    rep(l, ok[l], note)
rep(131, np.allclose(pq - np.eye(C)[ycls], dlq, atol=1e-6))
rep(132, np.allclose(np.outer(dlq, S[-1]["h"]), GQ["Wo"], atol=1e-6) and np.allclose(dlq, GQ["bo"], atol=1e-6))
rep(134, np.allclose(Q["Wo"].T @ dlq, DH[n - 1], atol=1e-6), "(dh = dL/dh_n, dc = 0 beyond the last step)")
rep(136, ok[104] and ok[100], "(the cell backward returns the (dh, dc) the previous step needs)")
rep(137, np.allclose(sum(np.outer(DZ[t], x[t]) for t in range(n)), GQ["Wx"], atol=1e-6))
rep(138, np.allclose(sum(np.outer(DZ[t], S[t]["hp"]) for t in range(n)), GQ["Wh"], atol=1e-6))
rep(139, np.allclose(sum(DZ[t] for t in range(n)), GQ["b"], atol=1e-6))
# Jacobian rows (lstm_state_jacobian_norms)
Wi, Wf, Wo_, Wg = Q["Wh"][:H], Q["Wh"][H:2 * H], Q["Wh"][2 * H:3 * H], Q["Wh"][3 * H:]
okj = {k: True for k in (146, 156, 157, 158, 159, 160)}
Jl = np.eye(2 * H); okJ = True; ok162 = True
for t in range(n):
    s = S[t]; hp, cp = s["hp"], s["cp"]
    colsh = [(cell(x[t], hp + e, cp)[:2], cell(x[t], hp - e, cp)[:2]) for e in np.eye(H) * eps]
    colsc = [(cell(x[t], hp, cp + e)[:2], cell(x[t], hp, cp - e)[:2]) for e in np.eye(H) * eps]
    dh_dh_fd = np.column_stack([(a[0] - b_[0]) / (2 * eps) for a, b_ in colsh]); dc_dh_fd = np.column_stack([(a[1] - b_[1]) / (2 * eps) for a, b_ in colsh])
    dh_dc_fd = np.column_stack([(a[0] - b_[0]) / (2 * eps) for a, b_ in colsc]); dc_dc_fd = np.column_stack([(a[1] - b_[1]) / (2 * eps) for a, b_ in colsc])
    i, f, o, g, c = s["i"], s["f"], s["o"], s["g"], s["c"]; tc = np.tanh(c)
    dc_dh = (cp * f * (1 - f))[:, None] * Wf + (g * i * (1 - i))[:, None] * Wi + (i * (1 - g ** 2))[:, None] * Wg
    dc_dc = np.diag(f)
    dh_dh = (tc * o * (1 - o))[:, None] * Wo_ + (o * (1 - tc ** 2))[:, None] * dc_dh
    dh_dc = (o * (1 - tc ** 2) * f)[:, None] * np.eye(H)
    okj[156] &= np.allclose(dc_dh, dc_dh_fd, atol=1e-6)
    okj[157] &= np.allclose(dc_dc, dc_dc_fd, atol=1e-6)
    okj[146] &= np.allclose(dc_dc, dc_dc_fd, atol=1e-6)
    okj[158] &= np.allclose(dh_dh, dh_dh_fd, atol=1e-6)
    okj[159] &= np.allclose(dh_dc, dh_dc_fd, atol=1e-6)
    A = np.block([[dh_dh, dh_dc], [dc_dh, dc_dc]])
    okj[160] &= np.allclose(A, np.block([[dh_dh_fd, dh_dc_fd], [dc_dh_fd, dc_dc_fd]]), atol=1e-6)
    Jl = A @ Jl
    # FD Jacobian of s_t = (h_t, c_t) w.r.t. s_0 = (h0, c0) through the whole sequence
    cols = []
    for a in range(2 * H):
        e = np.zeros(2 * H); e[a] = eps
        _, Sp, _ = lstm_run(h0=e[:H], c0=e[H:]); _, Sm, _ = lstm_run(h0=-e[:H], c0=-e[H:])
        cols.append((np.concatenate([Sp[t]["h"], Sp[t]["c"]]) - np.concatenate([Sm[t]["h"], Sm[t]["c"]])) / (2 * eps))
    Jfd = np.column_stack(cols)
    okJ &= np.allclose(Jl, Jfd, atol=1e-6)
    ok162 &= np.allclose(Jl[H:, H:], Jfd[H:, H:], atol=1e-6)
rep(146, okj[146], "(direct cell path: partial dc_t/dc_{t-1} = diag(f_t), h_{t-1} held fixed)")
for l in (156, 157, 158, 159, 160):
    rep(l, okj[l])
rep(161, okJ, "(J after step t = d(h_t,c_t)/d(h_0,c_0))")
rep(162, ok162, "(J[H:,H:] = dc_t/dc_0 with all paths)")
# batched forward rows: same maps as the unbatched ones (row layout)
Xb = rng.normal(size=(2, n, Din))
hb = np.zeros((2, H))
for t in range(n):
    hb = np.tanh(hb @ R["W"].T + Xb[:, t] @ R["U"].T)
rep(199, all(np.allclose(hb[k], rnn_run(R=R0, x=Xb[k])[1][-1]) for k in range(2)), "(= rnn_forward with b = 0)")
hq = np.zeros((2, H)); cq = np.zeros((2, H))
for t in range(n):
    z = Xb[:, t] @ Q["Wx"].T + hq @ Q["Wh"].T + Q["b"]
    i, f, o = sig(z[:, :H]), sig(z[:, H:2 * H]), sig(z[:, 2 * H:3 * H])
    cq = f * cq + i * np.tanh(z[:, 3 * H:]); hq = o * np.tanh(cq)
okb = all(np.allclose(hq[k], lstm_run(x=Xb[k])[1][-1]["h"]) for k in range(2))
for l in (208, 209, 210, 211):
    rep(l, okb, "(= lstm_forward row by row)")
