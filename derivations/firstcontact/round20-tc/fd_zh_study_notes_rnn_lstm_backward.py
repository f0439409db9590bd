# FD checks for zh_study_notes_rnn_lstm_backward.md  (float64, central differences, seeded)
import numpy as np
rng = np.random.default_rng(1)
eps = 1e-6
sig = lambda z: 1/(1+np.exp(-z))
def softmax(v): e = np.exp(v - v.max()); return e/e.sum()
def rep(line, ok, note=""): print(line, "OK" if ok else "MISMATCH", note)
def fd(f, P):
    G = np.zeros_like(P)
    for idx in np.ndindex(P.shape):
        old = P[idx]; P[idx] = old+eps; a = f(); P[idx] = old-eps; b = f(); P[idx] = old; G[idx] = (a-b)/(2*eps)
    return G

# ---------------- RNN, row-vector layout (lines 10,11,27-31,36-40)
D, H, Q, T = 2, 3, 4, 4
wxh = rng.normal(size=(D,H)); whh = rng.normal(size=(H,H))*0.6; bh = rng.normal(size=H)
who = rng.normal(size=(H,Q)); bo = rng.normal(size=Q)
X = rng.normal(size=(T+1,D)); Y = np.eye(Q)[rng.integers(0,Q,size=T+1)]
PO = np.zeros((T+1,Q))   # perturbation on o_t
def rnn():
    h = np.zeros(H); L = 0; hs = {0:h}; yh = {}
    for t in range(1,T+1):
        z = X[t-1]@wxh + h@whh + bh; h = np.tanh(z); o = h@who + bo + PO[t]; p = softmax(o)
        L += -Y[t]@np.log(p); hs[t] = h; yh[t] = p
    return L, hs, yh
L, hs, yh = rnn()
for l in (10,11,27,28,29,30,31,36): rep(l, True, "(definition used by the forward pass)")
ok = all(np.allclose(fd(lambda: rnn()[0], PO)[t], yh[t]-Y[t], atol=1e-6) for t in range(1,T+1))
rep(37, ok)
pub38 = sum(np.outer(yh[t]-Y[t], hs[t]) for t in range(1,T+1))   # (yhat-y).h_t read as outer product, shape QxH
true_who = fd(lambda: rnn()[0], who)                                   # shape HxQ
rep(38, pub38.shape == true_who.shape and np.allclose(pub38, true_who, atol=1e-6),
    "(published shape %s vs dL/dw_ho shape %s; h_t^T (yhat-y) matches: %s)" % (pub38.shape, true_who.shape,
    np.allclose(sum(np.outer(hs[t], yh[t]-Y[t]) for t in range(1,T+1)), true_who, atol=1e-6)))
rep(39, np.allclose(sum(yh[t]-Y[t] for t in range(1,T+1)), fd(lambda: rnn()[0], bo), atol=1e-6))
pub40 = sum(np.outer(hs[t-1], ((yh[t]-Y[t])@who.T)*(1-hs[t]**2)) for t in range(1,T+1))  # direct path only
rep(40, np.allclose(pub40, fd(lambda: rnn()[0], whh), atol=1e-6), "(direct path dL_t/do_t.do_t/dh_t.dh_t/dz_t.dz_t/dw misses the path through h_{t+1})")

# ---------------- LSTM, column layout as in the code fences (lines 72-154)
D, H, Q, T = 2, 3, 3, 4
W = {k: rng.normal(size=(H,D))*0.8 for k in "fiom"}   # w_x?
U = {k: rng.normal(size=(H,H))*0.6 for k in "fiom"}   # w_h?
B = {k: rng.normal(size=(H,1))*0.3 for k in "fiom"}
why = rng.normal(size=(Q,H)); by = rng.normal(size=(Q,1))
X = rng.normal(size=(T+1,D,1)); Yl = [np.eye(Q)[:, [k]] for k in rng.integers(0,Q,size=T+1)]
PERT = {}
def P(name, t, shape): return PERT.get((name,t), np.zeros(shape))
def lstm():
    h = np.zeros((H,1)); m = np.zeros((H,1)); L = 0; C = {0: dict(h=h, m=m)}
    for t in range(1,T+1):
        x = X[t]   # input fed at step t (x_{t-1} in the note's forward indexing, x_t in its code)
        raw = {k: W[k]@x + U[k]@h + B[k] + P("raw"+k,t,(H,1)) for k in "fiom"}
        f = sig(raw["f"]) + P("f",t,(H,1)); i = sig(raw["i"]) + P("i",t,(H,1))
        o = sig(raw["o"]) + P("o",t,(H,1)); mt = np.tanh(raw["m"]) + P("mt",t,(H,1))
        mp, hp = m, h
        m = f*mp + i*mt + P("m",t,(H,1))
        th = np.tanh(m) + P("th",t,(H,1))
        h = o*th + P("h",t,(H,1))
        logit = why@h + by + P("y",t,(Q,1)); p = softmax(logit.ravel()).reshape(Q,1)
        L += -(Yl[t].T@np.log(p)).item()
        C[t] = dict(x=x, f=f, i=i, o=o, mt=mt, m=m, mp=mp, hp=hp, h=h, p=p)
    return L, C
L, C = lstm()
def g(name, t, shape):
    Z = np.zeros(shape); PERT[(name,t)] = Z
    r = fd(lambda: lstm()[0], Z); del PERT[(name,t)]; return r
for l in (72,74,75,76,78,79,84,85,86,87,88,89,90,91,92,97): rep(l, True, "(definition used by the forward pass)")
# author's backward, literally
dh_next = np.zeros((H,1)); dm_next = np.zeros((H,1))
acc = {k: 0 for k in ["why","why_ok","by","xo","ho","o","xi","hi","i","xf","hf","f","xm","hm","m"]}
res = {}
for t in range(T,0,-1):
    c = C[t]
    dy_t = c["p"] - Yl[t]
    acc["why"] = acc["why"] + dy_t @ dh_next.T
    acc["why_ok"] = acc["why_ok"] + dy_t @ c["h"].T
    acc["by"] = acc["by"] + dy_t
    dh_t = why.T @ dy_t + dh_next
    do_t = dh_t*np.tanh(c["m"]); d_o_raw = do_t*c["o"]*(1-c["o"])
    d_tanh_mt = dh_t*c["o"]
    dm_t = d_tanh_mt*(1-np.tanh(c["m"])**2) + dm_next
    df_t = dm_t*c["mp"]; d_f_raw = df_t*c["f"]*(1-c["f"])
    di_t = dm_t*c["mt"]; d_i_raw = di_t*c["i"]*(1-c["i"])
    dm_tilde_t = dm_t*c["i"]; d_m_tilde_raw = dm_tilde_t*(1-c["mt"]**2)
    for k, d in (("o",d_o_raw),("i",d_i_raw),("f",d_f_raw),("m",d_m_tilde_raw)):
        acc["x"+k] = acc["x"+k] + d@c["x"].T; acc["h"+k] = acc["h"+k] + d@c["hp"].T; acc[k] = acc[k] + d
    dh_prev = U["f"].T@d_f_raw + U["i"].T@d_i_raw + U["o"].T@d_o_raw + U["m"].T@d_m_tilde_raw
    dm_prev = c["f"]*dm_t
    res[t] = dict(dy=dy_t, dh=dh_t, do=do_t, dor=d_o_raw, dth=d_tanh_mt, dm=dm_t, df=df_t, dfr=d_f_raw,
                  di=di_t, dir=d_i_raw, dmt=dm_tilde_t, dmtr=d_m_tilde_raw, dhp=dh_prev, dmp=dm_prev)
    dh_next, dm_next = dh_prev, dm_prev
rep(102, True, "(dh_next holds the gradient arriving from step t+1; checked via line 113)")
rep(103, True, "(dm_next holds the gradient arriving from step t+1; checked via line 118)")
t = 2
chk = [(109,"dy","y",(Q,1)),(113,"dh","h",(H,1)),(114,"do","o",(H,1)),(115,"dor","rawo",(H,1)),(117,"dth","th",(H,1)),
       (118,"dm","m",(H,1)),(120,"df","f",(H,1)),(121,"dfr","rawf",(H,1)),(123,"di","i",(H,1)),(124,"dir","rawi",(H,1)),
       (126,"dmt","mt",(H,1)),(127,"dmtr","rawm",(H,1))]
for line, key, node, shp in chk:
    rep(line, all(np.allclose(res[tt][key], g(node,tt,shp), atol=1e-6) for tt in (t, T)))
rep(110, np.allclose(acc["why"], fd(lambda: lstm()[0], why), atol=1e-6), "(dy_t @ h_t.T would match: %s)" % np.allclose(acc["why_ok"], fd(lambda: lstm()[0], why), atol=1e-6))
rep(111, np.allclose(acc["by"], fd(lambda: lstm()[0], by), atol=1e-6))
lines = {133:("x","o"),134:("h","o"),135:("b","o"),137:("x","i"),138:("h","i"),139:("b","i"),
         141:("x","f"),142:("h","f"),143:("b","f"),145:("x","m"),146:("h","m"),147:("b","m")}
for line,(kind,k) in lines.items():
    Pm = {"x":W,"h":U,"b":B}[kind][k]; a = acc[("" if kind=="b" else kind)+k]
    rep(line, np.allclose(a, fd(lambda: lstm()[0], Pm), atol=1e-6))
# dh_prev: the part of dL/dh_{t-1} that flows through step t  (total dh_{t-1} = why^T dy_{t-1} + dh_prev)
rep(153, np.allclose(res[t]["dhp"], g("h",t-1,(H,1)) - why.T@res[t-1]["dy"], atol=1e-6))
# dm_prev: the part of dL/dm_{t-1} that flows through m_t
rep(154, np.allclose(res[t]["dmp"], g("m",t-1,(H,1)) - res[t-1]["dth"]*(1-np.tanh(C[t-1]["m"])**2), atol=1e-6))
