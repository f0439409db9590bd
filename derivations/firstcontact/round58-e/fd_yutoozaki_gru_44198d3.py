"""FD check of YutoOzaki GRU.m (44198d3), numpy port; MATLAB time index kept (slot 0 unused)."""
import numpy as np

rng = np.random.default_rng(5858)
V, Hd, N, T = 2, 3, 2, 4
sig = lambda x: 1 / (1 + np.exp(-x))
prms = {1: rng.normal(scale=.7, size=(Hd, V)), 2: rng.normal(scale=.7, size=(Hd, V)), 3: rng.normal(scale=.7, size=(Hd, V)),
        4: rng.normal(scale=.7, size=(Hd, Hd)), 5: rng.normal(scale=.7, size=(Hd, Hd)), 6: rng.normal(scale=.7, size=(Hd, Hd)),
        7: rng.normal(scale=.3, size=(Hd, 1)), 8: rng.normal(scale=.3, size=(Hd, 1)), 9: rng.normal(scale=.3, size=(Hd, 1))}
X = rng.normal(size=(V, N, T + 2)); D = rng.normal(size=(Hd, N, T + 2)); h0 = rng.normal(size=(Hd, N))
e = 1e-6


def fwd(pert=None):
    pert = pert or {}
    g = lambda k, t: pert.get((k, t), 0.0)
    st = {k: np.zeros((Hd, N, T + 2)) for k in range(1, 8)}
    st[7][:, :, 1] = h0
    for t in range(1, T + 1):
        st[1][:, :, t] = prms[1] @ X[:, :, t] + prms[7] + prms[4] @ st[7][:, :, t] + g("z", t)
        st[2][:, :, t] = sig(st[1][:, :, t])
        st[3][:, :, t] = prms[2] @ X[:, :, t] + prms[8] + prms[5] @ st[7][:, :, t] + g("r", t)
        st[4][:, :, t] = sig(st[3][:, :, t])
        st[5][:, :, t] = prms[3] @ X[:, :, t] + prms[9] + st[4][:, :, t] * (prms[6] @ st[7][:, :, t]) + g("u", t)
        st[6][:, :, t] = np.tanh(st[5][:, :, t])
        st[7][:, :, t + 1] = (1 - st[2][:, :, t]) * st[7][:, :, t] + st[2][:, :, t] * st[6][:, :, t] + g("h", t)
    return st


def loss(pert=None):
    st = fwd(pert)
    return sum(np.sum(D[:, :, t] * st[7][:, :, t + 1]) for t in range(1, T + 1))


def adj(k, t):
    g = np.zeros((Hd, N))
    for idx in np.ndindex(Hd, N):
        p = np.zeros((Hd, N)); p[idx] = e
        g[idx] = (loss({(k, t): p}) - loss({(k, t): -p})) / (2 * e)
    return g


def pgrad(arr):
    g = np.zeros_like(arr)
    for idx in np.ndindex(arr.shape):
        arr[idx] += e; lp = loss(); arr[idx] -= 2 * e; lm = loss(); arr[idx] += e
        g[idx] = (lp - lm) / (2 * e)
    return g


close = lambda a, b: np.allclose(a, b, rtol=1e-6, atol=1e-7)
st = fwd()
A = {(k, t): adj(k, t) for k in "zruh" for t in range(1, T + 1)}
Z = np.zeros((Hd, N)); Ag = lambda k, t: A.get((k, t), Z)
dsigmoid = lambda x: (1. / (1 + np.exp(-x))) * (1 - 1. / (1 + np.exp(-x)))
dtanh = lambda x: 1 - np.tanh(x) ** 2
xs = rng.normal(size=(3, 3))
R = {}
R["sigmoid = @(x) 1./(1 + exp(-x));"] = close(1. / (1 + np.exp(-xs)), sig(xs))
R["dsigmoid = @(x) (1./(1 + exp(-x))).*(1 - 1./(1 + exp(-x)));"] = close(dsigmoid(xs), (sig(xs + e) - sig(xs - e)) / (2 * e))
R["dtanh = @(x) 1 - tanh(x).^2;"] = close(dtanh(xs), (np.tanh(xs + e) - np.tanh(xs - e)) / (2 * e))
for k in ["obj.states{1}(:,:,t) = obj.prms{1}*x(:,:,t) + b_zMat;", "obj.states{3}(:,:,t) = obj.prms{2}*x(:,:,t) + b_rMat;",
          "obj.states{5}(:,:,t) = obj.prms{3}*x(:,:,t) + b_hMat;",
          "obj.states{1}(:,:,t) = obj.states{1}(:,:,t) + obj.prms{4}*obj.states{7}(:,:,t);",
          "obj.states{2}(:,:,t) = obj.sigmoid(obj.states{1}(:,:,t));",
          "obj.states{3}(:,:,t) = obj.states{3}(:,:,t) + obj.prms{5}*obj.states{7}(:,:,t);",
          "obj.states{4}(:,:,t) = obj.sigmoid(obj.states{3}(:,:,t));",
          "obj.states{5}(:,:,t) =obj.states{5}(:,:,t) + obj.states{4}(:,:,t).*(obj.prms{6}*obj.states{7}(:,:,t));",
          "obj.states{6}(:,:,t) = tanh(obj.states{5}(:,:,t));",
          "obj.states{7}(:,:,t+1) = (1 - obj.states{2}(:,:,t)).*obj.states{7}(:,:,t) + obj.states{2}(:,:,t).*obj.states{6}(:,:,t);",
          "dz = repmat(obj.states{1}(:,:,1).*0, 1, 1, obj.T+1);", "dr = repmat(obj.states{3}(:,:,1).*0, 1, 1, obj.T+1);",
          "du = repmat(obj.states{5}(:,:,1).*0, 1, 1, obj.T+1);", "dh = obj.states{7}(:,:,1).*0;"]:
    R[k] = True   # model definitions / zero adjoints beyond step T
ok = dict.fromkeys(["dh", "du", "dz", "dr", "delta"], True)
s = st
for t in range(T, 0, -1):
    dh = D[:, :, t] + Ag("h", t + 1) * (1 - s[2][:, :, t + 1]) + prms[4].T @ Ag("z", t + 1) + prms[5].T @ Ag("r", t + 1) \
        + prms[6].T @ (Ag("u", t + 1) * s[4][:, :, t + 1])
    ok["dh"] &= close(dh, A["h", t])
    dH = A["h", t]
    ok["du"] &= close(dH * s[2][:, :, t] * dtanh(s[5][:, :, t]), A["u", t])
    ok["dz"] &= close(dH * (-s[7][:, :, t] + s[6][:, :, t]) * dsigmoid(s[1][:, :, t]), A["z", t])
    ok["dr"] &= close(A["u", t] * (prms[6] @ s[7][:, :, t]) * dsigmoid(s[3][:, :, t]), A["r", t])
    gx = np.zeros((V, N))
    for idx in np.ndindex(V, N):
        X[:, :, t][idx] += e; lp = loss(); X[:, :, t][idx] -= 2 * e; lm = loss(); X[:, :, t][idx] += e
        gx[idx] = (lp - lm) / (2 * e)
    ok["delta"] &= close(prms[1].T @ A["z", t] + prms[2].T @ A["r", t] + prms[3].T @ A["u", t], gx)
R["dh = d(:,:,t) + dh.*(1 - obj.states{2}(:,:,t+1))..."] = ok["dh"]
R["du(:,:,t) = dh .* obj.states{2}(:,:,t) .* obj.dtanh(obj.states{5}(:,:,t));"] = ok["du"]
R["dz(:,:,t) = dh .* (-obj.states{7}(:,:,t) + obj.states{6}(:,:,t)) .* obj.dsigmoid(obj.states{1}(:,:,t));"] = ok["dz"]
R["dr(:,:,t) = du(:,:,t) .* (obj.prms{6}*obj.states{7}(:,:,t)) .* obj.dsigmoid(obj.states{3}(:,:,t));"] = ok["dr"]
R["obj.delta(:,:,t) = obj.prms{1}'*dz(:,:,t) + obj.prms{2}'*dr(:,:,t) + obj.prms{3}'*du(:,:,t);"] = ok["delta"]
TR = {k: pgrad(prms[k]) for k in range(1, 10)}
rng_t = range(1, T + 1)
gR_z = sum(A["z", t] @ s[7][:, :, t].T for t in rng_t); gR_r = sum(A["r", t] @ s[7][:, :, t].T for t in rng_t)
gR_u = sum((A["u", t] * s[4][:, :, t]) @ s[7][:, :, t].T for t in rng_t)
gW = {k: sum(A[k, t] @ X[:, :, t].T for t in rng_t) for k in "zru"}
gb = {k: sum(A[k, t] for t in rng_t) for k in "zru"}
R["gradR_z = gradR_z + dz(:,:,t)*obj.states{7}(:,:,t)';"] = close(gR_z, TR[4])
R["gradR_r = gradR_r + dr(:,:,t)*obj.states{7}(:,:,t)';"] = close(gR_r, TR[5])
R["gradR_u = gradR_u + (du(:,:,t).*obj.states{4}(:,:,t))*obj.states{7}(:,:,t)';"] = close(gR_u, TR[6])
R["obj.gprms{4} = gradR_z./obj.batchSize;"] = close(gR_z / N, TR[4] / N)
R["obj.gprms{5} = gradR_r./obj.batchSize;"] = close(gR_r / N, TR[5] / N)
R["obj.gprms{6} = gradR_u./obj.batchSize;"] = close(gR_u / N, TR[6] / N)
for k, n in zip("zru", (1, 2, 3)):
    R["gradW_%s = gradW_%s + d%s(:,:,t)*obj.input(:,:,t)';" % (k, k, k)] = close(gW[k], TR[n])
    R["gradb_%s = gradb_%s + d%s(:,:,t);" % (k, k, k)] = close(gb[k].sum(1, keepdims=True), TR[n + 6])
    R["obj.gprms{%d} = gradW_%s./obj.batchSize;" % (n, k)] = close(gW[k] / N, TR[n] / N)
    R["obj.gprms{%d} = mean(gradb_%s, 2);" % (n + 6, k)] = close(gb[k].mean(1, keepdims=True), TR[n + 6] / N)

FAIL = set()
if __name__ == "__main__":
    lines = [l.strip() for l in open(__file__.replace("fd_", "").replace(".py", ".md"))]
    for k, okk in R.items():
        assert lines.count(k) == 1, ("not unique / missing in note", k, lines.count(k))
        assert okk == (k not in FAIL), ("verdict mismatch", k, okk)
    print(len(R), "rows checked;", sum(R.values()), "pass,", len(R) - sum(R.values()), "fail")
