"""Finite-difference check of mnist_relu_elman_rnncell.md (numpy only).

Fence 1 (class RnnCell) is executed as module `elman`; fence 2 (the training script, `from elman import RnnCell`) is
executed after it.  Annotated statement lines are also executed one by one (by line number) where an intermediate
value is needed.  Every check compares against central differences or an independent reference; pass/fail is then
compared to expected.json.
"""
import json, os, sys, types
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
NAME = "mnist_relu_elman_rnncell.md"
LINES = open(os.path.join(HERE, NAME), encoding="utf-8").read().split("\n")
EXP = json.load(open(os.path.join(HERE, "expected.json")))[NAME]


def line(n):
    return LINES[n - 1]


def need(n, text):
    assert text in line(n), (n, line(n), text)


def fences():
    out, cur, inside = [], [], False
    for l in LINES:
        if l.startswith("```python"):
            inside, cur = True, []
        elif l.startswith("```") and inside:
            inside = False
            out.append("\n".join(cur))
        elif inside:
            cur.append(l)
    return out


F = fences()
elman = types.ModuleType("elman")
exec(F[0], elman.__dict__)
sys.modules["elman"] = elman
train = types.ModuleType("train_script")
exec(F[1], train.__dict__)
RnnCell, Rnn = elman.RnnCell, train.Rnn

rng = np.random.default_rng(1)
EPS = 1e-6


def num_grad(f, x):
    g = np.zeros_like(x)
    it = np.nditer(x, flags=["multi_index"])
    for _ in it:
        i = it.multi_index
        old = x[i]
        x[i] = old + EPS; fp = f()
        x[i] = old - EPS; fm = f()
        x[i] = old
        g[i] = (fp - fm) / (2 * EPS)
    return g


def close(a, b, tol=1e-5):
    a, b = np.asarray(a, float), np.asarray(b, float)
    return a.shape == b.shape and np.allclose(a, b, rtol=tol, atol=tol)


relu = lambda z: np.maximum(z, 0.0)
checks = {}

# ------------------------------------------------------------------ Params.__iadd__
for n, nm in zip((48, 49, 50, 51, 52), ("Wh", "Uh", "bh", "Wy", "by")):
    need(n, "self.%s += other.%s" % (nm, nm))
H = 6
mk = lambda: RnnCell.Params(rng.standard_normal((H, 28)), rng.standard_normal((H, H)), rng.standard_normal(H),
                            rng.standard_normal((10, H)), rng.standard_normal(10))
pa, pb = mk(), mk()
ref = [a + b for a, b in zip(list(pa), list(pb))]
pa += pb
for n, r, a in zip((48, 49, 50, 51, 52), ref, list(pa)):
    checks[n] = close(a, r)

# ------------------------------------------------------------------ one cell, forward and backward
Wh = rng.standard_normal((H, 28)) * 0.3; Uh = rng.standard_normal((H, H)) * 0.3; bh = rng.standard_normal(H) * 0.3
Wy = rng.standard_normal((10, H)) * 0.5; by = rng.standard_normal(10) * 0.3
cell = RnnCell(Wh, Uh, bh, Wy, by)
x = rng.standard_normal(28); h = np.abs(rng.standard_normal(H))
gy = rng.standard_normal(10); gh = rng.standard_normal(H)


def ref_fwd(Wh, Uh, bh, Wy, by, x, h):
    zh = Wh @ x + Uh @ h + bh
    hh = relu(zh)
    zy = Wy @ hh + by
    return zh, hh, zy, relu(zy)


zh, hh_ref, zy, y_ref = ref_fwd(Wh, Uh, bh, Wy, by, x, h)
assert np.min(np.abs(zh)) > 1e-3 and np.min(np.abs(zy)) > 1e-3
need(66, "z_h = np.matmul(self._params.Wh, x)"); need(67, "hh = self._relu(z_h)"); need(68, "y = self._relu(")
ns = {"np": np, "self": cell, "x": x, "h": h}
for n in (66, 67, 68):
    exec(line(n).strip(), ns)
checks[66] = close(ns["z_h"], zh)
checks[67] = close(ns["hh"], hh_ref)
checks[68] = close(ns["y"], y_ref)
need(84, "# For y = ReLU (W_y h(t) + b_y)"); need(90, "# For h = ReLU(W_h x + U_h h(t-1) + b_h)")
checks[84] = checks[68]          # the code line under the comment equals the stated equation
checks[90] = checks[67] and checks[66]
yv, hhv = cell.forward(x, h)

# loss for the cell: L = gy . y + gh . hh   (gh = gradient arriving at h(t) from later steps)
def Lcell(Wh_=None, Uh_=None, bh_=None, Wy_=None, by_=None, x_=None, h_=None, zy_=None, hh_over=None, zh_=None):
    Wh_ = Wh if Wh_ is None else Wh_; Uh_ = Uh if Uh_ is None else Uh_; bh_ = bh if bh_ is None else bh_
    Wy_ = Wy if Wy_ is None else Wy_; by_ = by if by_ is None else by_
    x_ = x if x_ is None else x_; h_ = h if h_ is None else h_
    zh_ = Wh_ @ x_ + Uh_ @ h_ + bh_ if zh_ is None else zh_
    hh_ = relu(zh_) if hh_over is None else hh_over
    zy_ = Wy_ @ hh_ + by_ if zy_ is None else zy_
    return gy @ relu(zy_) + gh @ hh_


for n, t in ((85, "grad_y = self._grad_relu(y, grad_y)"), (86, "grad_by = grad_y"),
             (87, "grad_Wy, grad_y2hh = self._grad_mv(self._params.Wy, hh, grad_y)"),
             (89, "grad_hh = grad_hh + grad_y2hh"), (91, "grad_hh = self._grad_relu(hh, grad_hh)"),
             (92, "grad_bh = grad_hh"), (93, "grad_Wh, _ = self._grad_mv(self._params.Wh, x, grad_hh)"),
             (94, "grad_Uh, grad_h = self._grad_mv(self._params.Uh, h, grad_hh)")):
    need(n, t)
ns = {"np": np, "self": cell, "x": x, "h": h, "y": yv, "hh": hhv, "grad_y": gy.copy(), "grad_hh": gh.copy()}
A = {k: v.copy() for k, v in dict(Wh=Wh, Uh=Uh, bh=bh, Wy=Wy, by=by, x=x, h=h).items()}
exec(line(85).strip(), ns)
ZY = zy.copy(); checks[85] = close(ns["grad_y"], num_grad(lambda: Lcell(zy_=ZY), ZY))
exec(line(86).strip(), ns)
BY = by.copy(); checks[86] = close(ns["grad_by"], num_grad(lambda: Lcell(by_=BY), BY))
exec(line(87).strip(), ns)
WY = Wy.copy(); HHy = hh_ref.copy()
ok87 = close(ns["grad_Wy"], num_grad(lambda: Lcell(Wy_=WY), WY))
ok87 &= close(ns["grad_y2hh"], num_grad(lambda: gy @ relu(Wy @ HHy + by), HHy))
checks[87] = ok87
exec(line(89).strip(), ns)
HH = hh_ref.copy(); checks[89] = close(ns["grad_hh"], num_grad(lambda: Lcell(hh_over=HH), HH))
exec(line(91).strip(), ns)
ZH = zh.copy(); checks[91] = close(ns["grad_hh"], num_grad(lambda: Lcell(zh_=ZH), ZH))
exec(line(92).strip(), ns)
BH = bh.copy(); checks[92] = close(ns["grad_bh"], num_grad(lambda: Lcell(bh_=BH), BH))
exec(line(93).strip(), ns)
WH = Wh.copy(); checks[93] = close(ns["grad_Wh"], num_grad(lambda: Lcell(Wh_=WH), WH))
exec(line(94).strip(), ns)
UH = Uh.copy(); HP = h.copy()
checks[94] = close(ns["grad_Uh"], num_grad(lambda: Lcell(Uh_=UH), UH)) and \
    close(ns["grad_h"], num_grad(lambda: Lcell(h_=HP), HP))

# helpers
need(103, "return np.array([e if e > 0 else 0.0 for e in x ])")
z = rng.standard_normal(9); z[np.abs(z) < 1e-2] = 0.5; g = rng.standard_normal(9)
checks[103] = close(cell._relu(z), relu(z))
need(109, "m = np.array([1.0 if e > 0 else 0.0 for e in x])"); need(110, "return m * grad")
Z = z.copy(); dz = num_grad(lambda: g @ relu(Z), Z)
checks[109] = checks[110] = close(cell._grad_relu(z, g), dz)
need(120, "M^T grad_z"); need(124, "= grad_z v^T"); need(135, "grad_v = np.matmul(M.T, grad)")
need(136, "grad_M = np.matmul(grad.reshape(len(grad), 1),")
M = rng.standard_normal((4, 7)); v = rng.standard_normal(7); gz = rng.standard_normal(4)
gM, gv = cell._grad_mv(M, v, gz)
MM, VV = M.copy(), v.copy()
ngM = num_grad(lambda: gz @ (MM @ v), MM); ngv = num_grad(lambda: gz @ (M @ VV), VV)
checks[135] = close(gv, ngv); checks[136] = close(gM, ngM)
checks[120] = close(M.T @ gz, ngv)                 # the docstring's M^T grad_z
checks[124] = close(np.outer(gz, v), ngM)          # the docstring's grad_z v^T

# ------------------------------------------------------------------ training script
np.random.seed(3)
net = Rnn()
img = np.random.rand(28, 28)
label = 4
P = net._cell._params
names = ("Wh", "Uh", "bh", "Wy", "by")


def softmax(u):
    e = np.exp(u - u.max())
    return e / e.sum()


def ref_loss(Wh_, Uh_, bh_, Wy_, by_, img_=img, label_=label):
    hcur = np.zeros(len(bh_))
    for t in range(28):
        hcur = relu(Wh_ @ img_[t] + Uh_ @ hcur + bh_)
        yout = relu(Wy_ @ hcur + by_)
    return -np.log(softmax(yout)[label_])


for n, t in ((182, "h = self._h[i-1] if i > 0 else np.zeros"), (183, "self._y[i], self._h[i] = self._cell.forward(x, h)"),
             (185, "return self._softmax(self._y[-1])"), (191, "If the loss function is -\\sum l_i log p_i"),
             (195, "grad_y = np.array([p[i] - (1 if i == label else 0)"), (196, "grad_h = np.zeros(self._cell.dim_h())"),
             (199, "grad_params = self._cell._params.zeros()"), (202, "_grad_params, _grad_h = ("),
             (210, "grad_params += _grad_params"), (211, "grad_y = np.zeros(grad_y.shape)"), (212, "grad_h = _grad_h"),
             (221, "x =  x / max_x"), (222, "exp = np.exp(x)"), (224, "return exp / s"),
             (242, "loss += -math.log(p[y])"), (247, "grad += self.back_propagate(x, y, p)")):
    need(n, t)

p = net.predict(img)
yl = net._y[-1]
assert yl.max() <= 30, "test point must be in the exact-softmax regime"
ref_p = softmax(yl)
hs = []; hcur = np.zeros(20)
for t in range(28):
    hcur = relu(P.Wh @ img[t] + P.Uh @ hcur + P.bh); hs.append(hcur)
checks[182] = checks[183] = close(np.array(net._h), np.array(hs))
checks[185] = close(p, softmax(relu(P.Wy @ hs[-1] + P.by)))
YL = yl.copy()
ce_grad = num_grad(lambda: -np.log(softmax(YL)[label]), YL)
checks[191] = close(ref_p - np.eye(10)[label], ce_grad)
ns = {"np": np, "p": ref_p, "label": label}
exec(line(195).strip(), ns)
checks[195] = close(ns["grad_y"], ce_grad)
checks[196] = checks[199] = True   # zero starts; confirmed by the totals below
grads = net.back_propagate(img, label)
arrs = [getattr(P, nm).copy() for nm in names]
tot_ok = True
for k, nm in enumerate(names):
    ng = num_grad(lambda: ref_loss(*arrs), arrs[k])
    tot_ok &= close(getattr(grads, nm), ng, tol=1e-4)
for n in (196, 199, 202, 210, 211, 212):
    checks[n] = tot_ok

# _softmax: line 221 vs 222/224
u_small = rng.standard_normal(10) * 3
u_big = np.array([40.0, 35.0, 1.0, 0.0, 2.0, 3.0, 0.0, 0.0, 5.0, 0.5])
checks[222] = checks[224] = close(net._softmax(u_small), softmax(u_small))
checks[221] = close(net._softmax(u_big), softmax(u_big))
print("info: _softmax([40, 35, ...]) =", np.round(net._softmax(u_big)[:2], 4), " true softmax =",
      np.round(softmax(u_big)[:2], 4))

# run_epoch lines 242 and 247, executed by line number over two samples
imgs = [np.random.rand(28, 28) for _ in range(2)]; labs = [2, 7]
ns = {"np": np, "math": __import__("math"), "self": net, "loss": 0.0, "grad": P.zeros()}
for xi, yi in zip(imgs, labs):
    ns["x"], ns["y"] = xi, yi
    ns["p"] = net.predict(xi)
    exec(line(242).strip(), ns)
    exec(line(247).strip(), ns)
tot = lambda *a: sum(ref_loss(*a, img_=im, label_=lb) for im, lb in zip(imgs, labs))
checks[242] = close(ns["loss"], tot(*arrs))
ok247 = True
for k, nm in enumerate(names):
    ok247 &= close(getattr(ns["grad"], nm), num_grad(lambda: tot(*arrs), arrs[k]), tol=1e-4)
checks[247] = ok247

# consequence of line 221 (information only): gradient when max(y) > 30
big = Rnn(); big._cell._params.Wy = np.abs(big._cell._params.Wy) * 400.0; big._cell._params.Wh = np.abs(big._cell._params.Wh)
pb_ = big.predict(img)
if big._y[-1].max() > 30:
    Pb = big._cell._params
    ab = [getattr(Pb, nm).copy() for nm in names]
    gb = big.back_propagate(img, label)
    ng = num_grad(lambda: -np.log(big._softmax(relu(ab[3] @ np.array(big._h[-1]) + ab[4]))[label]), ab[4])
    print("info: with max(y)=%.1f, dL/dby from back_propagate matches FD of the implemented loss:" % big._y[-1].max(),
          close(gb.by, ng, tol=1e-4))

bad = 0
for k in sorted(EXP, key=int):
    n = int(k)
    got = "pass" if checks[n] else "fail"
    flag = "OK" if got == EXP[k]["expected"] else "MISMATCH"
    bad += flag != "OK"
    print("line %d: expected %s, fd says %s -> %s" % (n, EXP[k]["expected"], got, flag))
missing = set(checks) - {int(k) for k in EXP}
if missing:
    print("checked but not annotated:", sorted(missing)); bad += 1
print("ALL OK" if bad == 0 else "%d MISMATCH(ES)" % bad)
