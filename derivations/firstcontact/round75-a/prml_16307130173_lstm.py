# source: https://github.com/ichn-hu/PRML-Spring19-Fudan/blob/1f7a1778fe6ce1c1bbad9d7f47f3d856f58a53c7/assignment-3/16307130173/mannual/lstm.py (student 16307130173, git author Cao275, commit "assignment 3" of 2019-05-26, Fudan University PRML Spring 2019 course repository, Assignment 3 hand-written numpy LSTM, folder mannual/). Kept verbatim: imports, helpers, class LSTM __init__, init_weight, init_status, foward, gate, predict, loss, init_grad, get_grad, grad_delta, cal_grad, update_weight; cut: save/load (original lines 37-51), embedding/train methods and the module-level training script (original lines 186-230).
import numpy as np
import word2vec
import torch
from torch import nn
from torch.autograd import Variable

def softmax(x):
    x = np.array(x)
    return np.exp(x - np.max(x)) / np.sum(np.exp(x - np.max(x)))

def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))

def tanh(x):
    return (np.exp(x) - np.exp(-x)) / (np.exp(x) + np.exp(-x))

class LSTM:
    def __init__(self, input_dim, embedding_dim, hidden_dim, output_dim, load_path = None):

        self.embed = torch.nn.Embedding(input_dim, embedding_dim)
        self.embedding_dim = embedding_dim
        self.hidden_dim = hidden_dim
        self.output_dim = output_dim

        self.Wi_h, self.Wi_x, self.bi = self.init_weight()
        self.Wf_h, self.Wf_x, self.bf = self.init_weight()
        self.Wo_h, self.Wo_x, self.bo = self.init_weight()
        self.Wc_h, self.Wc_x, self.bc = self.init_weight()  # for current input state
        self.Wy = np.random.uniform(-np.sqrt(1 / self.hidden_dim), np.sqrt(1 / self.hidden_dim),
                                    (self.output_dim, self.hidden_dim))
        self.by = np.random.uniform(-np.sqrt(1 / self.hidden_dim), np.sqrt(1 / self.hidden_dim),
                                    (self.output_dim, 1))

        if load_path != None:
            self.load(load_path)

    def init_weight(self):
        tmph = np.sqrt(1.0 / self.hidden_dim)
        tmpe = np.sqrt(1.0 / self.embedding_dim)

        h = np.random.uniform(-tmph, tmph, (self.hidden_dim, self.hidden_dim))
        x = np.random.uniform(-tmpe, tmpe, (self.hidden_dim, self.embedding_dim))
        b = np.random.uniform(-tmpe, tmpe, (self.hidden_dim, 1))

        return h, x, b

    def init_status(self, T):
        ig = np.array([np.zeros((self.hidden_dim, 1))] * (T + 1))
        fg = np.array([np.zeros((self.hidden_dim, 1))] * (T + 1))
        og = np.array([np.zeros((self.hidden_dim, 1))] * (T + 1))
        cig = np.array([np.zeros((self.hidden_dim, 1))] * (T + 1))
        hg = np.array([np.zeros((self.hidden_dim, 1))] * (T + 1))
        cg = np.array([np.zeros((self.hidden_dim, 1))] * (T + 1))
        yg = np.array([np.zeros((self.output_dim, 1))] * T)

        return {'ig': ig, 'fg': fg, 'og': og, 'cig': cig, 'hg': hg, 'cg': cg, 'yg': yg}

    def foward(self, x):
        '''
            前向传播：计算各个门的状态
        '''
        T = x.shape[0]
        status = self.init_status(T)

        for t in range(T):
            h_pre = np.array(status['hg'][t - 1].reshape(-1, 1))
            xt = np.array(x[t].reshape(-1, 1))

            status['ig'][t] = self.gate(self.Wi_h, self.Wi_x, self.bi, h_pre, xt, sigmoid)
            status['fg'][t] = self.gate(self.Wf_h, self.Wf_x, self.bf, h_pre, xt, sigmoid)
            status['og'][t] = self.gate(self.Wo_h, self.Wo_x, self.bo, h_pre, xt, sigmoid)
            status['cig'][t] = self.gate(self.Wc_h, self.Wc_x, self.bc, h_pre, xt, sigmoid)
            status['cg'][t] = status['fg'][t] * status['cg'][t - 1] + status['ig'][t] * status['cig'][t]
            status['hg'][t] = status['og'][t] * tanh(status['cg'][t])
            status['yg'][t] = softmax(self.Wy.dot(status['hg'][t]) + self.by)

        return status

    def gate(self, wh, wx, b, h_pre, x, activate):
        return activate(wh.dot(h_pre) + wx.dot(x) + b)

    def predict(self, x):
        status = self.foward(x)
        pref = np.argmax(status['yg'].reshape(self.output_dim, -1), axis=1)
        return pref

    def loss(self, X, y):
        '''
            目标函数：softmax交叉熵损失函数
        '''
        cost = 0
        length_y = len(y)
        for i in range(length_y):
            status = self.foward(X[i])
            cost -= np.sum(np.log(status['yg'][range(len(y[i])), y[i]]))

        return cost / np.sum([len(yi) for yi in y])

    def init_grad(self):
        dwh = np.zeros(self.Wi_h.shape)
        dwx = np.zeros(self.Wi_x.shape)
        db = np.zeros(self.bi.shape)

        return dwh, dwx, db

    def get_grad(self, x, y):
        '''
            计算梯度
        '''
        dwi_h, dwi_x, dbi = self.init_grad()
        dwf_h, dwf_x, dbf = self.init_grad()
        dwc_h, dwc_x, dbc = self.init_grad()
        dwo_h, dwo_x, dbo = self.init_grad()
        dwy, dby = np.zeros(self.Wy.shape), np.zeros(self.by.shape)

        delta_ct = np.zeros((self.hidden_dim, 1))
        status = self.foward(x)

        len_y = len(y)
        delta_y = status['yg']
        delta_y[np.arange(len_y), y] -= 1


        for t in np.arange(len_y)[::-1]:
            dwy += delta_y[t].dot(status['hg'][t].reshape(1, -1))
            dby += delta_y[t]
            xt = np.array(x[t]).reshape(-1, 1)

            delta_ht = self.Wy.T.dot(delta_y[t])
            delta_ot = delta_ht * tanh(status['cg'][t]) * status['og'][t] * (1 - status['og'][t])

            delta_ct += delta_ht * status['og'][t] * (1 - tanh(status['cg'][t]) ** 2)
            delta_cit = delta_ct * status['ig'][t] * (1 - status['cig'][t] ** 2)
            delta_it = delta_ct * status['cig'][t] * status['ig'][t] * (1 - status['ig'][t])
            delta_ft = delta_ct * status['cg'][t - 1] * status['fg'][t] * (1 - status['fg'][t])

            dwi_h, dwi_x, dbi = self.grad_delta(dwi_h, dwi_x, dbi, delta_it, status['hg'][t - 1], xt)
            dwf_h, dwf_x, dbf = self.grad_delta(dwf_h, dwf_x, dbf, delta_ft, status['hg'][t - 1], xt)
            dwc_h, dwc_x, dbc = self.grad_delta(dwc_h, dwc_x, dbc, delta_cit, status['hg'][t - 1], xt)
            dwo_h, dwo_x, dbo = self.grad_delta(dwo_h, dwo_x, dbo, delta_ot, status['hg'][t - 1], xt)

        return [dwf_h, dwf_x, dbf, dwi_h, dwi_x, dbi,
                dwc_h, dwc_x, dbc, dwo_h, dwo_x, dbo, dwy, dby]

    def grad_delta(self, dh, dx, db, delta, ht, x):
        dh += delta * ht
        dx += delta * x
        db += delta

        return dh, dx, db

    def cal_grad(self, x, y, learning_rate):
        '''
            更新梯度
        '''
        dwf_h, dwf_x, dbf, dwi_h, dwi_x, dbi, \
        dwc_h, dwc_x, dbc, dwo_h, dwo_x, dbo, dwy, dby = self.get_grad(x, y)

        self.Wi_h, self.Wi_x, self.bi = self.update_weight(learning_rate, self.Wi_h, self.Wi_x, self.bi, dwi_h, dwi_x, dbi)
        self.Wf_h, self.Wf_x, self.bf = self.update_weight(learning_rate, self.Wf_h, self.Wf_x, self.bf, dwf_h, dwf_x, dbf)
        self.Wc_h, self.Wc_x, self.bc = self.update_weight(learning_rate, self.Wc_h, self.Wc_x, self.bc, dwc_h, dwc_x, dbc)
        self.Wo_h, self.Wo_x, self.bo = self.update_weight(learning_rate, self.Wo_h, self.Wo_x, self.bo, dwo_h, dwo_x, dbo)

    def update_weight(self, learning_rate, wh, wx, b, dh, dx, db):
        wh -= learning_rate * dh
        wx -= learning_rate * dx
        b -= learning_rate * db

        return wh, wx, b

