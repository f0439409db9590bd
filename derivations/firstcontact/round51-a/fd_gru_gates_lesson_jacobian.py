"""Finite-difference check of gru_gates_lesson_jacobian.md (GRU lesson: forward equations and two Jacobians).

Forward LaTeX lines are transcribed into numpy with the concatenated weights W_* = [W_*^{(h)} | W_*^{(x)}]
acting on [h_{t-1}; x_t]; the python fence (gru_step_detailed, written for torch) is exec'd with a two-function
numpy stand-in for torch (sigmoid, tanh) and must give the same step with U_* = W_*^{(h)}, W_* = W_*^{(x)}.
The two Jacobians are transcribed as written (z_t (.) J is read as diag(z_t) J, the row scaling) and compared
with central-difference Jacobians of the forward step w.r.t. h_{t-1}.  Control prints show that adding the
omitted update-gate / reset-gate paths makes them agree.  Exit 0 iff every annotated verdict is reproduced."""
import json, os, re, sys, types
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
NAME = 'gru_gates_lesson_jacobian.md'
text = open(os.path.join(HERE, NAME)).read()
lines = text.split('\n')
expected = json.load(open(os.path.join(HERE, 'expected.json')))[NAME]

def line_of(snippet):
    for i, l in enumerate(lines):
        if snippet in l:
            return i + 1
    raise KeyError(snippet)
results = {}
def record(ln, ok):
    results.setdefault(ln, []).append(bool(ok))
def close(a, b, tol=1e-6):
    a = np.asarray(a, float); b = np.asarray(b, float)
    return a.shape == b.shape and np.allclose(a, b, rtol=tol, atol=tol)

sig = lambda a: 1 / (1 + np.exp(-a))
n, d = 4, 3
rng = np.random.default_rng(2)
Wz, Wr, Wh = (rng.normal(size=(n, n + d)) * 0.8 for _ in range(3))
bz, br, bh = (rng.normal(size=n) * 0.3 for _ in range(3))
h_prev = rng.normal(size=n) * 0.7
x = rng.normal(size=d)

# ---------------------------------------------------------------- LaTeX forward, transcribed
def latex_step(hp):
    cat = np.concatenate([hp, x])                                   # [h_{t-1}, x_t]
    z = sig(Wz @ cat + bz)                                          # line 9
    r = sig(Wr @ cat + br)                                          # line 25
    ht = np.tanh(Wh @ np.concatenate([r * hp, x]) + bh)            # line 27
    h = (1 - z) * hp + z * ht                                       # line 11
    return h, z, r, ht

# independent reference: the same GRU written with split blocks
def ref_step(hp):
    Uz, Ur, Uh = Wz[:, :n], Wr[:, :n], Wh[:, :n]
    Xz, Xr, Xh = Wz[:, n:], Wr[:, n:], Wh[:, n:]
    z = 1 / (1 + np.exp(-(Uz @ hp + Xz @ x + bz)))
    r = 1 / (1 + np.exp(-(Ur @ hp + Xr @ x + br)))
    ht = np.tanh(Uh @ (r * hp) + Xh @ x + bh)
    return z * ht + (1 - z) * hp, z, r, ht

hL, zL, rL, htL = latex_step(h_prev)
hR, zR, rR, htR = ref_step(h_prev)
record(line_of(r'$$z_t = \sigma(W_z \cdot [h_{t-1}, x_t] + b_z)$$'), close(zL, zR))
record(line_of(r'$$h_t = (1 - z_t) \odot h_{t-1} + z_t \odot \tilde{h}_t$$'), close(hL, hR))
record(line_of(r'$$r_t = \sigma(W_r \cdot [h_{t-1}, x_t] + b_r)$$'), close(rL, rR))
record(line_of(r'$$\tilde{h}_t = \tanh(W_h \cdot [r_t \odot h_{t-1}, x_t] + b_h)$$'), close(htL, htR))

# ---------------------------------------------------------------- the python fence, exec'd with a numpy stand-in for torch
torch = types.SimpleNamespace(sigmoid=sig, tanh=np.tanh)
ns = {'torch': torch}
for block in re.findall(r'```python\n(.*?)```', text, re.S):
    exec(block, ns)
hC, cache = ns['gru_step_detailed'](x, h_prev, Wz[:, n:], Wr[:, n:], Wh[:, n:], Wz[:, :n], Wr[:, :n], Wh[:, :n], bz, br, bh)
record(line_of('z_t = torch.sigmoid(W_z @ x_t + U_z @ h_prev + b_z)'), close(cache['z'], zR))
record(line_of('r_t = torch.sigmoid(W_r @ x_t + U_r @ h_prev + b_r)'), close(cache['r'], rR))
record(line_of('h_tilde = torch.tanh(W_h @ x_t + U_h @ (r_t * h_prev) + b_h)'), close(cache['h_tilde'], htR))
record(line_of('h_t = (1 - z_t) * h_prev + z_t * h_tilde'), close(hC, hR))

# ---------------------------------------------------------------- Jacobians
EPS = 1e-6
def fd_jac(f):
    J = np.zeros((n, n))
    for j in range(n):
        e = np.zeros(n); e[j] = EPS
        J[:, j] = (f(h_prev + e) - f(h_prev - e)) / (2 * EPS)
    return J
J_h = fd_jac(lambda hp: ref_step(hp)[0])          # dh_t/dh_{t-1}
J_ht = fd_jac(lambda hp: ref_step(hp)[3])         # dh~_t/dh_{t-1}
Whh = Wh[:, :n]                                   # W_h^{(h)}: the block of W_h acting on r_t (.) h_{t-1}

# line 77 as written
J77 = np.diag(1 - htR ** 2) @ Whh @ np.diag(rR)
L77 = line_of(r"\text{diag}(\tilde{h}'_t) \cdot W_h^{(h)} \cdot \text{diag}(r_t)")
record(L77, close(J77, J_ht, 1e-5))
# line 69 as written, once with the true dh~/dh_{t-1} (isolates the missing update-gate path) and once with line 77's
L69 = line_of(r'\text{diag}(1 - z_t) + z_t \odot \frac{\partial \tilde{h}_t}{\partial h_{t-1}}')
J69_true = np.diag(1 - zR) + zR[:, None] * J_ht
J69_own = np.diag(1 - zR) + zR[:, None] * J77
record(L69, close(J69_true, J_h, 1e-5))
record(L69, close(J69_own, J_h, 1e-5))

# controls: the omitted paths
dz = zR * (1 - zR)
J_z = np.diag(dz) @ Wz[:, :n]                     # dz_t/dh_{t-1}
J_r = np.diag(rR * (1 - rR)) @ Wr[:, :n]          # dr_t/dh_{t-1}
ctrl69 = close(J69_true + np.diag(htR - h_prev) @ J_z, J_h, 1e-5)
ctrl77 = close(J77 + np.diag(1 - htR ** 2) @ Whh @ np.diag(h_prev) @ J_r, J_ht, 1e-5)
print('control: line 69 plus diag(h~_t - h_{t-1}) dz_t/dh_{t-1} matches FD: %s' % ctrl69)
print('control: line 77 plus diag(h~\') W_h^(h) diag(h_{t-1}) dr_t/dh_{t-1} matches FD: %s' % ctrl77)
print('max |line69 - FD| = %.3e, max |line77 - FD| = %.3e' % (np.abs(J69_true - J_h).max(), np.abs(J77 - J_ht).max()))
if not (ctrl69 and ctrl77):
    print('controls failed'); sys.exit(1)

bad = 0
for ln in sorted(int(k) for k in expected):
    exp = expected[str(ln)]['expected']
    if ln not in results:
        print('line %d: expected %s, numeric MISSING' % (ln, exp)); bad += 1; continue
    num = 'pass' if all(results[ln]) else 'fail'
    print('line %d: expected %s, numeric %s%s' % (ln, exp, num, '' if num == exp else '   <-- MISMATCH'))
    bad += num != exp
for ln in sorted(results):
    if str(ln) not in expected:
        print('line %d checked but not annotated' % ln); bad += 1
print('%d annotated lines, %d disagreements' % (len(expected), bad))
sys.exit(1 if bad else 0)
