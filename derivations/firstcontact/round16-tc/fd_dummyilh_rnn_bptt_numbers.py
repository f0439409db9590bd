"""Policy: symbolic rows by central differences on the exact model; number rows by redoing each row's
arithmetic from the values the text itself states (4-decimal rounding slack); the deviations of the
stated values from an exact recomputation of Ch. 2 are printed at the end (they come from Ch. 2's
h_2 = tanh(0.6030) = 0.5397, exact 0.5392, outside the excerpt).
Check of dummyilh_rnn_bptt_numbers.md: column-vector tanh RNN (Ch. 2 values), many-to-one
squared-error loss L = 0.5 (y_3 - 1)^2.  Every worked number is recomputed in float64 and
compared at the printed precision (tolerance 2e-4 for 4-decimal values, to allow the
author's rounding of intermediates); symbolic rows are checked by central differences."""
import numpy as np
Wxh = np.array([[0.5, -0.3], [0.1, 0.8]]); Whh = np.array([[0.2, 0.4], [-0.5, 0.3]])
bh = np.array([0.1, -0.1]); Why = np.array([[0.6, -0.2]]); by = 0.05
X = {1: np.array([1.0, 0.5]), 2: np.array([0.0, 1.0]), 3: np.array([-1.0, 0.5])}
target = 1.0
def fwd(P=None, hook=None):
    P = P or {}; W1, W2, b1, Wy, b2 = (P.get(k, v) for k, v in
        (('Wxh', Wxh), ('Whh', Whh), ('bh', bh), ('Why', Why), ('by', by)))
    h = {0: np.zeros(2)}; a = {}
    for t in (1, 2, 3):
        a[t] = W1 @ X[t] + W2 @ h[t-1] + b1
        if hook and hook[0] == ('a', t): a[t] = a[t] + hook[1]
        h[t] = np.tanh(a[t])
        if hook and hook[0] == ('h', t): h[t] = h[t] + hook[1]
    y3 = (Wy @ h[3])[0] + b2
    if hook and hook[0] == ('y', 3): y3 = y3 + hook[1]
    return 0.5*(y3-target)**2, h, a, y3
L, h, a, y3 = fwd()
def fd(shape, f, eps=1e-6):
    g = np.zeros(shape)
    for i in np.ndindex(*shape):
        d = np.zeros(shape); d[i] = eps; g[i] = (f(d)-f(-d))/(2*eps)
    return g
near = lambda v, ref, tol=2e-4: np.allclose(np.asarray(v, float), np.asarray(ref, float), atol=tol)
res = {}
res['y3 (Ch.2) = -0.2055'] = near(-0.2055, y3)
res['h1,h2,h3 exact (info)'] = near([0.4219, 0.3799], h[1]) and near([0.0363, 0.5397], h[2]) and near([-0.3157, 0.3305], h[3])
dy3 = y3 - target
res[31] = near(dy3, fd((), lambda d: fwd(hook=(('y', 3), d))[0])) and near(-1.2055, dy3) and near(-0.2055-1.0, -1.2055, 1e-12)
gWy = fd((1, 2), lambda d: fwd({'Why': Why+d})[0])
res[37] = near(gWy, dy3*h[3][None, :], 1e-7) and near(-1.2055*np.array([-0.3157, 0.3305]), [0.3806, -0.3984], 6e-5)
res[38] = near(fd((), lambda d: fwd({'by': by+d})[0]), dy3, 1e-7) and near(-1.2055, dy3)
gh3 = fd((2,), lambda d: fwd(hook=(('h', 3), d))[0])
res[39] = near(gh3, dy3*Why[0], 1e-7) and near([-0.7233, 0.2411], gh3) and near(-1.2055*np.array([0.6, -0.2]), [-0.7233, 0.2411], 6e-5)
res[46] = np.allclose(fd((3,), lambda d: np.tanh(np.array([.3, -.2, .9])+d).sum()), 1-np.tanh([.3, -.2, .9])**2)
res[48] = near(1-np.array([-0.3157, 0.3305])**2, [0.9003, 0.8908], 6e-5)
ga3 = fd((2,), lambda d: fwd(hook=(('a', 3), d))[0])
res[49] = near(ga3, gh3*(1-h[3]**2), 1e-7) and near([-0.6513, 0.2148], ga3) and near([-0.7233*0.9003, 0.2411*0.8908], [-0.6513, 0.2148])
# per-step parameter contributions: perturb the parameter in step t only
def step_grad(name, t):
    base = {'Wxh': Wxh, 'Whh': Whh, 'bh': bh}[name]
    def f(d):
        h_ = {0: np.zeros(2)}
        for s in (1, 2, 3):
            W1 = Wxh + (d if (name == 'Wxh' and s == t) else 0); W2 = Whh + (d if (name == 'Whh' and s == t) else 0)
            b1 = bh + (d if (name == 'bh' and s == t) else 0)
            h_[s] = np.tanh(W1 @ X[s] + W2 @ h_[s-1] + b1)
        return 0.5*(((Why @ h_[3])[0] + by) - target)**2
    return fd(base.shape, f)
res[55] = near(step_grad('Whh', 3), np.outer(ga3, h[2]), 1e-7) and near([[-0.0236, -0.3515], [0.0078, 0.1159]], np.outer([-0.6513, 0.2148], [0.0363, 0.5397]), 6e-5)
res[59] = near(step_grad('Wxh', 3), np.outer(ga3, X[3]), 1e-7) and near([[0.6513, -0.3257], [-0.2148, 0.1074]], step_grad('Wxh', 3))
res[63] = near(step_grad('bh', 3), ga3, 1e-7) and near([-0.6513, 0.2148], ga3)
res[66] = np.allclose(fd((2,), lambda d: (Wxh @ X[3] + Whh @ (h[2]+d) + bh)[0]), Whh[0]) and near(Wxh @ X[3] + Whh @ h[2] + bh, a[3], 1e-12)
gh2 = fd((2,), lambda d: fwd(hook=(('h', 2), d))[0])
res[68] = near(gh2, Whh.T @ ga3, 1e-7) and near(Whh.T, [[0.2, -0.5], [0.4, 0.3]], 0) and near([-0.2377, -0.1961], gh2) and near(np.array([[0.2, -0.5], [0.4, 0.3]]) @ [-0.6513, 0.2148], [-0.2377, -0.1961])
res[79] = near([0.9987, 0.7087], 1-np.array([0.0363, 0.5397])**2, 6e-5)
ga2 = fd((2,), lambda d: fwd(hook=(('a', 2), d))[0])
res[80] = near(ga2, gh2*(1-h[2]**2), 1e-7) and near([-0.2374, -0.1390], ga2)
res[85] = near(step_grad('Whh', 2), np.outer(ga2, h[1]), 1e-7) and near([[-0.1001, -0.0902], [-0.0586, -0.0528]], step_grad('Whh', 2))
res[89] = near([[0, -0.2374], [0, -0.1390]], step_grad('Wxh', 2))
res[93] = near([-0.2374, -0.1390], step_grad('bh', 2))
gh1 = fd((2,), lambda d: fwd(hook=(('h', 1), d))[0])
res[98] = near(gh1, Whh.T @ ga2, 1e-7) and near([0.0220, -0.1367], gh1) and near(np.array([[0.2, -0.5], [0.4, 0.3]]) @ [-0.2374, -0.1390], [0.0220, -0.1367])
res[105] = near([0.8220, 0.8557], 1-h[1]**2)
ga1 = fd((2,), lambda d: fwd(hook=(('a', 1), d))[0])
res[106] = near(ga1, gh1*(1-h[1]**2), 1e-7) and near([0.0181, -0.1169], ga1)
res[108] = near(step_grad('Whh', 1), 0, 1e-9)
res[109] = near([[0.0181, 0.0091], [-0.1169, -0.0585]], step_grad('Wxh', 1))
res[112] = near([0.0181, -0.1169], step_grad('bh', 1))
tot = lambda k: fd({'Wxh': Wxh, 'Whh': Whh, 'bh': bh}[k].shape, lambda d: fwd({k: {'Wxh': Wxh, 'Whh': Whh, 'bh': bh}[k]+d})[0])
res[120] = near(tot('Wxh'), sum(step_grad('Wxh', s) for s in (1, 2, 3)), 1e-7)
res['121 (approx row, not annotated)'] = near([[0.669, -0.554], [-0.332, -0.090]], tot('Wxh'), 1e-3)
res[124] = near(tot('Whh'), sum(step_grad('Whh', s) for s in (1, 2, 3)), 1e-7)
res['125 (approx row)'] = near([[-0.124, -0.442], [-0.051, 0.063]], tot('Whh'), 1e-3)
res[128] = near(tot('bh'), sum(step_grad('bh', s) for s in (1, 2, 3)), 1e-7)
res['129 (approx row)'] = near([-0.871, -0.041], tot('bh'), 1e-3)
D = lambda t: np.diag(1-h[t]**2)
res[139] = near(gh1, Whh.T @ D(1) @ (Whh.T @ D(2) @ gh3), 1e-6)
res['139_correct_form'] = near(gh1, Whh.T @ D(2) @ (Whh.T @ D(3) @ gh3), 1e-6)
res['145 (i = t-k+1..t, increasing to the right)'] = near(gh1, Whh.T @ D(2) @ Whh.T @ D(3) @ gh3, 1e-6)
for k, v in res.items(): print(k, v)
print('--- exact recomputation (see fd_dummyilh_rnn_bptt_numbers_deviations.py for per-row deviations):')
print('h', h, 'a', a)
print('gWy', gWy, '1-h2^2', 1-h[2]**2, 'Whh3', step_grad('Whh', 3))
print('rounded-input 36:', -1.2055*np.array([-0.3157, 0.3305]))
