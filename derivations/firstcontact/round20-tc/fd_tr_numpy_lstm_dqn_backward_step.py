# FD checks for tr_numpy_lstm_dqn_backward_step.md  (row layout: (batch, features) @ W, float64)
# Loss: L = mean_b 0.5*(Q_b[a_b] - y_b)^2 ; the code's dq, dh_next, dc_next are PER-SAMPLE gradients
# (= batch * dL/d.), and its parameter gradients divide by batch (= dL/dW).
import numpy as np
rng = np.random.default_rng(11)
eps = 1e-6
def rep(line, ok, note=""): print(line, "OK" if ok else "MISMATCH", note)
sig = lambda x: 1/(1+np.exp(-np.clip(x,-500,500)))
th = lambda x: np.tanh(np.clip(x,-500,500))
sig_grad = lambda x: sig(x)*(1-sig(x)); tanh_grad = lambda x: 1-th(x)**2
B, I, H, O, T = 3, 2, 4, 3, 3
P = {k: rng.normal(size=(I+H,H))*0.6 for k in ("W_f","W_i","W_g","W_o")}
P.update({k: rng.normal(size=H)*0.3 for k in ("b_f","b_i","b_g","b_o")})
P["W_out"] = rng.normal(size=(H,O)); P["b_out"] = rng.normal(size=O)
X = rng.normal(size=(B,T,I)); A = rng.integers(0,O,size=B); Y = rng.normal(size=B)
PERT = {}
def forward(P):
    h = np.zeros((B,H)); c = np.zeros((B,H)); caches = []
    for t in range(T):
        x = X[:,t,:]; z = np.concatenate([x,h],axis=-1)
        pre = {k: z@P["W_"+k] + P["b_"+k] + PERT.get(("pre"+k,t),0) for k in "figo"}
        f = sig(pre["f"]) + PERT.get(("f",t),0); i = sig(pre["i"]) + PERT.get(("i",t),0)
        g = th(pre["g"]) + PERT.get(("g",t),0); o = sig(pre["o"]) + PERT.get(("o",t),0)
        cp = c; c = f*cp + i*g + PERT.get(("c",t),0)
        h = o*th(c) + PERT.get(("h",t),0)
        caches.append(dict(x_t=x, h_prev=z[:,I:], c_prev=cp, concat_input=z, f_t=f, i_t=i, g_t=g, c_t=c, o_t=o, h_t=h))
    q = h@P["W_out"] + P["b_out"]
    return q, caches
def loss(P):
    q,_ = forward(P); return np.mean(0.5*(q[np.arange(B),A]-Y)**2)
def fdnode(key):
    G = np.zeros((B,H))
    for idx in np.ndindex(B,H):
        E = np.zeros((B,H)); E[idx] = eps; PERT[key] = E; a = loss(P)
        PERT[key] = -E; b = loss(P); del PERT[key]; G[idx] = (a-b)/(2*eps)
    return G*B   # per-sample convention
def fdparam(name):
    G = np.zeros_like(P[name])
    for idx in np.ndindex(P[name].shape):
        old = P[name][idx]; P[name][idx] = old+eps; a = loss(P); P[name][idx] = old-eps; b = loss(P); P[name][idx] = old
        G[idx] = (a-b)/(2*eps)
    return G
AC = lambda a,b: np.allclose(a,b,atol=1e-6)
# derivative identities (lines 23, 29) and comment formulas
z0 = 0.37
rep(23, abs(sig_grad(z0) - (sig(z0+eps)-sig(z0-eps))/(2*eps)) < 1e-9)
rep(29, abs(tanh_grad(z0) - (th(z0+eps)-th(z0-eps))/(2*eps)) < 1e-9)
for l in (54,60,66,72,76,79,84,88,91,146): rep(l, True, "(forward definition implemented by the script)")
rep(191, True, "(d h_t/d o_t = tanh(c_t): h = o*tanh(c); checked through line 193)")
rep(192, True, "(d h_t/d c_t = o_t*(1 - tanh(c_t)^2) = o_t*tanh_grad(c_t); tanh_grad takes c_t, not a tanh output; checked through line 194)")
for l in (204,205,206): rep(l, True, "(partials of c_t = f_t*c_prev + i_t*g_t; checked through lines 207-209)")
q, caches = forward(P)
dq = np.zeros_like(q); dq[np.arange(B),A] = q[np.arange(B),A] - Y   # per-sample gradient, as in the training loop
# output layer (lines 263-265, 269)
rep(263, AC(dq@P["W_out"].T, fdnode(("h",T-1))), "(per-sample dL/dh_T)")
rep(264, AC(caches[-1]["h_t"].T@dq/B, fdparam("W_out")))
rep(265, AC(dq.mean(axis=0), fdparam("b_out")))
rep(269, True, "(dh_next starts as dh_last; see line 263)")
# author's backward_step, literally
def backward_step(dh_next, dc_next, cache, Pp=P):
    z = cache["concat_input"]; f,i,g,c,o,cp = (cache[k] for k in ("f_t","i_t","g_t","c_t","o_t","c_prev"))
    r = {}
    r["dh_t"] = dh_next.copy() if dh_next is not None else np.zeros_like(cache["h_t"])
    r["dc_in"] = dc_next.copy() if dc_next is not None else np.zeros_like(c)
    dh_t = r["dh_t"]; dc_t = r["dc_in"].copy()
    r["do_t"] = dh_t*th(c); dc_t += dh_t*o*tanh_grad(c); r["dc_t"] = dc_t
    r["do_t_act"] = r["do_t"]*sig_grad(z@Pp["W_o"]+Pp["b_o"]); r["dW_o"] = z.T@r["do_t_act"]/B; r["db_o"] = r["do_t_act"].mean(axis=0); r["dconcat_o"] = r["do_t_act"]@Pp["W_o"].T
    r["df_t"] = dc_t*cp; r["dg_t"] = dc_t*i; r["di_t"] = dc_t*g; r["dc_prev"] = dc_t*f
    for k,d,gr in (("f","df_t",sig_grad),("i","di_t",sig_grad),("g","dg_t",tanh_grad)):
        r["d%s_t_act"%k] = r[d]*gr(z@Pp["W_"+k]+Pp["b_"+k]); r["dW_"+k] = z.T@r["d%s_t_act"%k]/B
        r["db_"+k] = r["d%s_t_act"%k].mean(axis=0); r["dconcat_"+k] = r["d%s_t_act"%k]@Pp["W_"+k].T
    r["dconcat"] = r["dconcat_f"]+r["dconcat_i"]+r["dconcat_g"]+r["dconcat_o"]
    r["dx_t"] = r["dconcat"][:, :I]; r["dh_prev"] = r["dconcat"][:, I:] + dh_t
    r["dh_prev_correct"] = r["dconcat"][:, I:]
    return r
# run BPTT feeding each step the CORRECT dh_next (so step-local lines are tested in isolation)
dh_next, dc_next = dq@P["W_out"].T, None; R = {}
for t in reversed(range(T)):
    R[t] = backward_step(dh_next, dc_next, caches[t]); dh_next, dc_next = R[t]["dh_prev_correct"], R[t]["dc_prev"]
tt = 1
chk = [(184,"dh_t",("h",tt)),(193,"do_t",("o",tt)),(194,"dc_t",("c",tt)),(197,"do_t_act",("preo",tt)),
       (207,"df_t",("f",tt)),(208,"dg_t",("g",tt)),(209,"di_t",("i",tt)),
       (213,"df_t_act",("pref",tt)),(219,"di_t_act",("prei",tt)),(225,"dg_t_act",("preg",tt))]
for line,key,node in chk:
    rep(line, AC(R[tt][key], fdnode(node)))
rep(210, AC(R[tt]["dc_prev"], fdnode(("c",tt-1)) - fdnode(("h",tt-1))*caches[tt-1]["o_t"]*tanh_grad(caches[tt-1]["c_t"])), "(part of dL/dc_{t-1} through c_t)")
rep(187, AC(R[tt]["dc_in"], fdnode(("c",tt)) - R[tt]["dh_t"]*caches[tt]["o_t"]*tanh_grad(caches[tt]["c_t"])), "(dc_next = part of dL/dc_t arriving through c_{t+1})")
for line,k in ((198,"W_o"),(214,"W_f"),(220,"W_i"),(226,"W_g"),(199,"b_o"),(215,"b_f"),(221,"b_i"),(227,"b_g")):
    tot = sum(R[t]["d"+k] for t in range(T)); rep(line, AC(tot, fdparam(k)), "(step contributions summed over t)")
# dconcat_* and dconcat: gradient w.r.t. [x_t, h_prev] through each gate (compare with FD on x and h through step tt)
def fd_concat(t):
    Gx = np.zeros((B,I)); 
    for idx in np.ndindex(B,I):
        old = X[idx[0],t,idx[1]]; X[idx[0],t,idx[1]] = old+eps; a = loss(P); X[idx[0],t,idx[1]] = old-eps; b = loss(P); X[idx[0],t,idx[1]] = old
        Gx[idx] = (a-b)/(2*eps)
    return Gx*B
gx = fd_concat(tt)
for line,k in ((200,"dconcat_o"),(216,"dconcat_f"),(222,"dconcat_i"),(228,"dconcat_g")):
    rep(line, AC(R[tt][k], R[tt]["d"+k[-1]+"_t_act"]@P["W_"+k[-1]].T), "(= gate pre-activation gradient @ W^T, the gate's share of d[x,h_prev])")
rep(231, AC(R[tt]["dconcat"][:, :I], gx), "(x-part of the summed concat gradient matches FD dL/dx_t)")
rep(235, AC(R[tt]["dx_t"], gx))
true_dh_prev_through_t = fdnode(("h",tt-1)) - 0   # h_{tt-1} reaches L only through step tt (loss only at the last step)
rep(236, AC(R[tt]["dh_prev"], true_dh_prev_through_t), "(without the extra '+ dh_t': %s)" % AC(R[tt]["dh_prev_correct"], true_dh_prev_through_t))
for l in (287,288,289,290,291,292,293,294): rep(l, True, "(accumulation of step contributions; the sums are checked on lines 198-227)")
# effect of the published error on the author's own loop
dh_next, dc_next = dq@P["W_out"].T, None; S = 0
for t in reversed(range(T)):
    r = backward_step(dh_next, dc_next, caches[t]); dh_next, dc_next = r["dh_prev"], r["dc_prev"]; S = S + r["dW_f"]
print("info: author's full loop dW_f_sum equals FD dL/dW_f?", AC(S, fdparam("W_f")))
