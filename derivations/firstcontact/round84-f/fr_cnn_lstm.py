# source: public GitHub Python file held by the code-search index as file id 19860023459 (24,963 characters; the index does not name its repository, path, author or date): a French-commented numpy next-word predictor on a breast-cancer text corpus, first a CNN model (train_cnn), then, appended after the `if __name__ == "__main__":` block, a class LSTM (column vectors, one weight matrix per gate acting on concat [h_{t-1}; x_t]) with a hand-written per-step backward and a CNN-LSTM training function with a BPTT loop (train_cnn_lstm). Kept verbatim, in file order: the imports, softmax, cross_entropy_loss, class Dense, class LSTM and train_cnn_lstm up to the end of its training-sample loop (the SGD update). Cut: build_vocab, texts_to_sequences, create_examples, class Conv1D, train_cnn, predict_next, the __main__ block (corpus and calls), and the end of train_cnn_lstm (training metrics, validation loop, history, return). Notes on the code as published (not fixed here): LSTM.forward keeps no cache and train_cnn_lstm never defines `cache`, so the call lstm.backward(..., cache[t]) cannot run; dh[-1] = dh_last.reshape(-1, 1) assigns an (H,1) array into an (H,) row; the training loop indexes X[i], Y[i] instead of X_train[i], Y_train[i].
import numpy as np
from collections import Counter
import random

def softmax(x):
    x = x - np.max(x)
    e = np.exp(x)
    return e / np.sum(e)

def cross_entropy_loss(probs, y_idx):
    # probs: (vocab_size,), y_idx: int
    return -np.log(probs[y_idx] + 1e-12)

# Fully connected layer
class Dense:
    def __init__(self, input_size, output_size):
        self.W = np.random.randn(input_size, output_size) * 0.01
        self.b = np.zeros(output_size)
    #calcule x @ W + b
    def forward(self, x):
        # x: (input_size,)
        self.x = x.copy()
        return np.dot(self.x, self.W) + self.b
    def backward(self, dlogits):
        # dlogits: (output_size,)
        dW = np.outer(self.x, dlogits)  # (input_size, output_size)
        db = dlogits.copy()
        dx = np.dot(self.W, dlogits)  # (input_size,)
        return dW, db, dx

class LSTM:
    def __init__(self, input_dim, hidden_dim):
        """
        Initialise une couche LSTM.

        Args:
            input_dim (int): Dimension d'entrée
            hidden_dim (int): Dimension de l'état caché
        """
        self.input_dim = input_dim
        self.hidden_dim = hidden_dim
        # paramètres (poids pour input et hidden)
        self.Wf = np.random.randn(hidden_dim, input_dim + hidden_dim) * 0.01
        self.bf = np.zeros((hidden_dim, 1))
        self.Wi = np.random.randn(hidden_dim, input_dim + hidden_dim) * 0.01
        self.bi = np.zeros((hidden_dim, 1))
        self.Wc = np.random.randn(hidden_dim, input_dim + hidden_dim) * 0.01
        self.bc = np.zeros((hidden_dim, 1))
        self.Wo = np.random.randn(hidden_dim, input_dim + hidden_dim) * 0.01
        self.bo = np.zeros((hidden_dim, 1))

    def forward(self, X_seq):
        """
        X_seq: (seq_len, input_dim)
        """
        h_prev = np.zeros((self.hidden_dim, 1))
        c_prev = np.zeros((self.hidden_dim, 1))
        hs = []
        for t in range(X_seq.shape[0]):
            x_t = X_seq[t].reshape(-1, 1)
            concat = np.vstack((h_prev, x_t))
            f_t = self._sigmoid(self.Wf @ concat + self.bf)
            i_t = self._sigmoid(self.Wi @ concat + self.bi)
            c_hat = np.tanh(self.Wc @ concat + self.bc)
            c_t = f_t * c_prev + i_t * c_hat
            o_t = self._sigmoid(self.Wo @ concat + self.bo)
            h_t = o_t * np.tanh(c_t)
            hs.append(h_t)
            h_prev, c_prev = h_t, c_t
        return np.array(hs).squeeze(axis=2), h_t  # all hidden states, last hidden

    def _sigmoid(self, x):
        return 1 / (1 + np.exp(-x))

    def backward(self, dh_next, dc_next, cache):
        """
        Rétropropagation LSTM

        Args:
            dh_next: Gradient de la loss par rapport à h_t
            dc_next: Gradient de la loss par rapport à c_t
            cache: Cache des valeurs forward pour cette timestep
        """
        x_t, h_prev, c_prev, i_t, f_t, o_t, c_hat, c_t, concat = cache

        # Gradients des portes de sortie
        do = dh_next * np.tanh(c_t)
        do = do * o_t * (1 - o_t)  # dérivée sigmoid

        # Gradient de l'état cellulaire
        dc = dh_next * o_t * (1 - np.tanh(c_t)**2)
        dc = dc + dc_next

        # Gradient de c_hat
        dc_hat = dc * i_t
        dc_hat = dc_hat * (1 - c_hat**2)  # dérivée tanh

        # Gradient de la porte d'entrée
        di = dc * c_hat
        di = di * i_t * (1 - i_t)  # dérivée sigmoid

        # Gradient de la porte d'oubli
        df = dc * c_prev
        df = df * f_t * (1 - f_t)  # dérivée sigmoid

        # Gradients des poids
        dWf = df @ concat.T
        dWi = di @ concat.T
        dWc = dc_hat @ concat.T
        dWo = do @ concat.T

        # Gradients des biais
        dbf = np.sum(df, axis=1, keepdims=True)
        dbi = np.sum(di, axis=1, keepdims=True)
        dbc = np.sum(dc_hat, axis=1, keepdims=True)
        dbo = np.sum(do, axis=1, keepdims=True)

        # Gradient pour la prochaine itération
        dconcat = (self.Wf.T @ df + self.Wi.T @ di +
                  self.Wc.T @ dc_hat + self.Wo.T @ do)
        dh_prev = dconcat[:self.hidden_dim]
        dx = dconcat[self.hidden_dim:]
        dc_prev = f_t * dc

        return dx, dh_prev, dc_prev, (dWf, dWi, dWc, dWo, dbf, dbi, dbc, dbo)

def train_cnn_lstm(corpus_sentences, seq_len=3, embedding_dim=50,
                  kernel_size=2, num_filters=32, hidden_dim=64,
                  epochs=100, lr=0.1, print_every=10, validation_split=0.2):
    """
    Entraîne un modèle hybride CNN-LSTM pour la prédiction de texte.

    Args:
        corpus_sentences (list): Liste des phrases d'entraînement
        seq_len (int): Longueur des séquences d'entrée
        embedding_dim (int): Dimension des embeddings
        kernel_size (int): Taille du noyau de convolution
        num_filters (int): Nombre de filtres de convolution
        hidden_dim (int): Dimension de l'état caché LSTM
        epochs (int): Nombre d'époques d'entraînement
        lr (float): Taux d'apprentissage
        print_every (int): Fréquence d'affichage des métriques
        validation_split (float): Proportion des données pour la validation

    Returns:
        dict: Le modèle entraîné avec tous ses composants
    """
    word2idx, idx2word = build_vocab(corpus_sentences)
    vocab_size = len(word2idx)
    seqs = texts_to_sequences(corpus_sentences, word2idx)
    X, Y = create_examples(seqs, seq_len)

    # Split données en train/validation
    n_samples = len(X)
    n_val = int(n_samples * validation_split)
    indices = np.random.permutation(n_samples)
    val_idx, train_idx = indices[:n_val], indices[n_val:]

    X_train, Y_train = X[train_idx], Y[train_idx]
    X_val, Y_val = X[val_idx], Y[val_idx]

    embeddings = np.random.randn(vocab_size, embedding_dim) * 0.01
    conv = Conv1D(seq_len, embedding_dim, kernel_size, num_filters)
    lstm = LSTM(num_filters, hidden_dim)
    fc = Dense(hidden_dim, vocab_size)

    # Historique pour le suivi
    history = {
        'train_loss': [],
        'val_loss': [],
        'train_accuracy': [],
        'val_accuracy': []
    }

    for epoch in range(1, epochs + 1):
        total_loss = 0.0
        correct_preds = 0

        # Training
        for i in range(len(X_train)):
            x_idx = X[i]
            y_idx = int(Y[i])
            X_embed = embeddings[x_idx]

            # ---- CNN ----
            conv_out = conv.forward(X_embed)
            conv_relu = np.maximum(0, conv_out)

            # ---- LSTM ----
            hs, h_last = lstm.forward(conv_relu)

            # ---- Dense + Softmax ----
            logits = fc.forward(h_last.flatten())
            probs = softmax(logits)
            loss = cross_entropy_loss(probs, y_idx)
            total_loss += loss

            # Rétropropagation
            dlogits = probs.copy()
            dlogits[y_idx] -= 1.0

            # Dense backward
            dW_fc, db_fc, dh_last = fc.backward(dlogits)

            # LSTM backward
            dh = np.zeros((conv_relu.shape[0], lstm.hidden_dim))
            dc = np.zeros((lstm.hidden_dim, 1))
            dh[-1] = dh_last.reshape(-1, 1)  # Gradient du dernier état caché

            # Stockage des gradients LSTM
            dWf, dWi, dWc, dWo = np.zeros_like(lstm.Wf), np.zeros_like(lstm.Wi), \
                                np.zeros_like(lstm.Wc), np.zeros_like(lstm.Wo)
            dbf, dbi, dbc, dbo = np.zeros_like(lstm.bf), np.zeros_like(lstm.bi), \
                                np.zeros_like(lstm.bc), np.zeros_like(lstm.bo)

            # Rétropropagation à travers le temps (BPTT)
            for t in reversed(range(conv_relu.shape[0])):
                dx_t, dh_prev, dc_prev, gradients = lstm.backward(dh[t].reshape(-1, 1), dc, cache[t])
                dWf += gradients[0]; dWi += gradients[1]
                dWc += gradients[2]; dWo += gradients[3]
                dbf += gradients[4]; dbi += gradients[5]
                dbc += gradients[6]; dbo += gradients[7]
                dc = dc_prev
                if t > 0:
                    dh[t-1] += dh_prev.flatten()

            # Mise à jour des poids avec SGD
            lr_t = lr / (epoch ** 0.5)  # Learning rate adaptatif

            # Mise à jour LSTM
            lstm.Wf -= lr_t * dWf
            lstm.Wi -= lr_t * dWi
            lstm.Wc -= lr_t * dWc
            lstm.Wo -= lr_t * dWo
            lstm.bf -= lr_t * dbf
            lstm.bi -= lr_t * dbi
            lstm.bc -= lr_t * dbc
            lstm.bo -= lr_t * dbo

            # Mise à jour Dense
            fc.W -= lr_t * dW_fc
            fc.b -= lr_t * db_fc
