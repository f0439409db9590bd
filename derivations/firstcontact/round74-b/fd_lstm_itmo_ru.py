"""Finite-difference check of lstm_itmo_ru.py (LSTMNetwork, search-index file id 51816036363).

The author's outputs are the hidden states (self.o_t.append(h_t), line 86) and self.do_t[t] is the given
dL/d(output_t); so we take L = sum_t do_t[t] . h_t with random do_t and compare every backward quantity of
backward_pass (lines 123-187) with central differences of L (the forward pass is the author's forward_pass).
"""
import importlib.util, os
import numpy as np

here = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("src", os.path.join(here, "lstm_itmo_ru.py"))
src = importlib.util.module_from_spec(spec); spec.loader.exec_module(src)

rng = np.random.default_rng(7)
N, M = 3, 4
net = src.LSTMNetwork()
net.N, net.M = N, M
for g in "fioc":
    setattr(net, f"W_{g}", rng.normal(size=(N, N))); setattr(net, f"U_{g}", rng.normal(size=(N, N)))
    setattr(net, f"B_{g}", rng.normal(size=N))
net.h_0 = rng.normal(size=N); net.c_0 = rng.normal(size=N)
net.x_t = [rng.normal(size=N) for _ in range(M)]
net.do_t = [rng.normal(size=N) for _ in range(M)]
eps = 1e-6

def loss(pert=None):
    """author's forward with an optional additive perturbation (kind, t, vec) on a pre-activation / gate / state"""
    W = {g: (getattr(net, f"W_{g}"), getattr(net, f"U_{g}"), getattr(net, f"B_{g}")) for g in "fioc"}
    h, c = net.h_0.copy(), net.c_0.copy()
    if pert and pert[0] == "h0": h = h + pert[2]
    if pert and pert[0] == "c0": c = c + pert[2]
    L = 0.0
    for t in range(M):
        x = net.x_t[t] + (pert[2] if pert and pert[0] == "x" and pert[1] == t else 0)
        P = lambda k, v: v + pert[2] if pert and pert[0] == k and pert[1] == t else v
        af = P("af", W['f'][0] @ x + W['f'][1] @ h + W['f'][2]); f = P("f", net.sigmoid(af))
        ai = P("ai", W['i'][0] @ x + W['i'][1] @ h + W['i'][2]); i = P("i", net.sigmoid(ai))
        ac = P("ac", W['c'][0] @ x + W['c'][1] @ h + W['c'][2]); ct = P("ct", np.tanh(ac))
        c = P("c", f * c + i * ct)
        ao = P("ao", W['o'][0] @ x + W['o'][1] @ h + W['o'][2]); o = P("o", net.sigmoid(ao))
        h = P("h", o * np.tanh(c))
        L += net.do_t[t] @ h
    return L

def fd(kind, t):
    g = np.zeros(N)
    for j in range(N):
        v = np.zeros(N); v[j] = eps
        g[j] = (loss((kind, t, v)) - loss((kind, t, -v))) / (2 * eps)
    return g

def fd_param(name):
    A = getattr(net, name); g = np.zeros_like(A)
    for idx in np.ndindex(A.shape):
        old = A[idx]; A[idx] = old + eps; lp = loss(); A[idx] = old - eps; lm = loss(); A[idx] = old
        g[idx] = (lp - lm) / (2 * eps)
    return g

net.forward_pass()
rows = []
def check(line, name, a, b):
    rows.append((line, name, np.allclose(a, b, rtol=1e-5, atol=1e-7)))

# author's backward written out (lines 119-187), intermediates checked per step
dh_next = np.zeros(N); dc_next = np.zeros(N); dx_list = []
for t in reversed(range(M)):
    cs, cp = net.cell_states[t + 1], net.cell_states[t]
    o, f, i, ct = net.o_gates[t], net.f_gates[t], net.i_gates[t], net.c_tildes[t]
    dh = net.do_t[t] + dh_next;                          check(123, f"dh (t={t}) = dL/dh_t", dh, fd("h", t))
    do = dh * np.tanh(cs);                               check(126, f"do (t={t}) = dL/do_t (gate value)", do, fd("o", t))
    do_input = do * o * (1 - o);                         check(127, f"do_input (t={t}) = dL/d(o pre-act)", do_input, fd("ao", t))
    dc = dh * o * (1 - np.tanh(cs) ** 2) + dc_next;      check(130, f"dc (t={t}) = dL/dc_t", dc, fd("c", t))
    df = dc * cp;                                        check(136, f"df (t={t}) = dL/df_t", df, fd("f", t))
    df_input = df * f * (1 - f);                         check(137, f"df_input (t={t})", df_input, fd("af", t))
    di = dc * ct;                                        check(140, f"di (t={t}) = dL/di_t", di, fd("i", t))
    di_input = di * i * (1 - i);                         check(141, f"di_input (t={t})", di_input, fd("ai", t))
    dctl = dc * i;                                       check(144, f"dc_tilde (t={t}) = dL/dc~_t", dctl, fd("ct", t))
    dctl_in = dctl * (1 - ct ** 2);                      check(145, f"dc_tilde_input (t={t})", dctl_in, fd("ac", t))
    dx = net.W_f.T @ df_input + net.W_i.T @ di_input + net.W_o.T @ do_input + net.W_c.T @ dctl_in
    check(168, f"dx (t={t}) = dL/dx_t", dx, fd("x", t))
    dh_next = net.U_f.T @ df_input + net.U_i.T @ di_input + net.U_o.T @ do_input + net.U_c.T @ dctl_in
    dc_next = dc * f
net.backward_pass()
check(186, "dh_0 = dL/dh_0", net.dh_0, fd("h0", 0))
check(187, "dc_0 = dL/dc_0", net.dc_0, fd("c0", 0))
lines = {"W_f": 151, "U_f": 152, "B_f": 153, "W_i": 155, "U_i": 156, "B_i": 157,
         "W_o": 159, "U_o": 160, "B_o": 161, "W_c": 163, "U_c": 164, "B_c": 165}
for nm, ln in lines.items():
    check(ln, f"d{nm} (summed over t)", getattr(net, "d" + nm), fd_param(nm))
z = rng.normal(size=5)
check(37, "sigmoid' = s(1-s) as used at 127/137/141", net.sigmoid(z) * (1 - net.sigmoid(z)),
      (net.sigmoid(z + eps) - net.sigmoid(z - eps)) / (2 * eps))

print(f"{'line':>4}  {'quantity':38s} agrees")
for line, nm, ok in rows:
    print(f"{line:>4}  {nm:38s} {ok}")
print("\nall rows agree:", all(r[2] for r in rows))
