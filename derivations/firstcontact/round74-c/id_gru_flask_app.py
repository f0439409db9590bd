# source: public GitHub Python file (a Flask app.py, Indonesian comments, "Kelas GRU dari Nol" trained on TSLA prices, database 'prediksi_tsla_db'), search-index file id 19423976464 (17,504 characters; the index does not name its repository, path, author or date). This is the earliest stored version; later stored versions of the same project (ids 19798885009, app.py of 28,215 characters, and 19242537246, a separate GRU model module) compute h_tilde_pre after r_t and replace dh_prev_term1 + dh_prev_term2 by dh_prev_term1 + dz_pre @ Uz.T + dr_pre @ Ur.T + (dh_tilde_pre @ Uh.T) * r_t. Kept verbatim: "import numpy as np", the activation functions and their derivatives, the MSE loss and its derivative, and class GRU (__init__, forward, backward). Cut (marked "# >>> cut"): the other imports, the Flask/SQLAlchemy configuration and the StockData model, GRU.update_weights (plain SGD step), create_sequences and all Flask routes; the /train route feeds one sequence X_train[i] of shape (60, 1) at a time, y_sample of shape (1, 1), loss = mse_loss(y_pred_scaled, y_sample), d_output = mse_loss_derivative(y_pred_scaled, y_sample), gru_model.backward(d_output, LEARNING_RATE). Marker comments "# >>> cut" added by the annotator.
# >>> cut: other imports (flask, flask_sqlalchemy, yfinance, pandas, os, datetime, secrets, sklearn MinMaxScaler, time)
import numpy as np
# >>> cut: Flask app, database configuration, class StockData, DATA_DIR

# --- Fungsi Aktivasi dan Turunannya ---
def sigmoid(x):
    return 1 / (1 + np.exp(-x))

def sigmoid_derivative(x):
    s = sigmoid(x)
    return s * (1 - s)

def tanh(x):
    return np.tanh(x)

def tanh_derivative(x):
    return 1 - np.tanh(x)**2

# --- Fungsi Loss ---
def mse_loss(y_pred, y_true):
    return np.mean((y_pred - y_true)**2)

def mse_loss_derivative(y_pred, y_true):
    return 2 * (y_pred - y_true) / len(y_true) # Turunan MSE terhadap y_pred

# --- Kelas GRU dari Nol ---
class GRU:
    def __init__(self, input_dim, hidden_dim, output_dim):
        self.input_dim = input_dim
        self.hidden_dim = hidden_dim
        self.output_dim = output_dim

        # Inisialisasi Bobot dan Bias
        # Bobot dan Bias untuk Update Gate (z)
        self.Wz = np.random.randn(input_dim, hidden_dim) * 0.01
        self.Uz = np.random.randn(hidden_dim, hidden_dim) * 0.01
        self.bz = np.zeros((1, hidden_dim))

        # Bobot dan Bias untuk Reset Gate (r)
        self.Wr = np.random.randn(input_dim, hidden_dim) * 0.01
        self.Ur = np.random.randn(hidden_dim, hidden_dim) * 0.01
        self.br = np.zeros((1, hidden_dim))

        # Bobot dan Bias untuk Candidate Hidden State (h_tilde)
        self.Wh = np.random.randn(input_dim, hidden_dim) * 0.01
        self.Uh = np.random.randn(hidden_dim, hidden_dim) * 0.01
        self.bh = np.zeros((1, hidden_dim))

        # Bobot dan Bias untuk Output Layer
        self.Wo = np.random.randn(hidden_dim, output_dim) * 0.01
        self.bo = np.zeros((1, output_dim))

        # Variabel untuk menyimpan nilai-nilai perantara (untuk backward pass nanti)
        self.cache = {}

    def forward(self, X):
        """
        Melakukan forward pass pada GRU untuk satu sequence.
        X (np.ndarray): Input sequence, shape (sequence_length, input_dim)
        """
        sequence_length = X.shape[0]
        
        h_prev = np.zeros((1, self.hidden_dim))

        hidden_states = []
        
        # Cache untuk setiap time step dalam sequence (penting untuk BPTT)
        sequence_cache = [] # List of dicts, each dict contains cache for one time step

        # Iterate over each time step in the input sequence
        for t in range(sequence_length):
            x_t = X[t].reshape(1, self.input_dim) # Ambil input pada time step t, reshape ke (1, input_dim)

            # Pre-activations (simpan untuk turunan nanti)
            z_pre = np.dot(x_t, self.Wz) + np.dot(h_prev, self.Uz) + self.bz
            r_pre = np.dot(x_t, self.Wr) + np.dot(h_prev, self.Ur) + self.br
            h_tilde_pre = np.dot(x_t, self.Wh) + np.dot(r_t * h_prev, self.Uh) + self.bh # Note: r_t here is from previous step

            # Hitung Update Gate (z_t)
            z_t = sigmoid(z_pre)

            # Hitung Reset Gate (r_t)
            r_t = sigmoid(r_pre)

            # Hitung Candidate Hidden State (h_tilde_t)
            # Penting: gunakan r_t dari perhitungan saat ini
            h_tilde_t = tanh(np.dot(x_t, self.Wh) + np.dot(r_t * h_prev, self.Uh) + self.bh)

            # Hitung Hidden State (h_t)
            h_t = (1 - z_t) * h_prev + z_t * h_tilde_t

            # Simpan nilai-nilai yang dibutuhkan untuk backward pass
            sequence_cache.append({
                'x_t': x_t,
                'h_prev': h_prev.copy(), 
                'z_pre': z_pre, 'r_pre': r_pre, 'h_tilde_pre': h_tilde_pre, # pre-activations
                'z_t': z_t,
                'r_t': r_t,
                'h_tilde_t': h_tilde_t,
                'h_t': h_t
            })

            h_prev = h_t # Update hidden state untuk time step berikutnya
            hidden_states.append(h_t)

        final_h_t = hidden_states[-1]
        output = np.dot(final_h_t, self.Wo) + self.bo

        self.cache['sequence_cache'] = sequence_cache
        self.cache['final_h_t'] = final_h_t # Output dari GRU sebelum layer akhir
        self.cache['output'] = output # Output prediksi akhir
        return output

    def backward(self, d_output, learning_rate):
        """
        Melakukan backward pass (BPTT) pada GRU untuk satu sequence.
        Menghitung gradien dan memperbarui bobot.
        
        Args:
            d_output (np.ndarray): Gradien dari loss terhadap output akhir model, shape (1, output_dim)
            learning_rate (float): Tingkat pembelajaran
        """
        sequence_cache = self.cache['sequence_cache']
        final_h_t = self.cache['final_h_t']

        # Inisialisasi gradien untuk bobot dan bias
        dWz, dUz, dbz = np.zeros_like(self.Wz), np.zeros_like(self.Uz), np.zeros_like(self.bz)
        dWr, dUr, dbr = np.zeros_like(self.Wr), np.zeros_like(self.Ur), np.zeros_like(self.br)
        dWh, dUh, dbh = np.zeros_like(self.Wh), np.zeros_like(self.Uh), np.zeros_like(self.bh)
        dWo, dbo = np.zeros_like(self.Wo), np.zeros_like(self.bo)

        # Gradien untuk layer output (sebelumnya: self.Wo, self.bo)
        # d_output_layer = d_output (gradien dari loss terhadap output)
        dWo += np.dot(final_h_t.T, d_output)
        dbo += d_output

        # Inisialisasi gradien hidden state dari time step berikutnya
        # Ini penting karena gradien dari h_t disebarkan mundur melalui waktu
        dh_next = np.dot(d_output, self.Wo.T) # Gradien dari output layer kembali ke final_h_t

        # Iterate backward through the sequence
        for t in reversed(range(len(sequence_cache))):
            cache_t = sequence_cache[t]
            x_t, h_prev, z_pre, r_pre, h_tilde_pre, z_t, r_t, h_tilde_t, h_t = \
                cache_t['x_t'], cache_t['h_prev'], cache_t['z_pre'], cache_t['r_pre'], cache_t['h_tilde_pre'], \
                cache_t['z_t'], cache_t['r_t'], cache_t['h_tilde_t'], cache_t['h_t']

            # Total gradien untuk h_t (dari current time step + dari future time step)
            dh_t = dh_next # Gradien dari h_t pada time step selanjutnya (dh_next akan di update)

            # Gradien untuk h_prev (dari 1 - z_t) * h_prev
            dh_prev_term1 = dh_t * (1 - z_t)

            # Gradien terhadap z_t
            dz_t = dh_t * (h_tilde_t - h_prev)
            dz_pre = dz_t * sigmoid_derivative(z_pre) # Gradien melalui sigmoid

            # Gradien terhadap h_tilde_t
            dh_tilde_t = dh_t * z_t
            dh_tilde_pre = dh_tilde_t * tanh_derivative(h_tilde_pre) # Gradien melalui tanh

            # Gradien terhadap Wh, Uh, bh dari h_tilde_t
            dWh += np.dot(x_t.T, dh_tilde_pre)
            db_h += dh_tilde_pre
            # Ini adalah bagian tricky untuk Uh dan h_prev
            dUh_h_prev_product = dh_tilde_pre # Gradien yang masuk ke (r_t * h_prev) * Uh
            dUh += np.dot((r_t * h_prev).T, dUh_h_prev_product)
            
            # Gradien untuk r_t (dari r_t * h_prev * Uh)
            dr_t_from_h_tilde = dUh_h_prev_product * self.Uh.T * h_prev # Ini salah, harus dot product, bukan element-wise
            dr_t_from_h_tilde = np.dot(dUh_h_prev_product, self.Uh.T) * h_prev # Perbaikan ini

            # Gradien terhadap r_t
            dr_t = dr_t_from_h_tilde # Ini adalah gradien r_t yang berasal dari h_tilde_t
            dr_pre = dr_t * sigmoid_derivative(r_pre) # Gradien melalui sigmoid

            # Gradien terhadap Wr, Ur, br dari r_t
            dWr += np.dot(x_t.T, dr_pre)
            dbr += dr_pre
            dUr += np.dot(h_prev.T, dr_pre)

            # Gradien terhadap z_t
            dWz += np.dot(x_t.T, dz_pre)
            dbz += dz_pre
            dUz += np.dot(h_prev.T, dz_pre)

            # Gradien untuk h_prev yang berasal dari r_t * h_prev di h_tilde
            dh_prev_term2 = np.dot(dr_t, self.Ur.T) + np.dot(dh_tilde_pre * r_t, self.Uh.T) # Perbaikan ini
            
            # Total gradien untuk h_prev pada time step ini, yang akan diteruskan ke time step sebelumnya
            dh_next = dh_prev_term1 + dh_prev_term2


        # Akumulasi gradien yang telah dihitung ke dalam self.grads
        self.grads = {
            'dWz': dWz, 'dUz': dUz, 'dbz': dbz,
            'dWr': dWr, 'dUr': dUr, 'dbr': dbr,
            'dWh': dWh, 'dUh': dUh, 'dbh': dbh,
            'dWo': dWo, 'dbo': dbo
        }
        # return self.grads # Kita tidak perlu mengembalikan grads secara eksplisit karena langsung di update_weights

    # >>> cut: def update_weights(self, learning_rate) (plain SGD step with self.grads), create_sequences and the Flask routes
