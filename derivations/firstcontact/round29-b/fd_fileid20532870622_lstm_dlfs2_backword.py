# Finite-difference check for fileid20532870622_lstm_dlfs2_backword.md (numpy only, runs in about a second).
# The fence cannot be exec'd as a whole (it uses os/sys without importing them and imports common.layer),
# so the class definition is taken from the fence with ast and exec'd with a local sigmoid; the bodies of
# forward and backword are then executed statement by statement and each assigned value is compared with
# central differences of the intended DLFS2 LSTM (row-vector batch layout):
#   A = x Wx + h_prev Wh + b, slices f | g | i | o (each H wide),
#   f, i, o = sigmoid(.), g = tanh(.), c_next = f*c_prev + i*g, h_next = o*tanh(c_next)
# Loss L = sum(Gh*h_next) + sum(Gc*c_next): dh_next = Gh, dc_next = Gc (c_next's gradient from later steps).
# After each checked statement its variable is reset to the true value (local judgement).
import ast, json, os
import numpy as np
here = os.path.dirname(os.path.abspath(__file__))
MD = 'fileid20532870622_lstm_dlfs2_backword.md'
lines = open(os.path.join(here, MD)).read().split('\n')
s = lines.index('```python'); e = lines.index('```', s + 1)
md0, code = s + 2, '\n'.join(lines[s + 1:e]) + '\n'
tree = ast.parse(code)
sig = lambda a: 1 / (1 + np.exp(-a))
ns = {'np': np, 'sigmoid': sig}
cls = [n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == 'LSTM'][0]
exec(compile(ast.Module([cls], []), MD, 'exec'), ns)
np.random.seed(7)
N, D, H = 2, 3, 4
Wx = np.random.randn(D, 4 * H) * .6; Wh = np.random.randn(H, 4 * H) * .6; b = np.random.randn(4 * H) * .3
lay = ns['LSTM'](Wx, Wh, b)
x = np.random.randn(N, D); hp = np.random.randn(N, H); cp = np.random.randn(N, H)
Gh = np.random.randn(N, H); Gc = np.random.randn(N, H)
eps = 1e-6
def close(a, b_):
    try:
        a = np.asarray(a, float); b_ = np.asarray(b_, float)
    except Exception:
        return False
    return a.shape == b_.shape and np.allclose(a, b_, atol=1e-6, rtol=1e-5)
def fd(f, A):
    A = np.asarray(A, float); g = np.zeros(A.shape)
    for k in np.ndindex(A.shape):
        Ap = A.copy(); Ap[k] += eps; Am = A.copy(); Am[k] -= eps; g[k] = (f(Ap) - f(Am)) / (2 * eps)
    return g
def fwd(x=x, hp=hp, cp=cp, Wx=Wx, Wh=Wh, b=b, **ov):
    A = ov.get('A', x @ Wx + hp @ Wh + b)
    f = ov.get('f', sig(A[:, :H])); g = ov.get('g', np.tanh(A[:, H:2*H]))
    i = ov.get('i', sig(A[:, 2*H:3*H])); o = ov.get('o', sig(A[:, 3*H:]))
    c = ov.get('c', f * cp + i * g); h = o * np.tanh(c)
    return dict(A=A, f=f, g=g, i=i, o=o, c=c, h=h)
def L(**kw):
    r = fwd(**kw); return float(np.sum(Gh * r['h']) + np.sum(Gc * r['c']))
R = fwd()
res = {}
def run(func, local, checks):
    for node in cls.body:
        if isinstance(node, ast.FunctionDef) and node.name == func:
            for st in node.body:
                ln = md0 + st.lineno - 1
                if isinstance(st, ast.Return): continue
                try:
                    exec(compile(ast.Module([st], []), MD, 'exec'), ns, local); err = None
                except Exception as ex:
                    err = ex
                if ln in checks:
                    var, truth = checks[ln]
                    ok = err is None and close(local.get(var), truth)
                    res[ln] = ok
                    if err is not None: print('info: line %d raised %s: %s' % (ln, type(err).__name__, err))
                    local[var] = np.array(truth, float)
                elif err is not None:
                    raise err
            return
    raise KeyError(func)
A = R['A']
run('forward', {'self': lay, 'x': x, 'h_prev': hp, 'c_prev': cp},
    {20: ('A', A), 21: ('f', A[:, :H]), 22: ('g', A[:, H:2*H]), 23: ('i', A[:, 2*H:3*H]), 24: ('o', A[:, 3*H:]),
     26: ('f', R['f']), 27: ('g', R['g']), 28: ('i', R['i']), 29: ('o', R['o']),
     31: ('c_next', R['c']), 32: ('h_next', R['h'])})
# what line 28 actually computes: sigmoid(sigmoid(a_f)) instead of sigmoid(a_i)
print('info: line 28 value equals sigmoid(f):', close(sig(R['f']), sig(sig(A[:, :H]))), '; equals sigmoid(a_i):', close(sig(R['f']), R['i']))
# backward truths
T = {}
T['ds'] = fd(lambda v: L(c=v), R['c'])
T['ds_prev'] = fd(lambda v: L(cp=v), cp)
T['di_post'] = fd(lambda v: L(i=v), R['i']); T['dg_post'] = fd(lambda v: L(g=v), R['g'])
T['df_post'] = fd(lambda v: L(f=v), R['f']); T['do_post'] = fd(lambda v: L(o=v), R['o'])
T['dA'] = fd(lambda v: L(A=v), A)
T['dWh'] = fd(lambda v: L(Wh=v), Wh); T['dWx'] = fd(lambda v: L(Wx=v), Wx); T['db'] = fd(lambda v: L(b=v), b)
T['dx'] = fd(lambda v: L(x=v), x); T['dh_prev'] = fd(lambda v: L(hp=v), hp)
lay.cache = (x, hp, cp, R['i'], R['f'], R['g'], R['o'], R['c'])
dA = T['dA']
chk = {41: ('tanh_c_next', np.tanh(R['c'])), 43: ('ds', T['ds']), 45: ('ds_prev', T['ds_prev']),
       46: ('di', T['di_post']), 47: ('dg', T['dg_post']), 48: ('df', T['df_post']), 49: ('do', T['do_post']),
       51: ('di', dA[:, 2*H:3*H]), 52: ('dg', dA[:, H:2*H]), 53: ('df', dA[:, :H]), 54: ('do', dA[:, 3*H:]),
       56: ('dA', dA), 58: ('dWh', T['dWh']), 59: ('dWx', T['dWx']), 60: ('db', T['db']),
       66: ('dx', T['dx']), 67: ('dh_prev', T['dh_prev'])}
run('backword', {'self': lay, 'dh_next': Gh, 'dc_next': Gc}, chk)

exp = json.load(open(os.path.join(here, 'expected.json')))[MD]
bad = 0
for ln in sorted(exp, key=int):
    ok = bool(res.get(int(ln), False)); want = exp[ln]['expected'] == 'pass'
    bad += (ok != want)
    print(ln, 'OK' if ok else 'MISMATCH', '(expected %s, %s)' % (exp[ln]['expected'], 'agrees' if ok == want else 'DISAGREES'))
print('disagreements:', bad, 'missing:', sorted(set(map(int, exp)) - set(res)), 'unannotated checks:', sorted(set(res) - set(map(int, exp))))
