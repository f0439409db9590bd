# source: public GitHub Python file story_rnn.py held by the code-search index as file id 63509089472 (26320 characters; the index does not name its repository, author or date; Russian-commented word-level GRU/RNN language model "пословная рекуррентная нейронная сеть на чистом NumPy, которая пишет не одну фразу, а целый рассказ"). Kept verbatim: the `from __future__`/numpy imports, sigmoid, VanillaCell, GRUCell, CELLS and StoryRNN.__init__/params/zero_state/loss_and_grads; cut: shebang, module docstring (usage), the other imports, tokenizer and Vocab, StoryRNN.step/save/load, sampling (pick_next), story generation and the command-line interface.
from __future__ import annotations

import numpy as np


# ---------------------------------------------------------------------------
# Ячейки
# ---------------------------------------------------------------------------
def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-np.clip(x, -60, 60)))


class VanillaCell:
    """h_t = tanh(Wx·x + Wh·h + b) — простая рекуррентная ячейка."""

    name = "rnn"

    def __init__(self, embed: int, hidden: int, rng):
        self.p = {
            "c_Wx": rng.standard_normal((hidden, embed)) / np.sqrt(embed),
            "c_Wh": rng.standard_normal((hidden, hidden)) / np.sqrt(hidden),
            "c_b": np.zeros((hidden, 1)),
        }

    def forward(self, x, h):
        hn = np.tanh(self.p["c_Wx"] @ x + self.p["c_Wh"] @ h + self.p["c_b"])
        return hn, (x, h, hn)

    def backward(self, dh, cache, g):
        x, h, hn = cache
        da = (1.0 - hn ** 2) * dh
        g["c_Wx"] += da @ x.T
        g["c_Wh"] += da @ h.T
        g["c_b"] += da
        return self.p["c_Wx"].T @ da, self.p["c_Wh"].T @ da


class GRUCell:
    """
    Вентильная ячейка GRU:

        z = σ(Wz·x + Uz·h + bz)          вентиль обновления: сколько взять нового
        r = σ(Wr·x + Ur·h + br)          вентиль сброса: сколько забыть старого
        ĥ = tanh(Wc·x + Uc·(r ⊙ h) + bc) кандидат нового состояния
        h' = (1 - z) ⊙ h + z ⊙ ĥ         смесь старого и нового

    Если z близко к нулю, состояние переносится дальше без изменений — так
    сеть удерживает героя и место действия на протяжении всего рассказа.
    """

    name = "gru"

    def __init__(self, embed: int, hidden: int, rng):
        def W(a, b):
            return rng.standard_normal((a, b)) / np.sqrt(b)

        self.p = {
            "c_Wz": W(hidden, embed), "c_Uz": W(hidden, hidden),
            "c_bz": np.zeros((hidden, 1)),
            "c_Wr": W(hidden, embed), "c_Ur": W(hidden, hidden),
            "c_br": np.zeros((hidden, 1)),
            "c_Wc": W(hidden, embed), "c_Uc": W(hidden, hidden),
            "c_bc": np.zeros((hidden, 1)),
        }

    def forward(self, x, h):
        p = self.p
        z = sigmoid(p["c_Wz"] @ x + p["c_Uz"] @ h + p["c_bz"])
        r = sigmoid(p["c_Wr"] @ x + p["c_Ur"] @ h + p["c_br"])
        rh = r * h
        c = np.tanh(p["c_Wc"] @ x + p["c_Uc"] @ rh + p["c_bc"])
        hn = (1.0 - z) * h + z * c
        return hn, (x, h, z, r, rh, c)

    def backward(self, dh, cache, g):
        p = self.p
        x, h, z, r, rh, c = cache

        dz = dh * (c - h)
        dc = dh * z
        dh_prev = dh * (1.0 - z)

        dc_raw = dc * (1.0 - c ** 2)
        g["c_Wc"] += dc_raw @ x.T
        g["c_Uc"] += dc_raw @ rh.T
        g["c_bc"] += dc_raw
        drh = p["c_Uc"].T @ dc_raw
        dr = drh * h
        dh_prev += drh * r

        dz_raw = dz * z * (1.0 - z)
        g["c_Wz"] += dz_raw @ x.T
        g["c_Uz"] += dz_raw @ h.T
        g["c_bz"] += dz_raw
        dh_prev += p["c_Uz"].T @ dz_raw

        dr_raw = dr * r * (1.0 - r)
        g["c_Wr"] += dr_raw @ x.T
        g["c_Ur"] += dr_raw @ h.T
        g["c_br"] += dr_raw
        dh_prev += p["c_Ur"].T @ dr_raw

        dx = (p["c_Wz"].T @ dz_raw + p["c_Wr"].T @ dr_raw + p["c_Wc"].T @ dc_raw)
        return dx, dh_prev


CELLS = {"rnn": VanillaCell, "gru": GRUCell}


# ---------------------------------------------------------------------------
# Модель
# ---------------------------------------------------------------------------
class StoryRNN:
    """Эмбеддинг слова → рекуррентная ячейка → softmax по словарю."""

    def __init__(self, vocab_size: int, hidden_size: int = 256,
                 embed_size: int = 96, cell: str = "gru", seed: int | None = None):
        rng = np.random.default_rng(seed)
        self.vocab_size = vocab_size
        self.hidden_size = hidden_size
        self.embed_size = embed_size
        self.cell_name = cell
        self.cell = CELLS[cell](embed_size, hidden_size, rng)

        self.E = rng.standard_normal((embed_size, vocab_size)) * 0.01
        self.Why = rng.standard_normal((vocab_size, hidden_size)) / np.sqrt(hidden_size)
        self.by = np.zeros((vocab_size, 1))

    @property
    def params(self) -> dict[str, np.ndarray]:
        return {"E": self.E, "Why": self.Why, "by": self.by, **self.cell.p}

    def zero_state(self) -> np.ndarray:
        return np.zeros((self.hidden_size, 1))

    # -- обучение ------------------------------------------------------------
    def loss_and_grads(self, inputs, targets, h_prev):
        hs, ps, caches = {-1: h_prev.copy()}, {}, {}
        loss = 0.0

        for t, idx in enumerate(inputs):
            x = self.E[:, idx:idx + 1]
            hs[t], caches[t] = self.cell.forward(x, hs[t - 1])
            y = self.Why @ hs[t] + self.by
            y -= y.max()
            e = np.exp(y)
            ps[t] = e / e.sum()
            loss += -np.log(ps[t][targets[t], 0] + 1e-12)

        grads = {k: np.zeros_like(v) for k, v in self.params.items()}
        dh_next = np.zeros_like(h_prev)

        for t in reversed(range(len(inputs))):
            dy = ps[t].copy()
            dy[targets[t], 0] -= 1.0
            grads["Why"] += dy @ hs[t].T
            grads["by"] += dy

            dh = self.Why.T @ dy + dh_next
            dx, dh_next = self.cell.backward(dh, caches[t], grads)
            grads["E"][:, inputs[t]] += dx.ravel()

        n = max(len(inputs), 1)
        for g in grads.values():
            g /= n
            np.clip(g, -5.0, 5.0, out=g)

        return loss / n, grads, hs[len(inputs) - 1]
