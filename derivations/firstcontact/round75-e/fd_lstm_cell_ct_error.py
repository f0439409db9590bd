# Finite-difference check of LstmCell.backpropagate in lstm_cell_ct_error.md (search-index file id 27422281687).
# Author's conventions: column vectors, W* (h,d), U* (h,h), b* (h,); ht_error = dL/dh_t, ct_error = the part of
# dL/dc_t that arrives from the next step (through c_{t+1}); total dL/dc_t = ht_error*o*tanh'(c) + ct_error.
# Test loss: L = a.h_t + b.c_t, so ht_error = a and ct_error = b.
# The source calls `input` (the Python builtin) inside backpropagate and np.dot((h,1), (d,)); here x stands for
# the stored self.input and np.outer for the intended outer products, so that the mathematics can be tested.
import numpy as np
rng = np.random.default_rng(1)
d, H = 3, 4
names = ["Wf", "Wi", "Wo", "Wc", "Uf", "Ui", "Uo", "Uc", "bf", "bi", "bo", "bc"]
P = {}
for g in "fioc":
    P["W" + g] = rng.normal(size=(H, d)) * 0.5
    P["U" + g] = rng.normal(size=(H, H)) * 0.5
    P["b" + g] = rng.normal(size=H) * 0.5
x = rng.normal(size=d); hp = rng.normal(size=H); cp = rng.normal(size=H)
a = rng.normal(size=H); b = rng.normal(size=H)
sig = lambda z: 1 / (1 + np.exp(-z))
dsig = lambda z: sig(z) * (1 - sig(z))          # line 16 (sigmoid_deriv of the pre-activation)
dtanh = lambda z: 1.0 - np.tanh(z) ** 2          # line 9

def fwd(P, x, hp, cp):
    f = sig(P["Wf"] @ x + P["Uf"] @ hp + P["bf"])
    i = sig(P["Wi"] @ x + P["Ui"] @ hp + P["bi"])
    o = sig(P["Wo"] @ x + P["Uo"] @ hp + P["bo"])
    cb = np.tanh(P["Wc"] @ x + P["Uc"] @ hp + P["bc"])
    c = f * cp + i * cb
    h = o * np.tanh(c)
    return f, i, o, cb, c, h
def loss(P, x, hp, cp):
    *_, c, h = fwd(P, x, hp, cp)
    return a @ h + b @ c

f, i, o, cb, c, h = fwd(P, x, hp, cp)
ht_error, ct_error = a, b
pre = {g: P["W" + g] @ x + P["U" + g] @ hp + P["b" + g] for g in "fioc"}
# author's rows
ht_ct = o * dtanh(c)                       # 65
ct_ft = cp                                 # 66
ft_Sf = dsig(pre["f"])                     # 67
G = {}
G["Wf"] = np.outer(ht_error * ht_ct * ct_ft * ft_Sf, x) + np.outer(ct_error * ct_ft * ft_Sf, x)      # 68+70
G["Uf"] = np.outer(ht_error * ht_ct * ct_ft * ft_Sf, hp) + np.outer(ct_error * ct_ft * ft_Sf, hp)    # 72+74
G["bf"] = ht_error * ht_ct * ct_ft * ft_Sf + ct_error * ct_ft * ft_Sf                                 # 76+78
ct_it = cb                                 # 81
it_Si = dsig(pre["i"])                     # 82
G["Wi"] = np.outer(ht_error * ht_ct * ct_it * it_Si, x) + np.outer(ct_error * ct_it * it_Si, x)      # 83+85
G["Ui"] = np.outer(ht_error * ht_ct * ct_it * it_Si, hp) + np.outer(ct_error * ct_it * it_Si, hp)    # 87+89
G["bi"] = ht_error * ht_ct * ct_it * it_Si + ct_error * ct_it * it_Si                                 # 91
ht_ot = np.tanh(c)                         # 94
ot_So = dsig(pre["o"])                     # 95
G["Wo"] = np.outer(ht_error * ht_ot * ot_So, x)                                                       # 96
G["Uo"] = np.outer(ht_error * ht_ot * ot_So, hp)                                                      # 99
G["bo"] = ht_error * ht_ot * ot_So                                                                    # 101
ct_ctbar = i                               # 104
ctbar_Sc = dtanh(pre["c"])                 # 105
G["Wc"] = np.outer(ht_error * ht_ct * ct_ctbar * ctbar_Sc, x) + np.outer(ct_error * ct_ctbar * ctbar_Sc, x)    # 106+108
G["Uc"] = np.outer(ht_error * ht_ct * ct_ctbar * ctbar_Sc, hp) + np.outer(ct_error * ct_ctbar * ctbar_Sc, hp)  # 110+112
G["bc"] = ht_error * ht_ct * ct_ctbar * ctbar_Sc + ct_error * ct_ctbar * ctbar_Sc                     # 114
ft_prevht = dsig(pre["f"]) @ P["Uf"]       # 120
it_prevht = dsig(pre["i"]) @ P["Ui"]       # 121
ctbar_prevht = dtanh(pre["c"]) @ P["Uc"]   # 122
ct_prevht = cp * ft_prevht + it_prevht * cb + ctbar_prevht * i                    # 124
ht_prevht = dsig(pre["o"]) @ P["Uo"] * np.tanh(c) + ht_ct * ct_prevht             # 126
new_ht_error = ht_error * ht_prevht        # 128
new_ht_error_131 = new_ht_error + ct_prevht  # 131
new_ct_error = ht_ct * f                   # 134
new_ct_error_136 = new_ct_error + f        # 136

eps = 1e-6
def fd_param(k):
    g = np.zeros_like(P[k])
    for idx in np.ndindex(*P[k].shape):
        Pp = {kk: v.copy() for kk, v in P.items()}; Pm = {kk: v.copy() for kk, v in P.items()}
        Pp[k][idx] += eps; Pm[k][idx] -= eps
        g[idx] = (loss(Pp, x, hp, cp) - loss(Pm, x, hp, cp)) / (2 * eps)
    return g
def fd_state(which):
    v0 = hp if which == "h" else cp
    g = np.zeros_like(v0)
    for j in range(v0.size):
        vp = v0.copy(); vm = v0.copy(); vp[j] += eps; vm[j] -= eps
        if which == "h": g[j] = (loss(P, x, vp, cp) - loss(P, x, vm, cp)) / (2 * eps)
        else: g[j] = (loss(P, x, hp, vp) - loss(P, x, hp, vm)) / (2 * eps)
    return g
def rep(label, A, B):
    ok = np.allclose(A, B, atol=1e-6)
    print(f"{label:44s} {'AGREE' if ok else 'DISAGREE'}  max|diff|={np.max(np.abs(A-B)):.2e}")
lines = {"Wf": "68+70", "Uf": "72+74", "bf": "76+78", "Wi": "83+85", "Ui": "87+89", "bi": "91",
         "Wo": "96", "Uo": "99", "bo": "101", "Wc": "106+108", "Uc": "110+112", "bc": "114"}
for k in ["Wf", "Uf", "bf", "Wi", "Ui", "bi", "Wo", "Uo", "bo", "Wc", "Uc", "bc"]:
    rep(f"lines {lines[k]:8s} d{k}", G[k], fd_param(k))
gh = fd_state("h"); gc = fd_state("c")
rep("line 131 new_ht_error (final) vs dL/dh_{t-1}", new_ht_error_131, gh)
rep("line 136 new_ct_error (final) vs dL/dc_{t-1}", new_ct_error_136, gc)
# local Jacobian-vector checks for the intermediate rows (what each row should be for a given upstream g)
dc_tot = ht_error * ht_ct + ct_error
Jf = dsig(pre["f"])[:, None] * P["Uf"]     # true d f_t / d h_{t-1}
rep("line 120 ft_prevht vs column sums of Jf", ft_prevht, Jf.sum(0))
rep("line 124 ct_prevht*dc? vs Jc^T dc (via FD of c)", ct_prevht, (dc_tot * 0 + 1) @ (cp[:, None] * Jf + cb[:, None] * dsig(pre['i'])[:, None] * P['Ui'] + i[:, None] * dtanh(pre['c'])[:, None] * P['Uc']))
print("correct dL/dh_{t-1} =", np.round(gh, 4))
print("author  new_ht_error =", np.round(new_ht_error_131, 4))
print("correct dL/dc_{t-1} =", np.round(gc, 4), " = (ht_error*ht_ct + ct_error)*f =", np.round(dc_tot * f, 4))
print("author  new_ct_error =", np.round(new_ct_error_136, 4), " = (ht_ct + 1)*f (ht_error, ct_error dropped)")
