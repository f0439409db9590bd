# source: public GitHub Python file, search-index file id 14925737645 (14,620 characters with CRLF line ends; the index does not name its repository, path, author or date): a NumPy LSTM regressor with per-parameter Adam, classes Adam, LSTM, DataBatcher, LSTMTrainer. Kept verbatim (CRLF written as LF): the import, class LSTM (whole), and from class LSTMTrainer: __init__, forward, compute_loss, backward. Cut: class Adam (standard Adam step: params -= lr*m_hat/(sqrt(v_hat)+eps), called as update(param, grad)), class DataBatcher (yields X_batch, y_batch transposed to (time_steps, batch, features)), LSTMTrainer.compute_metrics, train_epoch, train, predict. train_epoch (not kept) calls forward(X_batch), then backward(predictions, y_batch), then self.lstm.reset_state() after every batch, so self.lstm.h / self.lstm.c start each batch at zero and, during backward, hold the LAST step's h_T / c_T.
import numpy as np

class LSTM:
    def __init__(self, input_size, hidden_size, batch_size):
        self.input_size = input_size
        self.hidden_size = hidden_size
        self.batch_size = batch_size
        
        # Initialize weights
        # Forget gate weights
        self.Wf = np.random.randn(input_size, hidden_size) * 0.01
        self.Uf = np.random.randn(hidden_size, hidden_size) * 0.01
        self.bf = np.zeros((1, hidden_size))
        
        # Input gate weights
        self.Wi = np.random.randn(input_size, hidden_size) * 0.01
        self.Ui = np.random.randn(hidden_size, hidden_size) * 0.01
        self.bi = np.zeros((1, hidden_size))
        
        # Output gate weights
        self.Wo = np.random.randn(input_size, hidden_size) * 0.01
        self.Uo = np.random.randn(hidden_size, hidden_size) * 0.01
        self.bo = np.zeros((1, hidden_size))
        
        # Cell state weights
        self.Wc = np.random.randn(input_size, hidden_size) * 0.01
        self.Uc = np.random.randn(hidden_size, hidden_size) * 0.01
        self.bc = np.zeros((1, hidden_size))
        
        # Initialize optimizers for each weight
        self.optimizers = {
            'Wf': Adam(), 'Uf': Adam(), 'bf': Adam(),
            'Wi': Adam(), 'Ui': Adam(), 'bi': Adam(),
            'Wo': Adam(), 'Uo': Adam(), 'bo': Adam(),
            'Wc': Adam(), 'Uc': Adam(), 'bc': Adam()
        }
        
        self.reset_state()
    
    def reset_state(self):
        self.h = np.zeros((self.batch_size, self.hidden_size))
        self.c = np.zeros((self.batch_size, self.hidden_size))
    
    def sigmoid(self, x):
        return 1 / (1 + np.exp(-np.clip(x, -15, 15)))
    
    def forward(self, x):
        """
        Forward pass of LSTM
        x shape: (time_steps, batch_size, input_size)
        Returns: (time_steps, batch_size, hidden_size)
        """
        time_steps = x.shape[0]
        outputs = np.zeros((time_steps, self.batch_size, self.hidden_size))
        self.cache = []
        
        for t in range(time_steps):
            # Get current input
            xt = x[t]
            
            # Forget gate
            f = self.sigmoid(np.dot(xt, self.Wf) + np.dot(self.h, self.Uf) + self.bf)
            
            # Input gate
            i = self.sigmoid(np.dot(xt, self.Wi) + np.dot(self.h, self.Ui) + self.bi)
            
            # Output gate
            o = self.sigmoid(np.dot(xt, self.Wo) + np.dot(self.h, self.Uo) + self.bo)
            
            # Cell candidate
            c_candidate = np.tanh(np.dot(xt, self.Wc) + np.dot(self.h, self.Uc) + self.bc)
            
            # Update cell state
            self.c = f * self.c + i * c_candidate
            
            # Update hidden state
            self.h = o * np.tanh(self.c)
            
            outputs[t] = self.h
            self.cache.append((xt, f, i, o, c_candidate, self.c))
        
        return outputs
    
    def backward(self, dh_next, learning_rate=0.001):
        """
        Backward pass of LSTM
        dh_next shape: (time_steps, batch_size, hidden_size)
        """
        time_steps = len(self.cache)
        
        dWf, dUf, dbf = 0, 0, 0
        dWi, dUi, dbi = 0, 0, 0
        dWo, dUo, dbo = 0, 0, 0
        dWc, dUc, dbc = 0, 0, 0
        
        dh_prev = np.zeros_like(self.h)
        dc_prev = np.zeros_like(self.c)
        
        for t in reversed(range(time_steps)):
            xt, f, i, o, c_candidate, c = self.cache[t]
            dh = dh_next[t] + dh_prev
            dc = dc_prev + (dh * o * (1 - np.tanh(c)**2))
            
            # Output gate derivatives
            do = dh * np.tanh(c)
            do_input = do * o * (1 - o)
            dWo += np.dot(xt.T, do_input)
            dUo += np.dot(self.h.T, do_input)
            dbo += np.sum(do_input, axis=0, keepdims=True)
            
            # Input gate derivatives
            di = dc * c_candidate
            di_input = di * i * (1 - i)
            dWi += np.dot(xt.T, di_input)
            dUi += np.dot(self.h.T, di_input)
            dbi += np.sum(di_input, axis=0, keepdims=True)
            
            # Forget gate derivatives
            df = dc * self.c
            df_input = df * f * (1 - f)
            dWf += np.dot(xt.T, df_input)
            dUf += np.dot(self.h.T, df_input)
            dbf += np.sum(df_input, axis=0, keepdims=True)
            
            # Cell state derivatives
            dc_candidate = dc * i
            dc_candidate_input = dc_candidate * (1 - c_candidate**2)
            dWc += np.dot(xt.T, dc_candidate_input)
            dUc += np.dot(self.h.T, dc_candidate_input)
            dbc += np.sum(dc_candidate_input, axis=0, keepdims=True)
            
            # Update gradients for next timestep
            dh_prev = (np.dot(do_input, self.Uo.T) + 
                      np.dot(di_input, self.Ui.T) + 
                      np.dot(df_input, self.Uf.T) + 
                      np.dot(dc_candidate_input, self.Uc.T))
            dc_prev = dc * f
        
        # Update weights using Adam optimizer
        self.Wf = self.optimizers['Wf'].update(self.Wf, dWf)
        self.Uf = self.optimizers['Uf'].update(self.Uf, dUf)
        self.bf = self.optimizers['bf'].update(self.bf, dbf)
        
        self.Wi = self.optimizers['Wi'].update(self.Wi, dWi)
        self.Ui = self.optimizers['Ui'].update(self.Ui, dUi)
        self.bi = self.optimizers['bi'].update(self.bi, dbi)
        
        self.Wo = self.optimizers['Wo'].update(self.Wo, dWo)
        self.Uo = self.optimizers['Uo'].update(self.Uo, dUo)
        self.bo = self.optimizers['bo'].update(self.bo, dbo)
        
        self.Wc = self.optimizers['Wc'].update(self.Wc, dWc)
        self.Uc = self.optimizers['Uc'].update(self.Uc, dUc)
        self.bc = self.optimizers['bc'].update(self.bc, dbc)

class LSTMTrainer:
    def __init__(self, input_size, hidden_size, output_size, batch_size):
        self.lstm = LSTM(input_size, hidden_size, batch_size)
        self.output_size = output_size
        self.batch_size = batch_size
        
        # Output layer weights
        self.Wy = np.random.randn(hidden_size, output_size) * 0.01
        self.by = np.zeros((1, output_size))
        
        # Output layer optimizer
        self.Wy_optimizer = Adam()
        self.by_optimizer = Adam()
        
        # Initialize loss history
        self.train_losses = []
        self.val_losses = []
    
    def forward(self, X):
        """Forward pass through LSTM and output layer"""
        self.lstm_outputs = self.lstm.forward(X)
        
        time_steps = X.shape[0]
        current_batch_size = X.shape[1]
        predictions = np.zeros((time_steps, current_batch_size, self.output_size))
        
        for t in range(time_steps):
            predictions[t] = np.dot(self.lstm_outputs[t], self.Wy) + self.by
        
        return predictions
    
    def compute_loss(self, predictions, targets):
        """Compute MSE loss for regression"""
        return np.mean((predictions - targets) ** 2)
    
    def backward(self, predictions, targets):
        """Backward pass through output layer and LSTM"""
        time_steps = predictions.shape[0]
        batch_size = predictions.shape[1]
        
        dWy = np.zeros_like(self.Wy)
        dby = np.zeros_like(self.by)
        dlstm_outputs = np.zeros_like(self.lstm_outputs)
        
        # Compute gradients
        for t in range(time_steps):
            dout = (predictions[t] - targets[t]) / (batch_size * time_steps)
            
            dWy += np.dot(self.lstm_outputs[t].T, dout)
            dby += np.sum(dout, axis=0, keepdims=True)
            dlstm_outputs[t] = np.dot(dout, self.Wy.T)
        
        # Update weights
        self.Wy = self.Wy_optimizer.update(self.Wy, dWy)
        self.by = self.by_optimizer.update(self.by, dby)
        self.lstm.backward(dlstm_outputs)
