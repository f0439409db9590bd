# source: public GitHub Python file, search-index file id 30461598040 (5,953 characters; the index does not name its repository, path, author or date): a NumPy GRUCell (column vectors, separate W/U/b per gate, sigmoid output unit) trained one step at a time on sklearn's breast-cancer data. Kept verbatim: "import numpy as np", the sigmoid and tanh helpers, np.random.seed, class GRUCell's __init__, forward, backward and train. Cut: the sklearn imports, update_params (plain SGD step followed by unreachable Adam code) and predict (between backward and train), and everything after the class (data loading, scaling, split, training and test loops; the training loop draws h_prev = np.random.randn(hidden_size, 1) for each sample). Not Korean-language material.
import numpy as np

# Sigmoid function
def sigmoid(x):
    return 1 / (1 + np.exp(-x))

# Hyperbolic tangent function
def tanh(x):
    return np.tanh(x)

np.random.seed(42)

class GRUCell:
    def __init__(self, input_size, hidden_size):
        self.input_size = input_size
        self.hidden_size = hidden_size
        # Weight initialization using Xavier initialization
        limit = 1 / np.sqrt(hidden_size)
        self.Wr = np.random.uniform(-limit, limit, (hidden_size, input_size))
        self.Ur = np.random.uniform(-limit, limit, (hidden_size, hidden_size))
        self.br = np.zeros((hidden_size, 1))
        self.Wz = np.random.uniform(-limit, limit, (hidden_size, input_size))
        self.Uz = np.random.uniform(-limit, limit, (hidden_size, hidden_size))
        self.bz = np.zeros((hidden_size, 1))
        self.Wh = np.random.uniform(-limit, limit, (hidden_size, input_size))
        self.Uh = np.random.uniform(-limit, limit, (hidden_size, hidden_size))
        self.bh = np.zeros((hidden_size, 1))

        self.Wy = np.random.uniform(-limit, limit, (1, hidden_size))
        self.by = np.zeros((1, 1))

        # Adam optimizer
        self.m = [np.zeros_like(param) for param in [self.Wz, self.Uz, self.bz, self.Wr, self.Ur, self.br, self.Wh, self.Uh, self.bh]]
        self.v = [np.zeros_like(param) for param in [self.Wz, self.Uz, self.bz, self.Wr, self.Ur, self.br, self.Wh, self.Uh, self.bh]]

    def forward(self, x, h_prev):
        z = sigmoid(np.dot(self.Wz, x) + np.dot(self.Uz, h_prev) + self.bz)
        r = sigmoid(np.dot(self.Wr, x) + np.dot(self.Ur, h_prev) + self.br)
        h_hat = tanh(np.dot(self.Wh, x) + np.dot(self.Uh, np.multiply(r, h_prev)) + self.bh)
        h_next = np.multiply((1 - z), h_prev) + np.multiply(z, h_hat)
        y = sigmoid(np.dot(self.Wy, h_next) + self.by)
        return y, h_next

    def backward(self, x, h_prev, dh_next):
        z = sigmoid(np.dot(self.Wz, x) + np.dot(self.Uz, h_prev) + self.bz)
        r = sigmoid(np.dot(self.Wr, x) + np.dot(self.Ur, h_prev) + self.br)
        h_hat = tanh(np.dot(self.Wh, x) + np.dot(self.Uh, np.multiply(r, h_prev)) + self.bh)

        dh_hat = dh_next * z
        dtanh = (1 - h_hat ** 2) * dh_hat

        dbh = dtanh
        dWh = np.dot(dtanh, x.T)
        dUh = np.dot(dtanh, np.multiply(r, h_prev).T)
        dh_prev1 = np.dot(self.Uh.T, np.multiply(r, dtanh))
        dr = np.dot(self.Uh.T, np.multiply(h_prev, dtanh))
        dz = dh_next * (h_prev - h_hat)

        dWr = np.dot(r * (1 - r) * dr, x.T)
        dUr = np.dot(r * (1 - r) * dr, h_prev.T)
        dbr = r * (1 - r) * dr

        dWz = np.dot(z * (1 - z) * dz, x.T)
        dUz = np.dot(z * (1 - z) * dz, h_prev.T)
        dbz = z * (1 - z) * dz

        dx = np.dot(self.Wz.T, dWz) + np.dot(self.Wr.T, dWr) + np.dot(self.Wh.T, dWh)
        dh_prev2 = np.dot(self.Uz.T, dUz) + np.dot(self.Ur.T, dUr) + np.dot(self.Uh.T, dUh)

        dinputs = dx
        dparams = [dWz, dUz, dbz, dWr, dUr, dbr, dWh, dUh, dbh]

        # Clip gradients to mitigate exploding gradients
        for dparam in dparams:
            np.clip(dparam, -1, 1, out=dparam)

        return dinputs, dh_prev1 + dh_prev2, dparams

    def train(self, x, h_prev, y, learning_rate=0.01):
        y_pred, h_next = self.forward(x, h_prev)
        loss = np.mean((y_pred - y) ** 2)  # Adjusted the loss calculation

        dloss = 2 * (y_pred - y)

        dinputs, dh_prev, dparams = self.backward(x, h_prev, dloss)

        self.update_params(dparams, learning_rate)

        return loss, h_next
