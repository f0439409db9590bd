# Finite-difference check of gru_seq2seq_numpy.md (JotaniyaKeyur/gru-from-scratch-translation).
# numpy only. The first python fence (src/utils.py) is executed verbatim. gru_step_backward reads
# Wzx, Wrx, Whx as free (global) names; as in the single-namespace script the repository was split
# from, those globals are the ENCODER's input weights (train.py names the encoder weights Wzx, Wrx, Whx).
# The train() body (second fence) is re-typed below line by line (it cannot run as published: it needs
# the dataset, tqdm and a one-argument ids_to_embeddings).
import re, numpy as np

md = open(__file__.replace("fd_", "").replace(".py", ".md")).read()
fences = re.findall(r"```python\n(.*?)```", md, re.S)
rng = np.random.default_rng(1)
V, D, H = 9, 3, 4
def rn(*s): return rng.normal(size=s) * 0.7
P = {}
for suf in ["", "_dec"]:
    for g in "zrh":
        P[f"W{g}x{suf}"] = rn(H, D); P[f"W{g}h{suf}"] = rn(H, H); P[f"b{g}{suf}"] = rn(H, 1)
P["Wo"] = rn(V, H); P["bo"] = rn(V, 1); P["E"] = rn(V, D)

G = {"np": np}
exec(compile(fences[0], "utils_fence", "exec"), G)
gru_step_forward, gru_step_backward, softmax, make_decoder_io = (G[k] for k in
    ["gru_step_forward", "gru_step_backward", "softmax", "make_decoder_io"])

input_ids = [1, 2, 3]          # encoder tokens
target_ids = [5, 6, 7]         # decoder targets; bos = 4  -> decoder inputs [4, 5, 6]
bos_token_id, pad_token_id = 4, None

def run(P, want_grads=True):
    G.update(Wzx=P["Wzx"], Wrx=P["Wrx"], Whx=P["Whx"])   # globals seen by gru_step_backward
    E = P["E"]; ids_to_embeddings = lambda ids: E[np.array(ids, dtype=np.int64)]
    src_sentence = ids_to_embeddings(input_ids)
    decoder_input_ids, decoder_target_ids = make_decoder_io(target_ids, bos_token_id)
    decoder_input_embs = ids_to_embeddings(decoder_input_ids)
    h_enc = np.zeros((H, 1)); encoder_caches = []
    for t in range(len(src_sentence)):
        x_t = src_sentence[t].reshape(-1, 1)
        h_enc, cache = gru_step_forward(x_t, h_enc, P["Wzx"], P["Wzh"], P["bz"], P["Wrx"], P["Wrh"], P["br"],
                                        P["Whx"], P["Whh"], P["bh"])
        encoder_caches.append(cache)
    context = h_enc.copy(); h_dec = context
    decoder_caches, probs_list = [], []; loss = 0.0
    for t in range(len(decoder_input_embs)):
        x_t = decoder_input_embs[t].reshape(-1, 1)
        h_dec, cache = gru_step_forward(x_t, h_dec, P["Wzx_dec"], P["Wzh_dec"], P["bz_dec"], P["Wrx_dec"],
                                        P["Wrh_dec"], P["br_dec"], P["Whx_dec"], P["Whh_dec"], P["bh_dec"])
        logits = P["Wo"] @ h_dec + P["bo"]; probs = softmax(logits)
        y_true = decoder_target_ids[t]
        loss -= np.log(probs[y_true, 0] + 1e-9)
        decoder_caches.append(cache); probs_list.append(probs)
    if not want_grads:
        return loss
    dG = {k: np.zeros_like(v) for k, v in P.items()}
    dh_next = np.zeros((H, 1))
    for t in reversed(range(len(decoder_caches))):
        probs = probs_list[t].copy(); y_true = decoder_target_ids[t]
        probs[y_true, 0] -= 1.0
        h_t = decoder_caches[t]["h_t"]
        dG["Wo"] += probs @ h_t.T; dG["bo"] += probs
        dh = P["Wo"].T @ probs + dh_next
        grads = gru_step_backward(dh, decoder_caches[t], P["Wzh_dec"], P["Wrh_dec"], P["Whh_dec"])
        for g in "zrh":
            dG[f"W{g}x_dec"] += grads[f"dW{g}x"]; dG[f"W{g}h_dec"] += grads[f"dW{g}h"]; dG[f"b{g}_dec"] += grads[f"db{g}"]
        dh_next = grads["dh_prev"]
        dG["E"][decoder_input_ids[t]] += grads["dx"].reshape(-1)
    dh_enc = dh_next
    for t in reversed(range(len(encoder_caches))):
        grads = gru_step_backward(dh_enc, encoder_caches[t], P["Wzh"], P["Wrh"], P["Whh"])
        for g in "zrh":
            dG[f"W{g}x"] += grads[f"dW{g}x"]; dG[f"W{g}h"] += grads[f"dW{g}h"]; dG[f"b{g}"] += grads[f"db{g}"]
        dh_enc = grads["dh_prev"]
        dG["E"][input_ids[t]] += grads["dx"].reshape(-1)
    return loss, dG

def fd(key, eps=1e-6):
    g = np.zeros_like(P[key])
    for idx in np.ndindex(P[key].shape):
        o = P[key][idx]
        P[key][idx] = o + eps; lp = run(P, False)
        P[key][idx] = o - eps; lm = run(P, False)
        P[key][idx] = o; g[idx] = (lp - lm) / (2 * eps)
    return g

def rep(label, a, b):
    ok = np.allclose(a, b, atol=1e-6, rtol=1e-4)
    print(f"{label:62s} {'AGREE' if ok else 'DISAGREE'}  max|diff|={np.max(np.abs(a-b)):.2e}")

loss, dG = run(P)
print("== whole seq2seq (L = -sum log p), author's accumulated gradients vs FD ==")
for k in sorted(P):
    if k != "E":
        rep(f"d{k}", dG[k], fd(k))
fE = fd("E")
rep("dE rows of encoder tokens 1,2,3 (dx via encoder Wzx,Wrx,Whx)", dG["E"][[1, 2, 3]], fE[[1, 2, 3]])
rep("dE rows of decoder-input tokens 4,5,6 (L85-87 use encoder W*x)", dG["E"][[4, 5, 6]], fE[[4, 5, 6]])

# single-step check of every line of gru_step_backward, J = sum(Gt * h_t), with hooks on intermediates
print("== one GRU step, J = sum(Gt*h_t): each backward line vs FD of its quantity ==")
x = rn(D, 1); hp = rn(H, 1); Gt = rn(H, 1)
Wzx, Wzh, bz, Wrx, Wrh, br, Whx, Whh, bh = rn(H, D), rn(H, H), rn(H, 1), rn(H, D), rn(H, H), rn(H, 1), rn(H, D), rn(H, H), rn(H, 1)
def step(x, hp, hook=None):
    def hk(name, v): return v + hook[1] if hook and hook[0] == name else v
    az = hk("az", Wzx @ x + Wzh @ hp + bz); z = hk("z", 1 / (1 + np.exp(-az)))
    ar = hk("ar", Wrx @ x + Wrh @ hp + br); r = hk("r", 1 / (1 + np.exp(-ar)))
    rh = hk("rh", r * hp)
    ah = hk("ah", Whx @ x + Whh @ rh + bh); hh = hk("hh", np.tanh(ah))
    return np.sum(Gt * ((1 - z) * hp + z * hh))
def fdh(name, n=H, eps=1e-6):
    g = np.zeros((n, 1))
    for k in range(n):
        e = np.zeros((n, 1)); e[k] = eps
        g[k] = (step(x, hp, (name, e)) - step(x, hp, (name, -e))) / (2 * eps)
    return g
def fdv(which, eps=1e-6):
    base = x if which == "x" else hp; g = np.zeros_like(base)
    for k in range(base.shape[0]):
        e = np.zeros_like(base); e[k] = eps
        if which == "x": g[k] = (step(x + e, hp) - step(x - e, hp)) / (2 * eps)
        else: g[k] = (step(x, hp + e) - step(x, hp - e)) / (2 * eps)
    return g
G.update(Wzx=Wzx, Wrx=Wrx, Whx=Whx)        # here the globals ARE this step's weights
_, cache = gru_step_forward(x, hp, Wzx, Wzh, bz, Wrx, Wrh, br, Whx, Whh, bh)
gr = gru_step_backward(Gt, cache, Wzh, Wrh, Whh)
z, r, hh = cache["z"], cache["r"], cache["h_hat"]
dh_hat = Gt * z; dz = Gt * (hh - hp); dah = dh_hat * (1 - hh**2); d_rhprev = Whh.T @ dah
dr = d_rhprev * hp; dar = dr * r * (1 - r); daz = dz * z * (1 - z)
rep("L51 dh_hat = dh_t*z", dh_hat, fdh("hh"))
rep("L52 dz = dh_t*(h_hat-h_prev)", dz, fdh("z"))
rep("L56 dah", dah, fdh("ah"))
rep("L63 d_rhprev = Whh.T@dah", d_rhprev, fdh("rh"))
rep("L64 dr", dr, fdh("r"))
rep("L68 dar", dar, fdh("ar"))
rep("L76 daz", daz, fdh("az"))
rep("L53+65+73+81 dh_prev (total)", gr["dh_prev"], fdv("h"))
rep("L84-87 dx when globals = this step's W*x", gr["dx"], fdv("x"))
G.update(Wzx=rn(H, D), Wrx=rn(H, D), Whx=rn(H, D))   # decoder situation: globals are other matrices
gr2 = gru_step_backward(Gt, cache, Wzh, Wrh, Whh)
rep("L84-87 dx when globals are another cell's W*x (decoder call)", gr2["dx"], fdv("x"))
