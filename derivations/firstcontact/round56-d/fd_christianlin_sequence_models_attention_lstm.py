"""Small helpers shared by the fd_*.py scripts of this directory (numpy only)."""
import re, sys, copy
import numpy as np


def code_blocks(md_path):
    """Return [(first_line_number, code_text)] of the ```python fences of a .md file (1-based line numbers of the code)."""
    lines = open(md_path, encoding="utf-8").read().split("\n")
    out, i = [], 0
    while i < len(lines):
        if lines[i].strip().startswith("```python"):
            j = i + 1
            while not lines[j].strip().startswith("```"):
                j += 1
            out.append((i + 2, "\n".join(lines[i + 1:j])))
            i = j
        i += 1
    return out


def exec_block_at(code, first_line, g, filename):
    """exec code so that its line numbers equal the .md line numbers."""
    src = "\n" * (first_line - 1) + code
    exec(compile(src, filename, "exec"), g)


def snap(v):
    if isinstance(v, np.ndarray):
        return v.copy()
    if isinstance(v, (int, float, np.floating)):
        return v
    return None


class Tracer:
    """Record, for a given function (by code filename), the locals after each executed line.
    records: list of (line_number, dict_of_array_locals) in execution order."""

    def __init__(self, filename, funcnames):
        self.filename, self.funcnames, self.records = filename, set(funcnames), []

    def _local(self, frame, event, arg):
        if event in ("line", "return"):
            if self._prev is not None:
                d = {k: snap(v) for k, v in frame.f_locals.items()}
                self.records.append((self._prev[0], self._prev[1], {k: v for k, v in d.items() if v is not None}))
            self._prev = (frame.f_lineno, frame.f_code.co_name) if event == "line" else None
        return self._local

    def _global(self, frame, event, arg):
        if frame.f_code.co_filename == self.filename and frame.f_code.co_name in self.funcnames:
            self._prev = None
            return self._local
        return None

    def run(self, fn, *a, **k):
        sys.settrace(self._global)
        try:
            return fn(*a, **k)
        finally:
            sys.settrace(None)

    def after(self, line, func=None):
        """list of locals snapshots recorded right after `line` executed (one per execution)."""
        return [d for (l, f, d) in self.records if l == line and (func is None or f == func)]


def fd_grad(f, x, h=1e-6):
    """central differences of scalar f() wrt array x (modified in place)."""
    g = np.zeros_like(x, dtype=float)
    it = np.nditer(x, flags=["multi_index"])
    for _ in it:
        i = it.multi_index
        old = x[i]
        x[i] = old + h; fp = f()
        x[i] = old - h; fm = f()
        x[i] = old
        g[i] = (fp - fm) / (2 * h)
    return g


class Report:
    def __init__(self, expected):
        self.expected, self.bad, self.seen = expected, [], set()

    def check(self, line, ok_numeric, detail=""):
        """ok_numeric: True if the line's claim agrees numerically with the true quantity."""
        line = str(line)
        exp = self.expected[line]["expected"]
        num = "pass" if ok_numeric else "fail"
        self.seen.add(line)
        flag = "" if exp == num else "   <-- DISAGREES"
        print(f"line {line}: expected {exp}, numeric {num} {detail}{flag}")
        if exp != num:
            self.bad.append(line)

    def finish(self, must_cover=None):
        missing = [l for l in self.expected if l not in self.seen]
        if missing:
            print("annotated lines without a numeric check (rule-level / definition lines):", ", ".join(sorted(missing, key=int)))
        if self.bad:
            print("DISAGREEMENTS:", self.bad)
            sys.exit(1)
        print("all checked lines agree with expected.json")
        sys.exit(0)


def close(a, b, tol=1e-5):
    a, b = np.asarray(a, float), np.asarray(b, float)
    if a.shape != b.shape:
        try:
            b = b.reshape(a.shape)
        except Exception:
            return False
    return np.allclose(a, b, rtol=tol, atol=tol)


def runs(tr, span):
    """(index_before, index_after) of each maximal run of consecutive records whose line is in span
    (a multi-line statement may report several of its lines)."""
    span = set(span); out = []; i = 0; rec = tr.records
    while i < len(rec):
        if rec[i][0] in span:
            j = i
            while j + 1 < len(rec) and rec[j + 1][0] in span:
                j += 1
            out.append((i - 1, j)); i = j + 1
        else:
            i += 1
    return out


def after_span(tr, span):
    """locals right after each execution of the statement covering the lines in span."""
    return [tr.records[j][2] for (_, j) in runs(tr, span)]


def incr_ok(tr, line, var, contrib, ts, sl=None, tvar="t", span=None):
    """the increment of `var` made by each execution of the statement at `line` equals contrib(t)."""
    rr = runs(tr, span or [line])
    okk = True
    for (i0, j) in rr:
        d_after, d_before = tr.records[j][2], tr.records[i0][2]
        t = d_after.get(tvar)
        if t not in ts:
            continue
        inc = d_after[var] - d_before[var]
        if sl is not None:
            inc = inc[sl]
        okk &= close(inc, contrib(t))
    return okk and len(rr) > 0

# ---------------------------------------------------------------------------
# fd check of christianlin_sequence_models_attention_lstm.md
import os, json
import numpy as np
HERE = os.path.dirname(os.path.abspath(__file__))
NAME = "christianlin_sequence_models_attention_lstm.md"
MD = os.path.join(HERE, NAME)
EXP = json.load(open(os.path.join(HERE, "expected.json")))[NAME]
R = Report(EXP)
M = lambda fl: fl + 2          # file line -> md line
rng = np.random.default_rng(3)
g = {"__name__": "seqmodels"}
for first, code in code_blocks(MD):
    exec_block_at(code, first, g, MD)
B, T, Em, Hd, K, V, Ad = 2, 3, 2, 3, 3, 5, 3
seqs = np.array([[1, 4, 2], [3, 0, 4]]); labels = np.array([2, 0])
sig = lambda z: 1 / (1 + np.exp(-z))

def ce(logits):
    z = logits - logits.max(axis=1, keepdims=True); p = np.exp(z); p /= p.sum(axis=1, keepdims=True)
    return -np.mean(np.log(p[np.arange(B), labels])), p

def randomize(m, names):
    for n in names:
        setattr(m, n, rng.normal(size=getattr(m, n).shape) * 0.7)

def fdp(model, names, lossfn):
    out = {}
    for n in names:
        x = getattr(model, n)
        out[n] = fd_grad(lambda: lossfn(), x)
    return out

# ======================= SimpleRNN =======================
rnn = g["SimpleRNNClassifier"](V, Em, Hd, K, T)
randomize(rnn, ["embeddings", "W_xh", "W_hh", "b_h", "W_out", "b_out"])
def rnn_ref(eps=None, keep=None):
    eps = eps or {}; E = lambda k, x: x + eps[k] if k in eps else x
    emb = rnn.embeddings[seqs]; h = np.zeros((B, Hd))
    for t in range(T):
        x = E(("x", t), emb[:, t, :]); hm = E(("hmsg", t), h)
        a = E(("a", t), x @ rnn.W_xh + hm @ rnn.W_hh + rnn.b_h)
        h = E(("h", t), np.tanh(a))
        if keep is not None: keep[t] = dict(x=x, h=h, hp=hm)
    lg = E(("lg",), h @ rnn.W_out + rnn.b_out)
    return ce(lg)[0]
STr = {}; rnn_ref(keep=STr)
out, cache = rnn.forward(seqs)
fw = close(ce(out)[0], rnn_ref()) and close(rnn.compute_loss(out, labels), rnn_ref())
for fl in [20, 26, 34, 35, 36, 103, 115, 155, 158, 161, 244, 247, 253, 256, 260, 261]:
    R.check(M(fl), fw, "(forward/loss equal the independent reference)")
FDr = {}
for t in range(T):
    for k, shp in [("x", (B, Em)), ("hmsg", (B, Hd)), ("a", (B, Hd)), ("h", (B, Hd))]:
        z = np.zeros(shp); FDr[(k, t)] = fd_grad(lambda: rnn_ref({(k, t): z}), z)
z = np.zeros((B, K)); FDr["lg"] = fd_grad(lambda: rnn_ref({("lg",): z}), z)
FDPr = fdp(rnn, ["W_xh", "W_hh", "b_h", "W_out", "b_out"], rnn_ref)
tr = Tracer(MD, ["backward"])
gr = tr.run(rnn.backward, seqs, labels, out, cache)
a1 = tr.after(M(288))[0]["probs"]; p = ce(out)[1]
R.check(M(288), close(a1, p)); R.check(M(289), close(tr.after(M(289))[0]["d_outputs"], p))
R.check(M(290), close(tr.after(M(290))[0]["d_outputs"], FDr["lg"] * B))
R.check(M(291), close(tr.after(M(291))[0]["d_outputs"], FDr["lg"]))
R.check(M(294), close(gr["dW_out"], FDPr["W_out"])); R.check(M(295), close(gr["db_out"], FDPr["b_out"]))
R.check(M(298), close(tr.after(M(298))[0]["d_final_hidden"], FDr[("h", T - 1)]))
R.check(M(307), close(tr.after(M(307))[0]["d_h_next"], FDr[("h", T - 1)]))
R.check(M(315), all(close(r["d_h_raw"], FDr[("a", r["t"])]) for r in tr.after(M(315))))
R.check(M(318), incr_ok(tr, M(318), "dW_xh", lambda t: STr[t]["x"].T @ FDr[("a", t)], range(T)) and close(gr["dW_xh"], FDPr["W_xh"]))
R.check(M(319), incr_ok(tr, M(319), "dW_hh", lambda t: STr[t]["hp"].T @ FDr[("a", t)], range(T), span=[M(319), M(320)]) and close(gr["dW_hh"], FDPr["W_hh"]))
R.check(M(321), incr_ok(tr, M(321), "db_h", lambda t: FDr[("a", t)].sum(axis=0), range(T)) and close(gr["db_h"], FDPr["b_h"]))
R.check(M(324), all(close(gr["d_embeddings"][:, t, :], FDr[("x", t)]) for t in range(T)))
R.check(M(328), all(close(r["d_h_next"], FDr[("hmsg", r["t"])]) for r in tr.after(M(328))) and len(tr.after(M(328))) == T - 1)

# ======================= LSTM =======================
def lstm_ref(m, eps=None, keep=None, attention=False):
    eps = eps or {}; E = lambda k, x: x + eps[k] if k in eps else x
    emb = m.embeddings[seqs]; h = np.zeros((B, Hd)); c = np.zeros((B, Hd)); hs = []
    for t in range(T):
        x = E(("x", t), emb[:, t, :]); hm = E(("hmsg", t), h); cm = E(("cmsg", t), c)
        comb = E(("comb", t), np.hstack([x, hm]))
        pf = E(("pf", t), comb @ m.W_f + m.b_f); pi = E(("pi", t), comb @ m.W_i + m.b_i)
        po = E(("po", t), comb @ m.W_o + m.b_o); pg = E(("pg", t), comb @ m.W_c + m.b_c)
        f = E(("f", t), sig(pf)); i = E(("i", t), sig(pi)); o = E(("o", t), sig(po)); gg = E(("g", t), np.tanh(pg))
        c = E(("c", t), f * cm + i * gg)
        h = E(("h", t), o * np.tanh(c))
        hs.append(h)
        if keep is not None: keep[t] = dict(comb=comb, f=f, i=i, o=o, g=gg, c=c, h=h, cp=cm)
    if not attention:
        lg = E(("lg",), h @ m.W_out + m.b_out)
        return ce(lg)[0]
    Hm = np.stack(hs, axis=1)
    Hctx = E(("Hctx",), Hm); Hsc = E(("Hsc",), Hm)
    Hf = Hsc.reshape(-1, Hd)
    ar = E(("ar",), Hf @ m.W_att + m.b_att); u = E(("u",), np.tanh(ar))
    sc = E(("sc",), (u @ m.v_att).reshape(B, T))
    z = sc - sc.max(axis=1, keepdims=True); al = np.exp(z); al /= al.sum(axis=1, keepdims=True)
    al = E(("al",), al)
    ctx = E(("ctx",), np.sum(Hctx * al[:, :, None], axis=1))
    lg = E(("lg",), ctx @ m.W_out + m.b_out)
    if keep is not None: keep["H"] = Hm; keep["u"] = u; keep["al"] = al; keep["ctx"] = ctx
    return ce(lg)[0]

LN = ["embeddings", "W_f", "b_f", "W_i", "b_i", "W_o", "b_o", "W_c", "b_c", "W_out", "b_out"]
lst = g["LSTMClassifier"](V, Em, Hd, K, T); randomize(lst, LN)
STl = {}; lstm_ref(lst, keep=STl)
out, cache = lst.forward(seqs)
fw = close(ce(out)[0], lstm_ref(lst))
for fl in [390, 393, 394, 395, 396, 399, 402, 431, 434, 435, 443, 444, 451, 452]:
    R.check(M(fl), fw, "(forward equals the independent reference)")
def fd_states(m, att):
    F = {}
    keys = [("x", (B, Em)), ("hmsg", (B, Hd)), ("cmsg", (B, Hd)), ("comb", (B, Em + Hd)), ("pf", (B, Hd)), ("pi", (B, Hd)), ("po", (B, Hd)), ("pg", (B, Hd)),
            ("f", (B, Hd)), ("i", (B, Hd)), ("o", (B, Hd)), ("g", (B, Hd)), ("c", (B, Hd)), ("h", (B, Hd))]
    for t in range(T):
        for k, shp in keys:
            z = np.zeros(shp); F[(k, t)] = fd_grad(lambda: lstm_ref(m, {(k, t): z}, attention=att), z)
    z = np.zeros((B, K)); F["lg"] = fd_grad(lambda: lstm_ref(m, {("lg",): z}, attention=att), z)
    return F
FDl = fd_states(lst, False)
FDPl = fdp(lst, LN, lambda: lstm_ref(lst))
tr = Tracer(MD, ["backward"])
gl = tr.run(lst.backward, seqs, labels, out, cache)
p = ce(out)[1]
R.check(M(481), close(tr.after(M(481))[0]["probs"], p)); R.check(M(482), close(tr.after(M(482))[0]["d_outputs"], p))
R.check(M(483), close(tr.after(M(483))[0]["d_outputs"], FDl["lg"] * B)); R.check(M(484), close(tr.after(M(484))[0]["d_outputs"], FDl["lg"]))
R.check(M(487), close(gl["dW_out"], FDPl["W_out"])); R.check(M(488), close(gl["db_out"], FDPl["b_out"]))
R.check(M(491), close(tr.after(M(491))[0]["d_final_hidden"], FDl[("h", T - 1)]))
R.check(M(505), close(tr.after(M(505))[0]["d_h_next"], FDl[("h", T - 1)]))
R.check(M(506), close(tr.after(M(506))[0]["d_c_next"], 0 * FDl[("h", 0)]))
def per_t(line, var, key, F, trc):
    recs = after_span(trc, [M(line)] if line != 540 else [M(540), M(541), M(542), M(543)])
    return len(recs) == T and all(close(r[var], F[(key, r["t"])]) for r in recs)
for fl, v, k in [(512, "d_c_t", "c"), (515, "d_o_t", "o"), (516, "d_f_t", "f"), (517, "d_i_t", "i"), (518, "d_c_tilde", "g"),
                 (521, "d_o_raw", "po"), (522, "d_f_raw", "pf"), (523, "d_i_raw", "pi"), (524, "d_c_raw", "pg"),
                 (540, "d_combined", "comb"), (546, "d_x_t", "x"), (547, "d_h_prev", "hmsg"), (553, "d_h_next", "hmsg"), (554, "d_c_next", "cmsg")]:
    R.check(M(fl), per_t(fl, v, k, FDl, tr))
# 553 additionally: the message is the total gradient of h_{t-1}
for fl, var, W, pk in [(527, "dW_f", "W_f", "pf"), (530, "dW_i", "W_i", "pi"), (533, "dW_o", "W_o", "po"), (536, "dW_c", "W_c", "pg")]:
    R.check(M(fl), incr_ok(tr, M(fl), var, lambda t, pk=pk: STl[t]["comb"].T @ FDl[(pk, t)], range(T)) and close(gl[var], FDPl[W]))
for fl, var, bname, pk in [(528, "db_f", "b_f", "pf"), (531, "db_i", "b_i", "pi"), (534, "db_o", "b_o", "po"), (537, "db_c", "b_c", "pg")]:
    R.check(M(fl), incr_ok(tr, M(fl), var, lambda t, pk=pk: FDl[(pk, t)].sum(axis=0), range(T)) and close(gl[var], FDPl[bname]))
R.check(M(550), all(close(gl["d_embeddings"][:, t, :], FDl[("x", t)]) for t in range(T)))

# ======================= Attention LSTM =======================
AN = LN + ["W_att", "b_att", "v_att"]
att = g["AttentionLSTMClassifier"](V, Em, Hd, K, T, attention_dim=Ad); randomize(att, AN)
STa = {}; lstm_ref(att, keep=STa, attention=True)
out, cache = att.forward(seqs)
fw = close(ce(out)[0], lstm_ref(att, attention=True)) and close(cache["attention_weights"], STa["al"]) and close(cache["context"], STa["ctx"])
for fl in [616, 620, 623, 624, 627, 630, 646, 649, 652]:
    R.check(M(fl), fw, "(forward equals the independent reference)")
FDa = fd_states(att, True)
for k, shp in [("Hctx", (B, T, Hd)), ("Hsc", (B, T, Hd)), ("ar", (B * T, Ad)), ("u", (B * T, Ad)), ("sc", (B, T)), ("al", (B, T)), ("ctx", (B, Hd))]:
    z = np.zeros(shp); FDa[k] = fd_grad(lambda: lstm_ref(att, {(k,): z}, attention=True), z)
FDPa = fdp(att, AN, lambda: lstm_ref(att, attention=True))
tr = Tracer(MD, ["backward"])
ga = tr.run(att.backward, seqs, labels, out, cache)
L1 = lambda fl, v: [r for (l, f, r) in tr.records if l == M(fl)][0][v]
p = ce(out)[1]
R.check(M(679), close(L1(679, "probs"), p)); R.check(M(680), close(L1(680, "d_outputs"), p))
R.check(M(681), close(L1(681, "d_outputs"), FDa["lg"] * B)); R.check(M(682), close(L1(682, "d_outputs"), FDa["lg"]))
R.check(M(685), close(L1(685, "dW_out"), FDPa["W_out"])); R.check(M(686), close(L1(686, "db_out"), FDPa["b_out"]))
R.check(M(689), close(L1(689, "d_context"), FDa["ctx"]))
R.check(M(692), close(L1(692, "H"), STa["H"]))
R.check(M(696), close(L1(696, "d_att_weights"), FDa["al"]))
R.check(M(699), close(L1(699, "d_H_att"), FDa["Hctx"]))
R.check(M(702), close(L1(702, "d_att_scores"), FDa["sc"]))
R.check(M(705), close(L1(705, "H_flat"), STa["H"].reshape(-1, Hd))); R.check(M(706), close(L1(706, "att_hidden"), STa["u"]))
R.check(M(708), close(L1(708, "d_v_att"), FDPa["v_att"]))
R.check(M(709), close(L1(709, "d_att_hidden"), FDa["u"]))
R.check(M(712), close(L1(712, "d_att_raw"), FDa["ar"]))
R.check(M(714), close(L1(714, "dW_att"), FDPa["W_att"])); R.check(M(715), close(L1(715, "db_att"), FDPa["b_att"]))
R.check(M(718), close(L1(718, "d_H_att_network"), FDa["Hsc"]))
R.check(M(719), close(L1(719, "d_H_total"), FDa["Hctx"] + FDa["Hsc"]))
ok722 = all(close(ga[k], FDPa[n]) for k, n in [("dW_f", "W_f"), ("dW_i", "W_i"), ("dW_o", "W_o"), ("dW_c", "W_c"), ("db_f", "b_f")])
ok722 &= close(ga["d_embeddings"], np.stack([FDa[("x", t)] for t in range(T)], axis=1))
R.check(M(722), ok722, "(max |dW_f - FD| = %.3g)" % np.abs(ga["dW_f"] - FDPa["W_f"]).max())
R.check(M(725), close(ga["dW_out"], FDPa["W_out"]) and close(ga["db_out"], FDPa["b_out"]) and close(ga["dW_att"], FDPa["W_att"]) and close(ga["db_att"], FDPa["b_att"]) and close(ga["dv_att"], FDPa["v_att"]))
R.finish()
