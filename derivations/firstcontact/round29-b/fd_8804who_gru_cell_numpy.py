# Finite-difference check for 8804who_gru_cell_numpy.md (numpy only, runs in a few seconds).
# The author's code fences are exec'd; then every statement of forward/backward is executed one by one
# (AST statement by statement, in a namespace holding self, the cache and dh_next), and the value a
# statement assigns is compared with central differences of the intended model:
#   r = sig(W_r x + U_r h), z = sig(W_z x + U_z h), hh = tanh(W x + U (r*h)), h_new = z*h + (1-z)*hh
# (column vectors x (D,1), h (H,1), no biases), one-step loss L = sum(G * h_new), G = dh_next.
# After each checked statement its variable is reset to the true value (local judgement).
import ast, json, os, re
import numpy as np
here = os.path.dirname(os.path.abspath(__file__))
MD = '8804who_gru_cell_numpy.md'
lines = open(os.path.join(here, MD)).read().split('\n')
fences = []   # (first code line number (1-based), code)
i = 0
while i < len(lines):
    if lines[i].strip() == '```python':
        j = i + 1
        while lines[j].strip() != '```': j += 1
        fences.append((i + 2, '\n'.join(lines[i + 1:j]) + '\n')); i = j
    i += 1
ns = {}
for _, code in fences: exec(code, ns)
np.random.seed(0)
D, H = 3, 4
cell = ns['MyGRUCell'](D, H, 0.0)
x = np.random.randn(D, 1); hp = np.random.randn(H, 1); G = np.random.randn(H, 1)
sig = lambda a: 1 / (1 + np.exp(-a))
eps = 1e-6
def close(a, b):
    try:
        a = np.asarray(a, float); b = np.asarray(b, float)
    except Exception:
        return False
    return a.shape == b.shape and np.allclose(a, b, atol=1e-6, rtol=1e-5)
def fd(f, A):
    A = np.asarray(A, float); g = np.zeros(A.shape)
    for k in np.ndindex(A.shape):
        Ap = A.copy(); Ap[k] += eps; Am = A.copy(); Am[k] -= eps; g[k] = (f(Ap) - f(Am)) / (2 * eps)
    return g
W, U, Wr, Ur, Wz, Uz = cell.W, cell.U, cell.W_r, cell.U_r, cell.W_z, cell.U_z
def model(xh=x, xz=x, xr=x, hU=hp, hz=hp, hr=hp, hd=hp, W=W, U=U, Wr=Wr, Ur=Ur, Wz=Wz, Uz=Uz,
          ar=None, az=None, ah=None, r=None, z=None, hh=None):
    # separate copies of x and h per path so that each path's share can be differentiated
    if ar is None: ar = Wr @ xr + Ur @ hr
    if r is None: r = sig(ar)
    if az is None: az = Wz @ xz + Uz @ hz
    if z is None: z = sig(az)
    if ah is None: ah = W @ xh + U @ (r * hU)
    if hh is None: hh = np.tanh(ah)
    return z * hd + (1 - z) * hh
L = lambda **kw: float(np.sum(G * model(**kw)))
ar = Wr @ x + Ur @ hp; r_ = sig(ar); az = Wz @ x + Uz @ hp; z_ = sig(az)
ah = W @ x + U @ (r_ * hp); hh_ = np.tanh(ah); hn_ = z_ * hp + (1 - z_) * hh_
res = {}
# ---- helpers (lines 6-19): the d_ helpers take the activation OUTPUT (author's convention)
a = np.random.randn(5, 1)
res[6] = close(ns['sigmoid'](a), sig(a))
res[9] = close(ns['d_sigmoid'](sig(a)), fd(lambda v: np.sum(sig(v)), a))
res[12] = close(ns['tanh'](a), np.tanh(a))
res[15] = close(ns['d_tanh'](np.tanh(a)), fd(lambda v: np.sum(np.tanh(v)), a))
e = np.exp(a - a.max())
sm_ns = {'np': np, 'x': a}; exec('e_x = np.exp(x - np.max(x))', sm_ns); res[18] = close(sm_ns['e_x'], e)
res[19] = close(ns['softmax'](a), np.exp(a) / np.exp(a).sum())

def run(func, local, checks):
    """execute func's body statement by statement; checks: md line -> (var, truth)"""
    for md0, code in fences:
        tree = ast.parse(code)
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef) and node.name == func and md0 > fences[0][0]:
                for st in node.body:
                    ln = md0 + st.lineno - 1
                    if isinstance(st, ast.Return): continue
                    if isinstance(st, ast.Expr) and 'update' in ast.unparse(st): continue
                    try:
                        exec(compile(ast.Module([st], []), MD, 'exec'), ns, local); err = None
                    except Exception as ex:
                        err = ex
                    if ln in checks:
                        var, truth = checks[ln]
                        ok = err is None and close(local.get(var), truth)
                        res[ln] = ok
                        if err is not None: print('info: line %d raised %s: %s' % (ln, type(err).__name__, err))
                        local[var] = np.array(truth, float)   # upstream taken as right from here on
                    elif err is not None:
                        raise err
                return
# ---- forward
fwd = {37: ('r', r_), 38: ('z', z_), 39: ('h_hat', hh_), 40: ('h', hn_)}
run('forward', {'self': cell, 'x_t': x, 'h_prev': hp}, fwd)
# the same line 39 with 1-D vectors does run, but r@h_prev is then the scalar inner product:
r1, h1 = r_.ravel(), hp.ravel()
alt = tanh_1d = np.tanh(np.dot(W, x.ravel()) + np.dot(U, r1 @ h1))
print('info: line 39 with 1-D vectors gives an array of shape', alt.shape, '(np.dot(U, scalar) scales U), intended shape', hh_.ravel().shape)
# ---- backward: truths by central differences
T = {}
T['dh_hat'] = fd(lambda v: L(hh=v), hh_)
T['dz_post'] = fd(lambda v: L(z=v), z_)
T['dtanh'] = fd(lambda v: L(ah=v), ah)
T['dW'] = fd(lambda v: L(W=v), W); T['dU'] = fd(lambda v: L(U=v), U)
T['dx_1'] = fd(lambda v: L(xh=v), x); T['dh_prev_1'] = fd(lambda v: L(hU=v), hp)
T['dz'] = fd(lambda v: L(az=v), az)
T['dW_z'] = fd(lambda v: L(Wz=v), Wz); T['dU_z'] = fd(lambda v: L(Uz=v), Uz)
T['dx_2'] = fd(lambda v: L(xz=v), x); T['dh_prev_2'] = fd(lambda v: L(hz=v), hp)
T['dr'] = fd(lambda v: L(ar=v), ar)
T['dW_r'] = fd(lambda v: L(Wr=v), Wr); T['dU_r'] = fd(lambda v: L(Ur=v), Ur)
T['dx_3'] = fd(lambda v: L(xr=v), x); T['dh_prev_3'] = fd(lambda v: L(hr=v), hp)
T['dx'] = fd(lambda v: L(xh=v, xz=v, xr=v), x)
T['dh_prev'] = fd(lambda v: L(hU=v, hz=v, hr=v, hd=v), hp)
bwd = {47: ('dh_hat', T['dh_hat']), 48: ('dz', T['dz_post']), 51: ('dtanh', T['dtanh']),
       52: ('dW', T['dW']), 53: ('dU', T['dU']), 54: ('dx_1', T['dx_1']), 55: ('dh_prev_1', T['dh_prev_1']),
       58: ('dz', T['dz']), 59: ('dW_z', T['dW_z']), 60: ('dU_z', T['dU_z']), 61: ('dx_2', T['dx_2']),
       62: ('dh_prev_2', T['dh_prev_2']), 65: ('dr', T['dr']), 66: ('dW_r', T['dW_r']), 67: ('dU_r', T['dU_r']),
       68: ('dx_3', T['dx_3']), 69: ('dh_prev_3', T['dh_prev_3']), 71: ('dx', T['dx']), 72: ('dh_prev', T['dh_prev'])}
run('backward', {'self': cell, 'cache': (x, hp, r_, z_, hh_), 'dh_next': G}, bwd)

exp = json.load(open(os.path.join(here, 'expected.json')))[MD]
bad = 0
for ln in sorted(exp, key=int):
    ok = bool(res.get(int(ln), False)); want = exp[ln]['expected'] == 'pass'
    bad += (ok != want)
    print(ln, 'OK' if ok else 'MISMATCH', '(expected %s, %s)' % (exp[ln]['expected'], 'agrees' if ok == want else 'DISAGREES'))
print('disagreements:', bad, 'missing:', sorted(set(map(int, exp)) - set(res)), 'unannotated checks:', sorted(set(res) - set(map(int, exp))))
