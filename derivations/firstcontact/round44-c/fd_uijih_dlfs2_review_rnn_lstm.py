"""Finite-difference check of uijih_dlfs2_review_rnn_lstm.md (numpy only).

Reference model (Deep Learning from Scratch 2 conventions, row layout, batch N in rows):
  RNN : h_t = tanh(h_{t-1} Wh + x_t Wx + b)
  LSTM: A = x Wx + h_prev Wh + b (N x 4H), f = s(A[:, :H]), g = tanh(A[:, H:2H]), i = s(A[:, 2H:3H]),
        o = s(A[:, 3H:]), c = f*c_prev + g*i, h = o*tanh(c)
Losses: one step L = sum(Gh*h_next) (+ sum(Gc*c_next) for the LSTM) with random Gh, Gc (so dh_next = Gh, dc_next = Gc);
sequences L = sum_t sum(G_t * h_t).  The author's RNN class and LSTM.backward are exec'd from the Markdown file;
lines that cannot run as published (slicing typo, `dype=`, `self.layer`) are evaluated as transcribed expressions.
"""
import json, os, re, sys, types
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
FILE = "uijih_dlfs2_review_rnn_lstm.md"
EPS = 1e-6
sig = lambda z: 1 / (1 + np.exp(-z))

fences = re.findall(r"```python\n(.*?)\n```", open(os.path.join(HERE, FILE)).read(), re.S)
# fake `common.functions` (DLFS2's module provides sigmoid and np)
common = types.ModuleType("common"); cf = types.ModuleType("common.functions")
cf.sigmoid = sig; cf.np = np; cf.__all__ = ["sigmoid", "np"]
sys.modules["common"] = common; sys.modules["common.functions"] = cf
ns = {}
exec(fences[0], ns)          # class RNN
exec(fences[2], ns)          # class LSTM (defining it runs fine; its forward crashes at g*i)
RNN, LSTM = ns["RNN"], ns["LSTM"]


def close(a, b):
    a, b = np.asarray(a, float), np.asarray(b, float)
    return a.shape == b.shape and np.allclose(a, b, rtol=1e-5, atol=1e-7)


def numgrad(f, x):
    g = np.zeros_like(x)
    for idx in np.ndindex(*x.shape):
        old = x[idx]
        x[idx] = old + EPS; fp = f()
        x[idx] = old - EPS; fm = f()
        x[idx] = old
        g[idx] = (fp - fm) / (2 * EPS)
    return g


res = {}
def put(ln, ok):
    res[ln] = res.get(ln, True) and bool(ok)


def rnn_cases(seed):
    rng = np.random.default_rng(seed)
    N, D, H, T = 2, 3, 4, 4
    Wx, Wh, b = rng.normal(size=(D, H)), rng.normal(size=(H, H)) * 0.7, rng.normal(size=H)
    x, h_prev, G = rng.normal(size=(N, D)), rng.normal(size=(N, H)), rng.normal(size=(N, H))
    ref_pre = lambda: h_prev @ Wh + x @ Wx + b
    h_ref = np.tanh(ref_pre())
    # line 19: the author's pre-activation (no bias) vs the model with the bias the class carries
    put(19, close(np.matmul(h_prev, Wh) + np.matmul(x, Wx), ref_pre()))
    put(20, close(np.tanh(ref_pre()), h_ref))
    lay = RNN(Wx, Wh, b)
    lay.forward(x, h_prev)
    put(21, lay.cache[0] is x and lay.cache[1] is h_prev and close(lay.cache[2], np.tanh(np.matmul(h_prev, Wh) + np.matmul(x, Wx))))
    # backward with the cache of the reference (biased) forward = true upstream values
    lay.cache = (x, h_prev, h_ref)
    L = lambda: np.sum(G * np.tanh(h_prev @ Wh + x @ Wx + b))
    dx, dh_prev = lay.backward(G)
    dWx, dWh, db = lay.grads
    pre = ref_pre()
    dpre = numgrad(lambda: np.sum(G * np.tanh(pre)), pre)
    put(28, close(G * (1 - h_ref**2), dpre))
    put(29, close(db, numgrad(L, b)))
    put(33, close(dWh, numgrad(L, Wh)))
    put(34, close(dh_prev, numgrad(L, h_prev)))
    put(36, close(dWx, numgrad(L, Wx)))
    put(37, close(dx, numgrad(L, x)))
    # TimeRNN (fence 2 cannot run: dype= and self.layer); its statements, with a correct RNN step
    xs, h0, Gs = rng.normal(size=(N, T, D)), np.zeros((N, H)), rng.normal(size=(N, T, H))
    def seq_forward():
        h, hs, layers = h0, [], []
        for t in range(T):
            l = RNN(Wx, Wh, b)
            l.cache = None
            pre_t = h @ Wh + xs[:, t, :] @ Wx + b
            hn = np.tanh(pre_t)
            l.cache = (xs[:, t, :], h, hn)
            hs.append(hn); layers.append(l); h = hn
        return np.stack(hs, 1), layers
    hs, layers = seq_forward()
    Lseq = lambda: np.sum(Gs * seq_forward()[0])
    # line 80: self.h = layer.forward(xs[:, t, :], self.h) -- the recurrence wiring
    h = h0
    for t in range(T):
        h = np.tanh(h @ Wh + xs[:, t, :] @ Wx + b)
        put(80, close(h, hs[:, t, :]))
    # true dL/dh_t (total) by injection
    def dL_dh(t):
        def f_inj(delta):
            h, out = h0, []
            for s in range(T):
                h = np.tanh(h @ Wh + xs[:, s, :] @ Wx + b) + (delta if s == t else 0)
                out.append(h)
            return np.sum(Gs * np.stack(out, 1))
        d = np.zeros((N, H)); gr = np.zeros((N, H))
        for idx in np.ndindex(N, H):
            d[idx] = EPS; fp = f_inj(d); d[idx] = -EPS; fm = f_inj(d); d[idx] = 0
            gr[idx] = (fp - fm) / (2 * EPS)
        return gr
    dh_true = {t: dL_dh(t) for t in range(T)}
    dxs_true = numgrad(Lseq, xs)
    dh, grads = 0, [0, 0, 0]
    for t in reversed(range(T)):
        # line 97: dx, dh = layer.backward(dhs[:, t, :] + dh), where dh = the part of dL/dh_t that comes from
        # later steps (true value: dh_true[t] - Gs[:, t, :]); the returned dh must be that part for h_{t-1}
        future = dh_true[t] - Gs[:, t, :]
        dx, dh = layers[t].backward(Gs[:, t, :] + future)
        put(97, close(dh, dh_true[t - 1] - Gs[:, t - 1, :]) if t > 0 else close(dh, numgrad(Lseq, h0)))
        put(98, close(dx, dxs_true[:, t, :]))
        for i, grad in enumerate(layers[t].grads):
            grads[i] = grad                                    # line 101 as published
    tot = [numgrad(Lseq, Wx), numgrad(Lseq, Wh), numgrad(Lseq, b)]
    put(101, all(close(g_, t_) for g_, t_ in zip(grads, tot)))
    # line 104: copying a (correct) accumulated list into self.grads
    acc = [np.zeros_like(Wx), np.zeros_like(Wh), np.zeros_like(b)]
    for t in reversed(range(T)):
        layers[t].backward(dh_true[t])
        for i, grad in enumerate(layers[t].grads):
            acc[i] = acc[i] + grad
    store = [np.zeros_like(Wx), np.zeros_like(Wh), np.zeros_like(b)]
    for i, grad in enumerate(acc):
        store[i][...] = grad
    put(104, all(close(s_, t_) for s_, t_ in zip(store, tot)))


def lstm_ref(x, h_prev, c_prev, Wx, Wh, b, inj=None):
    inj = inj or {}
    H = h_prev.shape[1]
    A = x @ Wx + h_prev @ Wh + b + inj.get("A", 0)
    f = sig(A[:, :H]) + inj.get("f", 0)
    g = np.tanh(A[:, H:2 * H]) + inj.get("g", 0)
    i = sig(A[:, 2 * H:3 * H]) + inj.get("i", 0)
    o = sig(A[:, 3 * H:]) + inj.get("o", 0)
    c = f * c_prev + g * i + inj.get("c", 0)
    h = o * np.tanh(c)
    return dict(A=A, f=f, g=g, i=i, o=o, c=c, h=h)


def lstm_cases(seed):
    rng = np.random.default_rng(seed)
    N, D, H, T = 2, 3, 4, 4
    Wx, Wh, b = rng.normal(size=(D, 4 * H)), rng.normal(size=(H, 4 * H)) * 0.7, rng.normal(size=4 * H)
    x, h_prev, c_prev = rng.normal(size=(N, D)), rng.normal(size=(N, H)), rng.normal(size=(N, H))
    Gh, Gc = rng.normal(size=(N, H)), rng.normal(size=(N, H))
    r = lstm_ref(x, h_prev, c_prev, Wx, Wh, b)
    A = np.matmul(x, Wx) + np.matmul(h_prev, Wh) + b
    put(134, close(A, r["A"]))
    put(137, close(A[:, :H], r["A"][:, :H]))
    put(138, close(A[: H:2*H], r["A"][:, H:2 * H]))
    put(139, close(A[:, 2*H:3*H], r["A"][:, 2 * H:3 * H]))
    put(140, close(A[:, 3*H:], r["A"][:, 3 * H:]))
    put(142, close(sig(r["A"][:, :H]), r["f"]))
    put(143, close(np.tanh(r["A"][:, H:2 * H]), r["g"]))
    put(144, close(sig(r["A"][:, 2 * H:3 * H]), r["i"]))
    put(145, close(sig(r["A"][:, 3 * H:]), r["o"]))
    f, g, i, o = r["f"], r["g"], r["i"], r["o"]
    put(148, close(f * c_prev + g * i, r["c"]))
    put(149, close(o * np.tanh(r["c"]), r["h"]))
    # line 151: the cache slot that backward unpacks as c_prev holds h_next
    cache = (x, h_prev, r["h"], i, f, g, o, r["c"])
    put(151, close(cache[2], c_prev))
    # backward with TRUE upstream values: exec the author's LSTM.backward on a correct cache
    def L(inj=None, **kw):
        args = dict(x=x, h_prev=h_prev, c_prev=c_prev, Wx=Wx, Wh=Wh, b=b); args.update(kw)
        q = lstm_ref(args["x"], args["h_prev"], args["c_prev"], args["Wx"], args["Wh"], args["b"], inj)
        return np.sum(Gh * q["h"]) + np.sum(Gc * q["c"])
    def d_inj(key, shape):
        gr = np.zeros(shape); d = np.zeros(shape)
        for idx in np.ndindex(*shape):
            d[idx] = EPS; fp = L({key: d}); d[idx] = -EPS; fm = L({key: d}); d[idx] = 0
            gr[idx] = (fp - fm) / (2 * EPS)
        return gr
    c_next = r["c"]
    tanh_c_next = np.tanh(c_next)
    put(159, close(tanh_c_next, np.tanh(r["c"])))
    ds = Gc + (Gh * o) * (1 - tanh_c_next ** 2)
    put(161, close(ds, d_inj("c", (N, H))))
    put(163, close(ds * f, numgrad(lambda: L(), c_prev)))
    di, df, do, dg = ds * g, ds * c_prev, Gh * tanh_c_next, ds * i
    put(165, close(di, d_inj("i", (N, H))))
    put(166, close(df, d_inj("f", (N, H))))
    put(167, close(do, d_inj("o", (N, H))))
    put(168, close(dg, d_inj("g", (N, H))))
    dA_true = d_inj("A", (N, 4 * H))
    put(170, close(di * i * (1 - i), dA_true[:, 2 * H:3 * H]))
    put(171, close(df * f * (1 - f), dA_true[:, :H]))
    put(172, close(do * o * (1 - o), dA_true[:, 3 * H:]))
    put(173, close(dg * (1 - g ** 2), dA_true[:, H:2 * H]))
    dA = np.hstack((df * f * (1 - f), dg * (1 - g ** 2), di * i * (1 - i), do * o * (1 - o)))
    put(175, close(dA, dA_true))
    lay = LSTM(Wx, Wh, b)
    lay.cache = (x, h_prev, c_prev, i, f, g, o, c_next)      # correct cache -> true upstream values
    dx, dh_prev, dc_prev = lay.backward(Gh, Gc)
    dWx, dWh, db = lay.grads
    put(177, close(dWh, numgrad(lambda: L(), Wh)))
    put(178, close(dWx, numgrad(lambda: L(), Wx)))
    put(179, close(db, numgrad(lambda: L(), b)))
    put(185, close(dx, numgrad(lambda: L(), x)))
    put(186, close(dh_prev, numgrad(lambda: L(), h_prev)))
    put(163, close(dc_prev, numgrad(lambda: L(), c_prev)))
    # TimeLSTM statements (fence 4 cannot run: dype=), with the author's LSTM.backward and correct caches
    xs, Gs = rng.normal(size=(N, T, D)), rng.normal(size=(N, T, H))
    def seq(inj_t=None, inj=None):
        h, c, hs, caches = np.zeros((N, H)), np.zeros((N, H)), [], []
        for t in range(T):
            q = lstm_ref(xs[:, t, :], h, c, Wx, Wh, b)
            caches.append((xs[:, t, :], h, c, q["i"], q["f"], q["g"], q["o"], q["c"]))
            h, c = q["h"] + (inj if inj_t == t else 0), q["c"]
            hs.append(h)
        return np.stack(hs, 1), caches
    hs, caches = seq()
    Lseq = lambda: np.sum(Gs * seq()[0])
    h, c = np.zeros((N, H)), np.zeros((N, H))
    for t in range(T):
        q = lstm_ref(xs[:, t, :], h, c, Wx, Wh, b); h, c = q["h"], q["c"]
        put(221, close(h, hs[:, t, :]))
    dxs_true = numgrad(Lseq, xs)
    tot = [numgrad(Lseq, Wx), numgrad(Lseq, Wh), numgrad(Lseq, b)]
    dh, dc, grads = 0, 0, [0, 0, 0]
    dxs = np.empty((N, T, D))
    for t in reversed(range(T)):
        lay = LSTM(Wx, Wh, b); lay.cache = caches[t]
        dx, dh, dc = lay.backward(Gs[:, t, :] + dh, dc)
        dxs[:, t, :] = dx
        for k, grad in enumerate(lay.grads):
            grads[k] += grad
    put(240, close(dxs, dxs_true))
    put(242, close(dxs, dxs_true))
    put(244, all(close(g_, t_) for g_, t_ in zip(grads, tot)))
    store = [np.zeros_like(Wx), np.zeros_like(Wh), np.zeros_like(b)]
    for k, grad in enumerate(grads):
        store[k][...] = grad
    put(247, all(close(s_, t_) for s_, t_ in zip(store, tot)))


def main():
    exp = json.load(open(os.path.join(HERE, "expected.json")))[FILE]
    for s in (0, 1, 2):
        rnn_cases(s)
        lstm_cases(s)
    assert set(map(int, exp)) == set(res), sorted(set(map(int, exp)) ^ set(res))
    agree = 0
    for ln in sorted(res):
        verdict = "OK" if res[ln] else "MISMATCH"
        want = exp[str(ln)]["expected"]
        ag = (verdict == "OK") == (want == "pass")
        agree += ag
        print(f"line {ln}: {verdict} (expected {want}) {'agree' if ag else 'DISAGREE'}")
    print(f"{agree}/{len(res)} verdicts agree with expected.json")


if __name__ == "__main__":
    main()
