# source: public GitHub Python file held by the code-search index as file id 184365930 (26,535 characters; the index does not name its repository, author or date; its data paths point to a local folder '../kojimayu'), a Japanese-commented single-file build of an "AttentionおよびGRU搭載型Seq2Seq" following Saito's ゼロから作るDeep Learning 2 (data loader, Adam, Trainer, layers, GRU, attention, seq2seq). Kept verbatim: the three title comment lines and the import block at the top of the file, the function sigmoid, and the classes GRU and TimeGRU. Cut as whole sections: load_data/get_vocab, Adam, Trainer, clip_grads, remove_duplicate, eval_seq2seq, softmax, TimeSoftmaxWithLoss, TimeAffine, Embedding, TimeEmbedding, and everything after TimeGRU (Softmax, WeightSum, AttentionWeight, Attention, TimeAttention, the encoder/decoder/seq2seq classes).
# AttentionおよびGRU搭載型Seq2Seqの構築
# 概要
# Seq2SeqにAttention層を加え、さらに通常のRNNやLSTMではなくGRUを搭載したものを構築

import sys
sys.path.append('../kojimayu')
import numpy as np
import matplotlib.pyplot as plt
import time
import pickle
import os
import os.path

def sigmoid(x):
    return 1 / (1 + np.exp(-x))

# Attention and GRU
class GRU:
    def __init__(self, Wx, Wh, b):
        self.params = [Wx, Wh, b]
        self.grads = [np.zeros_like(Wx), np.zeros_like(Wh), np.zeros_like(b)]
        self.cache = None

    def forward(self, x, h_prev):
        '''
        それぞれのデータの形状は以下の通り(計算上最後に求める形状に問題がない事が分かる)
        各パラメータは3つ分を集約
        x = N * D , Wx = D * 3H
        h_prev = N * H , Wh = H * 3H , b = 1 * 3H
        '''
        Wx, Wh, b = self.params
        H = Wh.shape[0]
        # Wx, Wh のパラメータを3つに分ける(z, r, h)
        Wxz, Wxr, Wxh = Wx[:, :H], Wx[:, H:2 * H], Wx[:, 2 * H:]
        Whz, Whr, Whh = Wh[:, :H], Wh[:, H:2 * H], Wh[:, 2 * H:]
        bz, br, bh = b[:H], b[H:2 * H], b[2 * H:]

        # GRU 内部の要素である z, r, h_hat を公式で算出
        z = sigmoid(np.dot(x, Wxz) + np.dot(h_prev, Whz) + bz)
        r = sigmoid(np.dot(x, Wxr) + np.dot(h_prev, Whr) + br)
        h_hat = np.tanh(np.dot(x, Wxh) + np.dot(r * h_prev, Whh) + bh)

        # z, r, h_hat を使い h_next を公式で算出(GRU の最後の計算)
        h_next = (1 - z) * h_prev + z * h_hat

        self.cache = (x, h_prev, z, r, h_hat)

        return h_next

    def backward(self, dh_next):
        Wx, Wh, b = self.params
        H = Wh.shape[0]
        # forward と同様にパラメータを3つに分ける(z, r, h) <ただしバイアスはいらない>
        Wxz, Wxr, Wxh = Wx[:, :H], Wx[:, H:2 * H], Wx[:, 2 * H:]
        Whz, Whr, Whh = Wh[:, :H], Wh[:, H:2 * H], Wh[:, 2 * H:]
        x, h_prev, z, r, h_hat = self.cache

        # forward で行った計算の逆伝播
        dh_hat = dh_next * z
        dh_prev = dh_next * (1 - z) # ①

        # dh_hat の逆伝播 <np.tanh() の逆伝播>
        dt = dh_hat * (1 - h_hat ** 2)
        dbh = np.sum(dt, axis=0) # bh の勾配 : (H,) の形状に戻すために axis=0 方向に合計
        dWhh = np.dot((r * h_prev).T, dt) # Wh の勾配 : 転置を行い乗算
        dhr = np.dot(dt, Whh.T) # (r * h_prev) の勾配 : 転置を行い乗算
        dWxh = np.dot(x.T, dt) # Wxh の勾配 : 転置を行い乗算
        dx = np.dot(dt, Wxh.T) # x の勾配 : 転置を行い乗算
        dh_prev += r * dhr # ①で出した dh_prev に加算

        # z の backward
        dz = dh_next * h_hat - dh_next * h_prev # h_next の算出計算の逆伝播
        dt = dz * z * (1 - z) # sigmoid の逆伝播公式
        dbz = np.sum(dt, axis=0)
        dWhz = np.dot(h_prev.T, dt)
        dh_prev += np.dot(dt, Whz.T) # ①で出した dh_prev に加算
        dWxz = np.dot(x.T, dt)
        dx += np.dot(dt, Wxz.T) # dx をまとめるため加算

        # r の backward
        dr = dhr * h_prev
        dt = dr * r * (1 - r) # sigmoid の逆伝播
        dbr = np.sum(dt, axis=0)
        dWhr = np.dot(h_prev.T, dt)
        dh_prev += np.dot(dt, Whr.T)
        dWxr = np.dot(x.T, dt)
        dx += np.dot(dt, Wxr.T) # dx をまとめるため加算

        # 引数に与えた配列を横方向に連結 (縦方向に連結する時 np.vstack())
        self.dWx = np.hstack((dWxz, dWxr, dWxh))
        self.dWh = np.hstack((dWhz, dWhr, dWhh))
        self.db = np.hstack((dbz, dbr, dbh))

        # grads を上書き
        self.grads[0][...] = self.dWx
        self.grads[1][...] = self.dWh
        self.grads[2][...] = self.db

        return dx, dh_prev

class TimeGRU:
    def __init__(self, Wx, Wh, b, stateful=False):
        self.params = [Wx, Wh, b]
        self.grads = [np.zeros_like(Wx), np.zeros_like(Wh), np.zeros_like(b)]
        self.layers = None
        self.h, self.dh = None, None
        self.stateful = stateful

    def forward(self, xs):
        Wx, Wh, b = self.params
        N, T, D = xs.shape
        H = Wh.shape[0]
        self.layers = []
        hs = np.empty((N, T, H), dtype='f')

        if not self.stateful or self.h is None:
            self.h = np.zeros((N, H), dtype='f')

        for t in range(T): # T回繰り返す(時系列データ分)
            layer = GRU(* self.params)
            self.h = layer.forward(xs[:, t, :], self.h)
            hs[:, t, :] = self.h
            self.layers.append(layer)
        return hs

    def backward(self, dhs):
        Wx, Wh, b = self.params
        N, T, H = dhs.shape
        D = Wx.shape[0]

        dxs = np.empty((N, T, D), dtype='f')

        dh = 0
        grads = [0, 0, 0]
        for t in reversed(range(T)):
            layer = self.layers[t]
            dx, dh = layer.backward(dhs[:, t, :] + dh)
            dxs[:, t, :] = dx

            for i, grad in enumerate(layer.grads):
                grads[i] += grad

        for i, grad in enumerate(grads):
            self.grads[i][...] = grad

        self.dh = dh
        return dxs

    def set_state(self, h):
        self.h = h

    def reset_state(self):
        self.h = None
