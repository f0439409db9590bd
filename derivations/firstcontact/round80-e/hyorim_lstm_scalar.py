# source: https://github.com/hyorim9226/2025-Lim-tificial-intelligence/blob/ff6c150f6142d8af32ec17ce6d4b70a0189c3488/2025_3_19LSTM_python.py (GitHub user hyorim9226, "2025-Lim-tificial-intelligence" = "2025 자탐 / 전람회 코드 공유용 깃허브" (Korean student science-fair code), scalar numpy LSTM with a separate Cell object per time step and a sigmoid read-out cell Z, Korean comments; file at commit ff6c150f; the file name dates it 2025-03-19). Kept verbatim: file lines 1-191 (cell markers, import, class Cell, class Z). Cut: the data x (45 five-bit rows), y, T = len(x[-1]) = 5, epoch/learning_rate, a commented-out training loop, the training loop and the prediction cell. The training loop (not kept) builds lstm = [0] + [Cell() for i in range(T - 1)] + [Z()], h_t = c_t = [0]*(T+1); per sample: lstm[t].forward(x[j][t - 1], t) for t = 1..T-1, y_hat = lstm[-1].forward(x[j][-1], T), loss = -(y log y_hat + (1-y) log(1-y_hat)); dh = lstm[-1].backward((y_hat - y[j]), T); then for t = T-1..1: dh = lstm[t].backward(dh, t), each followed by update().
# %%
import numpy as np

# %%
class Cell:
    def __init__(self):
        self.W_f = np.random.randn(1, 2) * np.sqrt(1/2)
        self.W_u = np.random.randn(1, 2) * np.sqrt(1/2)
        self.W_o = np.random.randn(1, 2) * np.sqrt(1/2)
        self.W_c = np.random.randn(1, 2) * np.sqrt(1/2)
        
        self.b_f = np.random.randn(1, 1)
        self.b_u = np.random.randn(1, 1)
        self.b_o = np.random.randn(1, 1)
        self.b_c = np.random.randn(1, 1)

        self.cache = None
        self.grads = []

    def sigmoid(self, n):
        return 1/(1+np.exp(-n))
    
    def psigmoid(self, n):
        n = self.sigmoid(n)
        return n * (1 - n)
    
    def tanh(self, n):
        return np.tanh(n)
    
    def softmax(self, n):
        exp_n = np.exp(n - np.max(n))
        return exp_n / np.sum(exp_n, axis=0, keepdims=True)
    
    def forward(self, x_t, t):
        global h_t, c_t

        hehe = np.vstack((h_t[t - 1], x_t))

        gamma_f = np.dot(self.W_f, hehe) + self.b_f
        f_t = self.sigmoid(gamma_f)

        gamma_u = np.dot(self.W_u, hehe) + self.b_u
        u_t = self.sigmoid(gamma_u)
        
        gamma_o = np.dot(self.W_o, hehe) + self.b_o
        o_t = self.sigmoid(gamma_o)

        gamma_c = np.dot(self.W_c, hehe) + self.b_c
        headc_t = self.tanh(gamma_c)

        c_t[t] = f_t * c_t[t - 1] + u_t * headc_t # 이게 c_next로 cache에 저장
        h_t[t] = o_t * self.tanh(c_t[t]) # 이것도 h_next로 cache에 저장

        self.cache = (gamma_f, gamma_u, gamma_o, gamma_c, f_t, u_t, o_t, headc_t)

        return None

    def backward(self, dh, t): #dh = dL/dh_t
        global h_t, c_t
        gamma_f, gamma_u, gamma_o, gamma_c, f_t, u_t, o_t, headc_t = self.cache
        
        dw_o = dh * self.tanh(c_t[t]) * self.psigmoid(gamma_o) * h_t[t - 1]
        db_o = dh * self.tanh(c_t[t]) * self.psigmoid(gamma_o)

        dw_f = dh * o_t * (1 - self.tanh(c_t[t]) ** 2) * c_t[t - 1] * self.psigmoid(gamma_f) * h_t[t - 1]
        db_f = dh * o_t * (1 - self.tanh(c_t[t]) ** 2) * c_t[t - 1] * self.psigmoid(gamma_f)

        dw_c = dh * o_t * (1 - self.tanh(c_t[t]) ** 2) * u_t * (1 - self.tanh(headc_t) ** 2) * h_t[t - 1]
        db_c = dh * o_t * (1 - self.tanh(c_t[t]) ** 2) * u_t * (1 - self.tanh(headc_t) ** 2)

        dw_u = dh * o_t * (1 - self.tanh(c_t[t]) ** 2) * headc_t * self.psigmoid(gamma_u) * h_t[t - 1]
        db_u = dh * o_t * (1 - self.tanh(c_t[t]) ** 2) * headc_t * self.psigmoid(gamma_u)

        dh_next = self.psigmoid(gamma_o) * self.W_o[0, 0] * self.tanh(c_t[t]) \
                + o_t * (1 - self.tanh(c_t[t]) ** 2) * self.psigmoid(gamma_f) * self.W_f[0, 0] * c_t[t - 1] \
                + self.psigmoid(gamma_u) * self.W_u[0, 0] + u_t * (1 - self.tanh(gamma_c) ** 2) * self.W_c[0, 0]

        self.grads = [dw_f.item(), dw_u.item(), dw_o.item(), dw_c.item(), db_f.item(), db_u.item(), db_o.item(), db_c.item()]   
        return dh * dh_next
    
    def update(self, learning_rate):
        self.W_c[0, 0] = self.W_c[0, 0] - learning_rate * self.grads[3]
        self.W_f[0, 0] = self.W_f[0, 0] - learning_rate * self.grads[0]
        self.W_o[0, 0] = self.W_o[0, 0] - learning_rate * self.grads[2]
        self.W_u[0, 0] = self.W_u[0, 0] - learning_rate * self.grads[1]
        self.b_c[0] = self.b_c[0] - learning_rate * self.grads[7]
        self.b_f[0] = self.b_f[0] - learning_rate * self.grads[4]
        self.b_o[0] = self.b_o[0] - learning_rate * self.grads[6]
        self.b_u[0] = self.b_u[0] - learning_rate * self.grads[5]

#%%
class Z:
    def __init__(self):
        self.W_f = np.random.randn(1, 2) * np.sqrt(1/2)
        self.W_u = np.random.randn(1, 2) * np.sqrt(1/2)
        self.W_o = np.random.randn(1, 2) * np.sqrt(1/2)
        self.W_c = np.random.randn(1, 2) * np.sqrt(1/2)
        
        self.b_f = np.random.randn(1, 1) * 0.01
        self.b_u = np.random.randn(1, 1) * 0.01
        self.b_o = np.random.randn(1, 1) * 0.01
        self.b_c = np.random.randn(1, 1) * 0.01

        self.w_z = np.random.randn(1, 1)
        self.b_z = np.random.randn(1, 1) * 0.01

        self.cache = None
        self.grads = []

    def sigmoid(self, n):
        return 1/(1+np.exp(-n))
    
    def psigmoid(self, n):
        n = self.sigmoid(n)
        return n * (1 - n)
    
    def tanh(self, n):
        return np.tanh(n)
    
    def softmax(self, n):
        exp_n = np.exp(n - np.max(n))
        return exp_n / np.sum(exp_n, axis=0, keepdims=True)
    
    def forward(self, x_t, t):
        global h_t, c_t

        hehe = np.vstack((h_t[t - 1], x_t))

        gamma_f = np.dot(self.W_f, hehe) + self.b_f
        f_t = self.sigmoid(gamma_f)

        gamma_u = np.dot(self.W_u, hehe) + self.b_u
        u_t = self.sigmoid(gamma_u)
        
        gamma_o = np.dot(self.W_o, hehe) + self.b_o
        o_t = self.sigmoid(gamma_o)

        gamma_c = np.dot(self.W_c, hehe) + self.b_c
        headc_t = self.tanh(gamma_c)

        c_t[t] = f_t * c_t[t - 1] + u_t * headc_t # 이게 c_next로 cache에 저장
        h_t[t] = o_t * self.tanh(c_t[t]) # 이것도 h_next로 cache에 저장

        z_t = np.dot(self.w_z, h_t[t]) + self.b_z
        y_hat = self.sigmoid(z_t)

        self.cache = (gamma_f, gamma_u, gamma_o, gamma_c, f_t, u_t, o_t, headc_t)

        return y_hat

    def backward(self, dh, t): #dh = dL/dz
        global h_t, c_t
        gamma_f, gamma_u, gamma_o, gamma_c, f_t, u_t, o_t, headc_t = self.cache
        
        dw_z = dh * h_t[t]
        db_z = dh

        dh = dh * self.w_z #dh = dL/dh_t

        dw_o = dh * self.tanh(c_t[t]) * self.psigmoid(gamma_o) * h_t[t - 1]
        db_o = dh * self.tanh(c_t[t]) * self.psigmoid(gamma_o)

        dw_f = dh * o_t * (1 - self.tanh(c_t[t]) ** 2) * c_t[t - 1] * self.psigmoid(gamma_f) * h_t[t - 1]
        db_f = dh * o_t * (1 - self.tanh(c_t[t]) ** 2) * c_t[t - 1] * self.psigmoid(gamma_f)

        dw_c = dh * o_t * (1 - self.tanh(c_t[t]) ** 2) * u_t * (1 - self.tanh(headc_t) ** 2) * h_t[t - 1]
        db_c = dh * o_t * (1 - self.tanh(c_t[t]) ** 2) * u_t * (1 - self.tanh(headc_t) ** 2)

        dw_u = dh * o_t * (1 - self.tanh(c_t[t]) ** 2) * headc_t * self.psigmoid(gamma_u) * h_t[t - 1]
        db_u = dh * o_t * (1 - self.tanh(c_t[t]) ** 2) * headc_t * self.psigmoid(gamma_u)

        dh_next = self.psigmoid(gamma_o) * self.W_o[0, 0] * self.tanh(c_t[t]) \
                + o_t * (1 - self.tanh(c_t[t]) ** 2) * self.psigmoid(gamma_f) * self.W_f[0, 0] * c_t[t - 1] \
                + self.psigmoid(gamma_u) * self.W_u[0, 0] + u_t * (1 - self.tanh(gamma_c) ** 2) * self.W_c[0, 0]


        self.grads = [dw_f.item(), dw_u.item(), dw_o.item(), dw_c.item(), dw_z.item(), db_f.item(), db_u.item(), db_o.item(), db_c.item(), db_z.item()]   
        return dh * dh_next
    
    def update(self, learning_rate):
        self.W_c[0, 0] = self.W_c[0, 0] - learning_rate * self.grads[3]
        self.W_f[0, 0] = self.W_f[0, 0] - learning_rate * self.grads[0]
        self.W_o[0, 0] = self.W_o[0, 0] - learning_rate * self.grads[2]
        self.W_u[0, 0] = self.W_u[0, 0] - learning_rate * self.grads[1]
        self.w_z[0, 0] = self.w_z[0, 0] - learning_rate * self.grads[4]
        self.b_c = self.b_c - learning_rate * self.grads[8]
        self.b_f = self.b_f - learning_rate * self.grads[5]
        self.b_o = self.b_o - learning_rate * self.grads[7]
        self.b_u = self.b_u - learning_rate * self.grads[6]
        self.b_z = self.b_z - learning_rate * self.grads[9]
# %%
