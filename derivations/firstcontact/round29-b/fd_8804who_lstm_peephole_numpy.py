# Finite-difference check for 8804who_lstm_peephole_numpy.md (numpy only, runs in a few seconds).
# The author's code fences are exec'd; the cell's forward/backward bodies are then executed statement by
# statement (AST), and the value each statement assigns is compared with central differences of the
# intended model (Sak/Senior/Beaufays 2014 notation, column vectors, diagonal peepholes):
#   i = sig(Wix x + Wim m_prev + Wic*c_prev + bi)      f = sig(Wfx x + Wfm m_prev + Wfc*c_prev + bf)
#   chat = Wcx x + Wcm m_prev + bc (pre-activation)    c = f*c_prev + i*tanh(chat)
#   o = sig(Wox x + Wom m_prev + Woc*c + bo)           m = o*tanh(c)
# One-step loss for the cell: L = sum(Gm*m) + sum(Gc*c), so dm_next = Gm and dc_next = Gc (gradient of c
# from later steps). After each checked statement its variable is reset to the true value (local judgement).
# Wrapper (cell 2): y_t = softmax(W_hy m_t + b_y), L = -sum_t log y_t[k_t] (assumed: no loss in the notebook).
import ast, json, os
import numpy as np
here = os.path.dirname(os.path.abspath(__file__))
MD = '8804who_lstm_peephole_numpy.md'
lines = open(os.path.join(here, MD)).read().split('\n')
fences = []
i = 0
while i < len(lines):
    if lines[i].strip() == '```python':
        j = i + 1
        while lines[j].strip() != '```': j += 1
        fences.append((i + 2, '\n'.join(lines[i + 1:j]) + '\n')); i = j
    i += 1
ns = {}
for _, code in fences: exec(code, ns)
np.random.seed(3)
D, H, V = 3, 4, 5
cell = ns['MyLSTMCell'](D, H)
for nm in ['bi', 'bf', 'bc', 'bo']: setattr(cell, nm, np.random.randn(H, 1) * 0.3)
# the backward reads self.W_fx, self.W_fc, ... while __init__ defines Wfx, Wfc, ...: alias them (same arrays)
for g in 'ifco':
    for s in 'xmc':
        if hasattr(cell, 'W' + g + s): setattr(cell, 'W_' + g + s, getattr(cell, 'W' + g + s))
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
col = lambda v: np.asarray(v).reshape(-1, 1)
P0 = {k: getattr(cell, k) for k in ['Wix', 'Wim', 'Wic', 'Wfx', 'Wfm', 'Wfc', 'Wcx', 'Wcm', 'Wox', 'Wom', 'Woc', 'bi', 'bf', 'bc', 'bo']}
def cellf(x, mp, cp, P=P0, **ov):
    """intended forward; ov may override intermediate values (ai, af, i, f, chat, g, c, ao, o)"""
    ai = ov.get('ai', P['Wix'] @ x + P['Wim'] @ mp + col(P['Wic']) * cp + P['bi']); i = ov.get('i', sig(ai))
    af = ov.get('af', P['Wfx'] @ x + P['Wfm'] @ mp + col(P['Wfc']) * cp + P['bf']); f = ov.get('f', sig(af))
    chat = ov.get('chat', P['Wcx'] @ x + P['Wcm'] @ mp + P['bc']); g = ov.get('g', np.tanh(chat))
    c = ov.get('c', f * cp + i * g)
    ao = ov.get('ao', P['Wox'] @ x + P['Wom'] @ mp + col(P['Woc']) * c + P['bo']); o = ov.get('o', sig(ao))
    m = o * np.tanh(c)
    return dict(ai=ai, i=i, af=af, f=f, chat=chat, g=g, c=c, ao=ao, o=o, m=m)
x = np.random.randn(D, 1); mp = np.random.randn(H, 1); cp = np.random.randn(H, 1)
Gm = np.random.randn(H, 1); Gc = np.random.randn(H, 1)
R = cellf(x, mp, cp)
def Lc(x=x, mp=mp, cp=cp, P=P0, **ov):
    r = cellf(x, mp, cp, P, **ov); return float(np.sum(Gm * r['m']) + np.sum(Gc * r['c']))
def Lp(name, v):   # loss as a function of one parameter
    P = dict(P0); P[name] = v; return Lc(P=P)
res = {}
# ---- helpers (d_ helpers take the activation OUTPUT)
a = np.random.randn(5, 1)
res[6] = close(ns['sigmoid'](a), sig(a))
res[9] = close(ns['d_sigmoid'](sig(a)), fd(lambda v: np.sum(sig(v)), a))
res[12] = close(ns['tanh'](a), np.tanh(a))
res[15] = close(ns['d_tanh'](np.tanh(a)), fd(lambda v: np.sum(np.tanh(v)), a))
sm = {'np': np, 'x': a}; exec('e_x = np.exp(x - np.max(x))', sm); res[18] = close(sm['e_x'], np.exp(a - a.max()))
res[19] = close(ns['softmax'](a), np.exp(a) / np.exp(a).sum())

def run(func, fence_idx, local, checks):
    md0, code = fences[fence_idx]
    for node in ast.walk(ast.parse(code)):
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
                    elif not ok: print('info: line %d gives shape %s, true shape %s' % (ln, np.shape(local.get(var)), np.shape(truth)))
                    local[var] = np.array(truth, float)
                elif err is not None:
                    raise err
            return
    raise KeyError(func)
# ---- cell forward (fence 0)
run('forward', 0, {'self': cell, 'x_t': x, 'h_prev': mp, 'c_prev': cp},
    {42: ('i_t', R['i']), 43: ('f_t', R['f']), 44: ('c_hat_t', R['chat']), 45: ('c_t', R['c']),
     46: ('o_t', R['o']), 47: ('m_t', R['m'])})
# ---- cell backward: true values
T = {}
T['do_post'] = fd(lambda v: Lc(o=v), R['o'])
T['do'] = fd(lambda v: Lc(ao=v), R['ao'])
# m-part of dL/dc (all routes from c to m, including the output-gate peephole), then total
Lm_c = lambda v: float(np.sum(Gm * cellf(x, mp, cp, c=v)['m']))
T['dc_m'] = fd(Lm_c, R['c'])
T['dc'] = fd(lambda v: Lc(c=v), R['c'])
T['df_post'] = fd(lambda v: Lc(f=v), R['f']); T['df'] = fd(lambda v: Lc(af=v), R['af'])
T['di_post'] = fd(lambda v: Lc(i=v), R['i']); T['di'] = fd(lambda v: Lc(ai=v), R['ai'])
T['dg'] = fd(lambda v: Lc(g=v), R['g']); T['dchat'] = fd(lambda v: Lc(chat=v), R['chat'])
for k in ['Wfx', 'Wix', 'Wcx', 'Wox', 'Wfm', 'Wim', 'Wcm', 'Wom', 'Wfc', 'Wic', 'Woc', 'bf', 'bi', 'bc', 'bo']:
    T[k] = fd(lambda v, k=k: Lp(k, v), P0[k])
T['dx'] = fd(lambda v: Lc(x=v), x); T['dmp'] = fd(lambda v: Lc(mp=v), mp); T['dcp'] = fd(lambda v: Lc(cp=v), cp)
temp = (x, mp, cp, R['i'], R['f'], R['chat'], R['c'], R['o'], R['m'])
chk = {55: ('do_t', T['do_post']), 56: ('do_t', T['do']), 58: ('dc_t', T['dc_m']), 59: ('dc_t', T['dc']),
       61: ('df_t', T['df_post']), 62: ('df_t', T['df']), 64: ('di_t', T['di_post']), 65: ('di_t', T['di']),
       67: ('dc_hat_t', T['dg']), 68: ('dc_hat_t', T['dchat']),
       70: ('dW_fx', T['Wfx']), 71: ('dW_ix', T['Wix']), 72: ('dW_cx', T['Wcx']), 73: ('dW_ox', T['Wox']),
       75: ('dW_fm', T['Wfm']), 76: ('dW_im', T['Wim']), 77: ('dW_cm', T['Wcm']), 78: ('dW_om', T['Wom']),
       80: ('dW_fc', col(T['Wfc'])), 81: ('dW_ic', col(T['Wic'])), 82: ('dW_oc', col(T['Woc'])),
       84: ('db_f', T['bf']), 85: ('db_i', T['bi']), 86: ('db_c', T['bc']), 87: ('db_o', T['bo']),
       89: ('dx_t', T['dx']), 96: ('dh_prev', T['dmp']), 103: ('dc_prev', T['dcp'])}
loc = {'self': cell, 'temp': temp, 'dm_next': Gm, 'dc_next': Gc}
run('backward', 0, loc, chk)
# info: line 103's formula with the peepholes as columns agrees with FD (the error is the 1-D broadcast)
alt = T['dc'] * R['f'] + T['df'] * col(cell.Wfc) + T['di'] * col(cell.Wic)
print('info: line 103 with column peepholes matches FD:', close(alt, T['dcp']))
# ---- wrapper (fence 1), evaluated at t = 0 of a 3-step sequence, L = -sum_t log y_t[k_t]
Tn = 3
W_hy = np.random.randn(V, H); b_y = np.random.randn(V, 1) * 0.3
X = [np.random.randn(D, 1) for _ in range(Tn)]; K = [1, 4, 2]
def seq(m0_override=None, W_hy=W_hy, b_y=b_y):
    m = np.zeros((H, 1)); c = np.zeros((H, 1)); L = 0.0; ys = []; temps = []
    for t in range(Tn):
        r = cellf(X[t], m, c); temps.append((X[t], m, c, r['i'], r['f'], r['chat'], r['c'], r['o'], r['m']))
        m, c = r['m'], r['c']
        if t == 0 and m0_override is not None: m = m0_override
        z = W_hy @ m + b_y; y = np.exp(z - z.max()); y /= y.sum(); ys.append(y); L -= np.log(y[K[t], 0])
    return L, ys, temps
L0, ys, temps = seq()
e0 = np.zeros((V, 1)); e0[K[0]] = 1
m0 = temps[0][8]
stm = {}
for node in ast.walk(ast.parse(fences[1][1])):
    if isinstance(node, (ast.Assign, ast.AugAssign)): stm[fences[1][0] + node.lineno - 1] = ast.unparse(node.value)
class S: pass
me = S(); me.W_hy = W_hy; me.b_y = b_y; me.hidden_size = H
env = {'np': np, 'softmax': ns['softmax'], 'self': me, 'h_t': m0, 'output': ys[0], 'temp': temps[0],
       'dh_next': np.zeros((H, 1))}
def ev(ln):
    try: return eval(stm[ln], env)
    except Exception as ex: print('info: line %d raised %s' % (ln, ex)); return None
res[148] = close(ev(148), ys[0])
res[162] = close(ev(162), (ys[0] - e0) @ m0.T)                                          # step-0 share of dL/dW_hy
res[163] = close(ev(163), ys[0] - e0)                                                     # step-0 share of dL/db_y
res[165] = close(ev(165), fd(lambda v: seq(m0_override=v)[0], m0))                        # total dL/dm_0
# sanity: the per-step shares (y_t - e_t) m_t^T sum to the FD gradient of the sequence loss
tot = sum((ys[t] - np.eye(V)[:, [K[t]]]) @ temps[t][8].T for t in range(Tn))
print('info: sum_t (y_t - e_t) m_t^T equals FD dL/dW_hy:', close(tot, fd(lambda v: seq(W_hy=v)[0], W_hy)))

exp = json.load(open(os.path.join(here, 'expected.json')))[MD]
bad = 0
for ln in sorted(exp, key=int):
    ok = bool(res.get(int(ln), False)); want = exp[ln]['expected'] == 'pass'
    bad += (ok != want)
    print(ln, 'OK' if ok else 'MISMATCH', '(expected %s, %s)' % (exp[ln]['expected'], 'agrees' if ok == want else 'DISAGREES'))
print('disagreements:', bad, 'missing:', sorted(set(map(int, exp)) - set(res)), 'unannotated checks:', sorted(set(res) - set(map(int, exp))))
