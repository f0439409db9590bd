# source: https://github.com/aidoraide/numpy-rnn/blob/9b6c048b12b1e5f951f82ac48cae6c68c9305735/train_rnn.py (GitHub user aidoraide (commit author "Aidan"), "numpy-rnn" / README "Basic RNN": word-level tanh RNN trained on the King James Bible; train_rnn.py last changed in a1eaf96 of 2019-12-18, HEAD 9b6c048 of 2019-12-19). Kept verbatim: original lines 1-10 (imports), 40-55 (VOCAB, c2i, onehot, getPredictedChar), 82-183 (softmax, dsoftmax, L2, d/v/seq_len, class Model: __init__, resetInternal, forward, backward, loss, step). Cut: model_path, regex2punc and tokenize (11-39: reading and tokenising bible.txt), verse-number printing helpers (56-81), the __main__ block (184-229: for each chunk of seq_len tokens x, y = data[i:i+seq_len], data[i+1:i+seq_len+1]; yOut = rnn.forward(x); l = rnn.loss(yOut, y) / len(y) is only smoothed and printed; g = rnn.backward(yOut, y); rnn.step(1e-1, *g) (Adagrad); rnn.resetInternal() keeps the last hidden state; then sampling).
import numpy as np
import math
import time
import re
import random
import sys
import os
import pickle
from collections import Counter

VOCAB = sorted(list(set(data)))
c2i = {c:i for i, c in enumerate(VOCAB)}
i2c = VOCAB
def clean(c):
    return c

def onehot(c):
    idx = c2i[clean(c)]
    x = np.zeros((len(VOCAB), 1), dtype=np.int32)
    x[idx] = 1
    return x

def getPredictedChar(yOut):
    idx = np.argmax(yOut)
    return i2c[idx]

def softmax(x):
    shiftx = x - x.max()
    exps = np.exp(shiftx)
    return exps/exps.sum()

def dsoftmax(x):
    shiftx = x - x.max()
    exps = np.exp(shiftx)
    sumExps = exps.sum()
    return ((sumExps - exps) * exps) / (sumExps**2)

def L2(w):
    lamb = 1e-5
    return lamb * w**2

d = 50
v = len(VOCAB)
seq_len = 50
class Model:
    def __init__(self):
        # Each char has a d x 1 vector
        # Ht = tanh(Wh xi + Uh h(t-1) + bh)
        # yt = softmax(Wy h(t) + by)

        self.Wh = np.eye(d, v) + np.random.randn(d, v) / d 
        self.Uh = np.eye(d, d) + np.random.randn(d, d) / d
        self.Wy = np.eye(v, d) + np.random.randn(v, d) / d
        self.bh = np.zeros((d, 1))
        self.by = np.zeros((v, 1))
        self.mWh = np.zeros_like(self.Wh)
        self.mUh = np.zeros_like(self.Uh)
        self.mbh = np.zeros_like(self.bh)
        self.mWy = np.zeros_like(self.Wy)
        self.mby = np.zeros_like(self.by)
        self.h = [np.zeros((d, 1))]
        self.xs = []


    def resetInternal(self, full=False):
        self.h = [np.zeros((d, 1)) if full else self.h[-1]]
        self.xs = []


    def forward(self, batch):
        ys = [None] * len(batch)
        for t, c in enumerate(batch):
            x = onehot(c)

            Whx = np.matmul(self.Wh, x)
            Uhht1 = np.matmul(self.Uh, self.h[-1])
            ht = np.tanh(Whx + Uhht1 + self.bh)
            Wyht = np.matmul(self.Wy, ht)
            y = softmax(Wyht + self.by)

            self.xs.append(x)
            self.h.append(ht)
            ys[t] = y

        return ys

    def backward(self, yOuts, yLabels):
        dWh = np.zeros_like(self.Wh)
        dUh = np.zeros_like(self.Uh)
        dbh = np.zeros_like(self.bh)
        dWy = np.zeros_like(self.Wy)
        dby =  np.zeros_like(self.by)
        dhnext = np.zeros_like(self.h[0])
        for t in reversed(range(len(yLabels))):
            # len(h) == len(yLabels) + 1 so handle the offset
            ht = self.h[t+1]
            htp = self.h[t]

            yLabel = onehot(yLabels[t])                # v x 1
            dy = yOuts[t] - yLabel                     # v x 1
            dby += dy                                  # v x 1
            dWy += np.matmul(dy, ht.T)                 # v x d
            dh = np.matmul(self.Wy.T, dy) + dhnext     # d x 1
            dhraw = (1 - ht * ht) * dh                 # d x 1
            dbh += dhraw
            dUh += np.matmul(dhraw, htp.T)             # d x d
            dWh += np.matmul(dhraw, self.xs[t].T)      # d x v
            dhnext = np.matmul(self.Uh, dhraw)         # d x 1

        for dparam in [dWh, dUh, dWy, dbh, dby]:
            np.clip(dparam, -5, 5, out=dparam)

        return dWh + L2(self.Wh), dUh + L2(self.Uh), dbh + L2(self.bh), dWy + L2(self.Wy), dby + L2(self.by)

    def loss(self, yOuts, yLabels):
        loss = 0
        for t, c in enumerate(yLabels):
            yLabel = onehot(c)
            loss += ((yOuts[t] - yLabel)**2).sum()
        return loss

    def step(self, learning_rate, dWh, dUh, dbh, dWy, dby):
        for w, dw, m in zip([self.Wh, self.Uh, self.bh, self.Wy, self.by],
                            [dWh, dUh, dbh, dWy, dby],
                            [self.mWh, self.mUh, self.mbh, self.mWy, self.mby]):
            m += dw * dw
            w -= learning_rate * dw / (np.sqrt(m + 1e-8))

