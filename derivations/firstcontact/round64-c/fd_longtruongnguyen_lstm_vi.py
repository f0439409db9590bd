# Forward-row check for longtruongnguyen_lstm_vi.md (numpy only). Reference model: standard LSTM with
# sigmoid gates (f, i, o), tanh candidate, s_t = f*s_{t-1} + i*s~_t, h_t = o*tanh(s_t) -- the model the
# author describes in prose (gates "sàng lọc" = filter, values in (0,1)); the author's own commented-out
# block also uses a sigmoid input gate g.
import numpy as np
rng = np.random.default_rng(1)
sig = lambda z: 1 / (1 + np.exp(-z))
D, H = 3, 4
x = rng.standard_normal(D) * 2; h_prev = rng.standard_normal(H); s_prev = rng.standard_normal(H)
W = {k: rng.standard_normal((H, D)) for k in ['f', 's', 'i', 'o']}
U = {k: rng.standard_normal((H, H)) for k in ['f', 's', 'i', 'o']}
b = {k: rng.standard_normal(H) for k in ['f', 's', 'i', 'o']}
ok = lambda a, c: np.allclose(a, c)
# reference
ref = {k: W[k] @ x + U[k] @ h_prev + b[k] for k in W}
f_ref, i_ref, o_ref, st_ref = sig(ref['f']), sig(ref['i']), sig(ref['o']), np.tanh(ref['s'])
s_ref = f_ref * s_prev + i_ref * st_ref; h_ref = o_ref * np.tanh(s_ref)
res = {}
f_t = sig(W['f'] @ x + U['f'] @ h_prev + b['f']);            res[29] = ok(f_t, f_ref)
st_t = np.tanh(W['s'] @ x + U['s'] @ h_prev + b['s']);        res[37] = ok(st_t, st_ref)
i_t = np.tanh(W['i'] @ x + U['i'] @ h_prev + b['i'])          # author's input gate
res[45] = ok(i_t, i_ref) and np.all((i_t > 0) & (i_t < 1))    # must be a sigmoid gate in (0,1)
assert np.any(i_t < 0), "tanh input gate produced no negative entry in this draw"
s_t = f_ref * s_prev + i_ref * st_ref;                        res[53] = ok(s_t, s_ref)   # row as formula with true i
o_t = sig(W['o'] @ x + U['o'] @ h_prev + b['o']);             res[61] = ok(o_t, o_ref)
h_t = o_ref * np.tanh(s_ref);                                 res[67] = ok(h_t, h_ref)
# line 74: parameter count 4hi+4h+4h^2 = 4(hi+h+h^2) = 4(h(i+1)+h^2), and equals the actual count
ok74 = True
for hh, ii in [(4, 3), (7, 11), (1, 1)]:
    a, bb, c = 4*hh*ii + 4*hh + 4*hh**2, 4*(hh*ii + hh + hh**2), 4*(hh*(ii+1) + hh**2)
    actual = 4 * (hh*ii + hh*hh + hh)
    ok74 &= (a == bb == c == actual)
res[74] = ok74
# commented-out elementwise block (Goodfellow et al. eq. 10.40-10.44 form)
Uf, Wf, bf = W['f'], U['f'], b['f']
f_el = np.array([sig(sum(Uf[i_, j]*x[j] for j in range(D)) + sum(Wf[i_, j]*h_prev[j] for j in range(H)) + bf[i_]) for i_ in range(H)])
res[82] = ok(f_el, f_ref)
g_el = np.array([sig(sum(W['i'][i_, j]*x[j] for j in range(D)) + sum(U['i'][i_, j]*h_prev[j] for j in range(H)) + b['i'][i_]) for i_ in range(H)])
res[92] = ok(g_el, i_ref)
# line 100: s = f*s + g*sigma(...) : Goodfellow's DL-book variant (sigmoid squashing of the cell input);
# a legitimate LSTM variant as written (book eq. 10.41); check it is exactly that formula elementwise
cand = np.array([sig(sum(W['s'][i_, j]*x[j] for j in range(D)) + sum(U['s'][i_, j]*h_prev[j] for j in range(H)) + b['s'][i_]) for i_ in range(H)])
s_el = f_el * s_prev + g_el * cand
res[100] = ok(s_el, f_ref * s_prev + i_ref * sig(ref['s']))
q_el = np.array([sig(sum(W['o'][i_, j]*x[j] for j in range(D)) + sum(U['o'][i_, j]*h_prev[j] for j in range(H)) + b['o'][i_]) for i_ in range(H)])
res[108] = ok(q_el, o_ref)
res[116] = ok(np.tanh(s_el) * q_el, o_ref * np.tanh(f_ref * s_prev + i_ref * sig(ref['s'])))
expected = {29: True, 37: True, 45: False, 53: True, 61: True, 67: True, 74: True, 82: True, 92: True, 100: True, 108: True, 116: True}
for k, v in expected.items():
    assert res[k] == v, (k, res[k])
print("fd_longtruongnguyen_lstm_vi: all", len(expected), "verdicts confirmed")
