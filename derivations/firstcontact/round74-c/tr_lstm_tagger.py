# source: public GitHub Python file, search-index file id 25746125531 (25,616 characters; the index does not name its repository, path, author or date): Turkish-commented NumPy LSTM sequence tagger (Embedding, LSTMCell, LSTMModel with per-step softmax cross-entropy averaged over batch and sequence; data read from numerized_data/*_sentences.npy / *_labels.npy). Kept verbatim: imports, class Embedding (without update_params), class LSTMCell (without update_params), class LSTMModel __init__, forward and backward, and the helper functions sigmoid and softmax; cut (marked "# >>> cut"): the update_params methods, save_checkpoint/load_checkpoint, and everything after softmax (load_data, pad_sequences, create_batches, plot_training_history, train_model, evaluate_model, main). Marker comments "# >>> cut" added by the annotator.
import numpy as np
import time
import os
import matplotlib.pyplot as plt

class Embedding:
    def __init__(self, vocab_size, embedding_dim):
        """
        Kelime ID'lerini embedding vektörlerine dönüştüren katman
        
        Args:
            vocab_size: Kelime dağarcığı büyüklüğü
            embedding_dim: Embedding vektörlerinin boyutu
        """
        # Xavier/Glorot başlatma ile embedding matrisini oluştur
        self.weights = np.random.randn(vocab_size, embedding_dim) * 0.1
        self.vocab_size = vocab_size
        self.embedding_dim = embedding_dim
        
    def forward(self, word_ids):
        """
        Kelime ID'lerinden embedding vektörlerini döndür
        
        Args:
            word_ids: Kelime ID'leri, shape: (batch_size, seq_length)
            
        Returns:
            Embedding vektörleri, shape: (batch_size, seq_length, embedding_dim)
        """
        # ID'lere göre embedding matrisinden vektörleri al
        self.input_shape = word_ids.shape
        self.indices = word_ids
        return self.weights[word_ids]
    
    def backward(self, grad_output):
        """
        Gradyanları geri yayılım için hesapla
        
        Args:
            grad_output: Sonraki katmandan gelen gradyan, shape: (batch_size, seq_length, embedding_dim)
            
        Returns:
            Giriş gradyanı (bu katman için None, çünkü indekslerin gradyanı yoktur)
        """
        # Gradyanları topla ve embedding matrisini güncelle için hazırla
        self.grad_weights = np.zeros_like(self.weights)
        
        # Her bir indeks için gradyanları topla
        np.add.at(self.grad_weights, self.indices.flatten(), 
                 grad_output.reshape(-1, self.embedding_dim))
        
        # Giriş gradyanı hesaplanamaz (kelime ID'leri)
        return None
    
    # >>> cut: def update_params(self, learning_rate) (SGD step)


class LSTMCell:
    def __init__(self, input_size, hidden_size):
        """
        Tek bir LSTM hücresi
        
        Args:
            input_size: Giriş boyutu (embedding_dim)
            hidden_size: Gizli durum boyutu
        """
        # Ağırlıkları Xavier/Glorot başlatma ile oluştur
        k = np.sqrt(1 / hidden_size)
        
        # Input gate parametreleri
        self.Wi = np.random.uniform(-k, k, (input_size, hidden_size))
        self.Ui = np.random.uniform(-k, k, (hidden_size, hidden_size))
        self.bi = np.zeros(hidden_size)
        
        # Forget gate parametreleri
        self.Wf = np.random.uniform(-k, k, (input_size, hidden_size))
        self.Uf = np.random.uniform(-k, k, (hidden_size, hidden_size))
        self.bf = np.zeros(hidden_size)
        
        # Output gate parametreleri
        self.Wo = np.random.uniform(-k, k, (input_size, hidden_size))
        self.Uo = np.random.uniform(-k, k, (hidden_size, hidden_size))
        self.bo = np.zeros(hidden_size)
        
        # Cell state parametreleri
        self.Wc = np.random.uniform(-k, k, (input_size, hidden_size))
        self.Uc = np.random.uniform(-k, k, (hidden_size, hidden_size))
        self.bc = np.zeros(hidden_size)
        
        self.hidden_size = hidden_size
        self.input_size = input_size
        
        # Gradyanları saklamak için
        self.param_keys = ['Wi', 'Ui', 'bi', 'Wf', 'Uf', 'bf', 
                          'Wo', 'Uo', 'bo', 'Wc', 'Uc', 'bc']
        self.grads = {k: np.zeros_like(getattr(self, k)) for k in self.param_keys}
        
    def forward(self, x, h_prev, c_prev):
        """
        LSTM hücresinin ileri geçişi
        
        Args:
            x: Giriş, shape: (batch_size, input_size)
            h_prev: Önceki gizli durum, shape: (batch_size, hidden_size)
            c_prev: Önceki hücre durumu, shape: (batch_size, hidden_size)
            
        Returns:
            h_next: Sonraki gizli durum, shape: (batch_size, hidden_size)
            c_next: Sonraki hücre durumu, shape: (batch_size, hidden_size)
        """
        # LSTM kapılarını hesapla
        self.x = x
        self.h_prev = h_prev
        self.c_prev = c_prev
        
        # Input gate
        self.i_t = sigmoid(np.dot(x, self.Wi) + np.dot(h_prev, self.Ui) + self.bi)
        
        # Forget gate
        self.f_t = sigmoid(np.dot(x, self.Wf) + np.dot(h_prev, self.Uf) + self.bf)
        
        # Output gate
        self.o_t = sigmoid(np.dot(x, self.Wo) + np.dot(h_prev, self.Uo) + self.bo)
        
        # Cell state güncellemesi için aday
        self.c_tilde = np.tanh(np.dot(x, self.Wc) + np.dot(h_prev, self.Uc) + self.bc)
        
        # Cell state güncelleme
        self.c_next = self.f_t * c_prev + self.i_t * self.c_tilde
        
        # Hidden state güncelleme
        self.h_next = self.o_t * np.tanh(self.c_next)
        
        return self.h_next, self.c_next
    
    def backward(self, dh_next, dc_next):
        """
        LSTM hücresinin geri yayılımı
        
        Args:
            dh_next: Sonraki gizli durum için gradyan, shape: (batch_size, hidden_size)
            dc_next: Sonraki hücre durumu için gradyan, shape: (batch_size, hidden_size)
            
        Returns:
            dx: Giriş için gradyan
            dh_prev: Önceki gizli durum için gradyan
            dc_prev: Önceki hücre durumu için gradyan
        """
        # Geri yayılım için gradyanlar
        batch_size = dh_next.shape[0]

        # Hidden state'den gelen gradyan
        do_t = dh_next * np.tanh(self.c_next)
        dc_t = dc_next + dh_next * self.o_t * (1 - np.tanh(self.c_next)**2)
        
        # Forget gate gradyanı
        df_t = dc_t * self.c_prev
        # Input gate gradyanı
        di_t = dc_t * self.c_tilde
        # Cell state aday gradyanı
        dc_tilde = dc_t * self.i_t
        
        # Sigmoid gradyanı: sigmoid(x) * (1 - sigmoid(x))
        # Tanh gradyanı: 1 - tanh(x)^2
        
        # Kapı gradyanları
        di_t_input = di_t * self.i_t * (1 - self.i_t)
        df_t_input = df_t * self.f_t * (1 - self.f_t)
        do_t_input = do_t * self.o_t * (1 - self.o_t)
        dc_tilde_input = dc_tilde * (1 - self.c_tilde**2)
        
        # Ağırlık gradyanları
        # Input gate
        self.grads['Wi'] += np.dot(self.x.T, di_t_input)
        self.grads['Ui'] += np.dot(self.h_prev.T, di_t_input)
        self.grads['bi'] += np.sum(di_t_input, axis=0)
        
        # Forget gate
        self.grads['Wf'] += np.dot(self.x.T, df_t_input)
        self.grads['Uf'] += np.dot(self.h_prev.T, df_t_input)
        self.grads['bf'] += np.sum(df_t_input, axis=0)
        
        # Output gate
        self.grads['Wo'] += np.dot(self.x.T, do_t_input)
        self.grads['Uo'] += np.dot(self.h_prev.T, do_t_input)
        self.grads['bo'] += np.sum(do_t_input, axis=0)
        
        # Cell state
        self.grads['Wc'] += np.dot(self.x.T, dc_tilde_input)
        self.grads['Uc'] += np.dot(self.h_prev.T, dc_tilde_input)
        self.grads['bc'] += np.sum(dc_tilde_input, axis=0)
        
        # Giriş gradyanları
        dx = (np.dot(di_t_input, self.Wi.T) + 
              np.dot(df_t_input, self.Wf.T) + 
              np.dot(do_t_input, self.Wo.T) + 
              np.dot(dc_tilde_input, self.Wc.T))
        
        # Önceki durumlar için gradyanlar
        dh_prev = (np.dot(di_t_input, self.Ui.T) + 
                   np.dot(df_t_input, self.Uf.T) + 
                   np.dot(do_t_input, self.Uo.T) + 
                   np.dot(dc_tilde_input, self.Uc.T))
        
        # Önceki hücre durumu için gradyan
        dc_prev = dc_t * self.f_t
        
        return dx, dh_prev, dc_prev
    
    # >>> cut: def update_params(self, learning_rate) (SGD step, then gradients reset to zero)


class LSTMModel:
    def __init__(self, vocab_size, embedding_dim, hidden_size, output_size):
        """
        LSTM modeli
        
        Args:
            vocab_size: Kelime dağarcığı büyüklüğü
            embedding_dim: Embedding vektörlerinin boyutu
            hidden_size: LSTM gizli durum boyutu
            output_size: Çıkış sınıflarının sayısı
        """
        self.embedding = Embedding(vocab_size, embedding_dim)
        self.lstm_cell = LSTMCell(embedding_dim, hidden_size)
        
        # Çıkış katmanı
        self.Wy = np.random.randn(hidden_size, output_size) * 0.01
        self.by = np.zeros(output_size)
        
        self.hidden_size = hidden_size
        self.output_size = output_size
        self.vocab_size = vocab_size
        
    def forward(self, inputs, labels=None):
        """
        İleri geçiş
        
        Args:
            inputs: Kelime ID'leri, shape: (batch_size, seq_length)
            labels: Etiketler, shape: (batch_size, seq_length)
            
        Returns:
            predictions: Tahminler, shape: (batch_size, seq_length, output_size)
            loss: Kayıp değeri (eğer labels verilirse)
        """
        batch_size, seq_length = inputs.shape
        
        # Embeddingler
        embeds = self.embedding.forward(inputs)  # (batch_size, seq_length, embedding_dim)
        
        # LSTM çıkışları
        h = np.zeros((batch_size, self.hidden_size))  # Initial hidden state
        c = np.zeros((batch_size, self.hidden_size))  # Initial cell state
        
        self.h_states = [h]  # (t=0 için başlangıç durumu)
        self.c_states = [c]  # (t=0 için başlangıç durumu)
        self.x_inputs = []  # Her zaman adımındaki girişleri sakla
        
        # Her zaman adımı için LSTM hücresini çalıştır
        for t in range(seq_length):
            x_t = embeds[:, t, :]  # t anındaki batch girişi
            self.x_inputs.append(x_t)
            
            h, c = self.lstm_cell.forward(x_t, self.h_states[-1], self.c_states[-1])
            self.h_states.append(h)
            self.c_states.append(c)
        
        # Her zaman adımı için çıkış
        outputs = []
        for h_t in self.h_states[1:]:  # İlk (t=0) durumu kullanma
            y_t = np.dot(h_t, self.Wy) + self.by
            outputs.append(y_t)
        
        # Çıkışları birleştir: (batch_size, seq_length, output_size)
        self.outputs = np.stack(outputs, axis=1)
        
        # Softmax çıkışları
        self.probs = softmax(self.outputs)
        
        # Eğer etiketler verilmişse loss hesapla
        loss = None
        if labels is not None:
            # Cross-entropy loss
            batch_size, seq_length = labels.shape
            loss = 0
            for b in range(batch_size):
                for t in range(seq_length):
                    loss -= np.log(self.probs[b, t, labels[b, t]] + 1e-10)
            loss /= (batch_size * seq_length)
            
            # Doğruluk hesapla
            self.predictions = np.argmax(self.probs, axis=2)
            self.accuracy = np.mean(self.predictions == labels)
            
        return self.probs, loss
    
    def backward(self, labels):
        """
        Geri yayılım
        
        Args:
            labels: Gerçek etiketler, shape: (batch_size, seq_length)
        """
        batch_size, seq_length = labels.shape
        
        # Çıkış gradyanı - softmax cross entropy
        dL_dout = self.probs.copy()  # (batch_size, seq_length, output_size)
        
        # Her batch ve seq için gerçek sınıf olasılığından 1 çıkar
        for b in range(batch_size):
            for t in range(seq_length):
                dL_dout[b, t, labels[b, t]] -= 1
        
        # Batch ve sequence ortalama kayba göre normalize et
        dL_dout /= (batch_size * seq_length)
        
        # Çıkış katmanı gradyanları
        self.dWy = np.zeros_like(self.Wy)
        self.dby = np.zeros_like(self.by)
        
        # LSTM geri yayılım - tüm zaman adımları için
        dh_next = np.zeros((batch_size, self.hidden_size))
        dc_next = np.zeros((batch_size, self.hidden_size))
        
        # Zaman adımlarını tersine çevir
        for t in reversed(range(seq_length)):
            # Çıkış katmanı gradyanı
            dy = dL_dout[:, t, :]  # (batch_size, output_size)
            
            # Hidden state gradyanı
            dh = np.dot(dy, self.Wy.T) + dh_next  # Sonraki zamandan gelen gradyan
            
            # Çıkış katmanı ağırlık gradyanları
            self.dWy += np.dot(self.h_states[t+1].T, dy)
            self.dby += np.sum(dy, axis=0)
            
            # LSTM hücresi geri yayılım
            dx, dh_next, dc_next = self.lstm_cell.backward(dh, dc_next)
            
            # Embedding geri yayılım için gradyanları sakla (her zaman adımı için)
            if t == seq_length - 1:
                dembed = np.zeros((batch_size, seq_length, self.embedding.embedding_dim))
            
            dembed[:, t, :] = dx
        
        # Embedding geri yayılım
        self.embedding.backward(dembed)
        
    # >>> cut: def update_params(self, learning_rate), def save_checkpoint(self, filepath), def load_checkpoint(self, filepath)


# Yardımcı aktivasyon fonksiyonları
def sigmoid(x):
    """Sigmoid aktivasyon fonksiyonu"""
    return 1 / (1 + np.exp(-np.clip(x, -15, 15)))  # Taşmayı önlemek için clipping

def softmax(x):
    """Softmax aktivasyon fonksiyonu"""
    # Numerik stabilite için maksimum değeri çıkar
    e_x = np.exp(x - np.max(x, axis=2, keepdims=True))
    return e_x / np.sum(e_x, axis=2, keepdims=True)

# >>> cut: load_data, pad_sequences, create_batches, plot_training_history, train_model, evaluate_model, main
