# source: search-index file id 25285596890 (public GitHub Python file, 64108 characters; the index does not name its repository, path, author or date; a Spanish-commented, Keras-like numpy deep-learning library: Layer, Flatten, Dense, Conv2D, pooling, RecurrentLayer, SimpleRNN, GRU with a Keras-style reset_after option, LSTM; imports Activation/Sigmoid/Tanh from a sibling module .activations that is not in this file; recent, "tuple[any,...]" hints). Kept verbatim: the import header, class RecurrentLayer (whole, it defines calculate_output) and class GRU (whole: __init__, compile, __call__, backward). Cut: Layer, Flatten, Dense, Conv2D, the pooling layers, SimpleRNN and LSTM (other layers; nothing of the GRU depends on them except the Layer base constructor).
from __future__ import annotations
import inspect
import numpy as np
from .activations import Activation, Sigmoid, Tanh
from utils.helpers import initialize_parameters
import math

class RecurrentLayer(Layer):
    def __init__(self, units: int, input_shape: tuple[any,...]=None, name: str='recurrent_layer', activation: Activation=Tanh(), recurrent_activation: Activation=Sigmoid(), return_sequences: bool=False, return_state: bool=False, weights: np.array=None, recurrent_weights: np.array=None, bias: np.array=None, weight_initializer: str='glorot_uniform', recurrent_weight_initializer: str='orthogonal', bias_initializer: str='zeros', short_term_memory: np.array=None) -> None:
        """
        Constructor de una capa RNN simple

        :param units: cantidad de unidades
        :param input_shape: forma de la entrada
        :param name: nombre de la capa
        :param activation: función de activación
        :param recurrent_activation: función de activación recurrente
        :param return_sequences: indica si se debe devolver una secuencia de salidas
        :param return_state: indica si se debe devolver el estado de la capa
        :param weights: pesos de la capa
        :param recurrent_weights: pesos recurrentes de la capa
        :param bias: bias de la capa
        :param weight_initializer: inicializador de pesos
        :param recurrent_weight_initializer: inicializador de pesos recurrentes
        :param bias_initializer: inicializador de bias
        :param short_term_memory: memoria de corto plazo
        """
        self.activation = activation
        self.recurrent_activation = recurrent_activation
        self.units = units
        self.return_sequences = return_sequences
        self.return_state = return_state
        self.weights = weights
        self.recurrent_weights = recurrent_weights
        self.bias = bias
        self.weights_grads = None
        self.recurrent_weights_grads = None
        self.bias_grads = None
        self.weights_initializer = weight_initializer
        self.recurrent_weight_initializer = recurrent_weight_initializer
        self.bias_initializer = bias_initializer
        self.short_term_memory = short_term_memory
        self.hist_states = []
        super().__init__(input_shape=input_shape, name=name)

    def compile(self, input_shape: tuple[int, ...]=None) -> None:
        """
        Compila la capa, inicializando sus parámetros y generando las dimensiones de salida de la capa.

        :param input_shape: tupla con las dimensiones de entrada (batches, timesteps, input_dim)
        """
        raise NotImplementedError

    def __call__(self, x: np.ndarray) -> np.ndarray:
        """
        Realiza una propagación hacia adelante.

        :param x: matriz de entrada
        :return: matriz de salida de la capa
        """
        raise NotImplementedError

    def backward(self, grad_x: np.ndarray) -> np.ndarray:
        """
        Realiza una propagación hacia atrás.

        :param x_grad: gradientes de la propagación hacia adelante
        :return: gradientes de la propagación hacia atrás
        """
        raise NotImplementedError

    def calculate_output(self, outputs: np.ndarray, states: tuple[np.ndarray, ...]) -> None:
        """
        Retorna los resultados de la propagación hacia adelante segun los parámetros de la capa.

        :param outputs: salidas de la capa
        :param states: estados de la capa
        :return: salidas de la capa
        """
        if self.return_sequences:
            if self.return_state:
                return outputs, *states
            return outputs
        else:
            outputs = outputs[:, -1, :]
            if self.return_state:
                return outputs, *states
            return outputs

class GRU(RecurrentLayer):
    def __init__(self, units: int, input_shape: tuple[any,...]=None, name: str='gru', activation: Activation=Tanh(), recurrent_activation: Activation=Sigmoid(), return_sequences: bool=False, return_state: bool=False, weights: np.array=None, recurrent_weights: np.array=None, bias: np.array=None, weight_initializer: str='glorot_uniform', recurrent_weight_initializer: str='orthogonal', bias_initializer: str='zeros', short_term_memory: np.array=None, reset_after: bool=True) -> None:
        """
        Constructor de una capa GRU (Gated Recurrent Unit)

        :param units: cantidad de unidades
        :param input_shape: forma de la entrada
        :param name: nombre de la capa
        :param activation: función de activación
        :param recurrent_activation: función de activación recurrente
        :param return_sequences: indica si se debe devolver una secuencia de salidas
        :param return_state: indica si se debe devolver el estado de la capa
        :param weights: pesos de la capa
        :param recurrent_weights: pesos recurrentes de la capa
        :param bias: bias de la capa
        :param weight_initializer: inicializador de pesos
        :param recurrent_weight_initializer: inicializador de pesos recurrentes
        :param bias_initializer: inicializador de bias
        :param short_term_memory: memoria de corto plazo
        :param reset_after: indica si aplicar el reset gate después de la multiplicación con los pesos recurrentes
        """
        self.reset_after = reset_after
        self.z_list = []
        self.r_list = []
        self.h_tilde_list = []
        super().__init__(units=units, input_shape=input_shape, name=name, activation=activation, recurrent_activation=recurrent_activation, return_sequences=return_sequences, return_state=return_state, weights=weights, recurrent_weights=recurrent_weights, bias=bias, weight_initializer=weight_initializer, recurrent_weight_initializer=recurrent_weight_initializer, bias_initializer=bias_initializer, short_term_memory=short_term_memory)
    
    def compile(self, input_shape: tuple[int, ...]=None) -> None:
        """
        Compila la capa, inicializando sus parámetros y generando las dimensiones de salida de la capa.

        :param input_shape: tupla con las dimensiones de entrada (batches, channels, height, width)
        """
        self.input_shape = input_shape
        if self.return_sequences:
            self.output_shape = (None, input_shape[1], self.units)
        else:
            self.output_shape = (None, self.units)
        if self.weights is None:
            self.weights = initialize_parameters(shape=(input_shape[-1], 3 * self.units), distribution=self.weights_initializer)
        if self.recurrent_weights is None:
            self.recurrent_weights = initialize_parameters(shape=(self.units, 3 * self.units), distribution=self.recurrent_weight_initializer)
        if self.bias is None:
            if self.reset_after:
                self.bias = initialize_parameters(shape=(2, 3 * self.units), distribution=self.bias_initializer, is_bias=True)
            else:
                self.bias = initialize_parameters(shape=(3 * self.units), distribution=self.bias_initializer, is_bias=True)

    def __call__(self, x: np.ndarray) -> np.ndarray:
        """
        Realiza una propagación hacia adelante.

        :param x: matriz de entrada
        :return: matriz de salida de la capa
        """
        self.forward_data = x
        batch_size, timesteps, _ = x.shape # (batches, timesteps, input_dim)

        W_z, W_r, W_h = np.hsplit(self.weights, 3)
        U_z, U_r, U_h = np.hsplit(self.recurrent_weights, 3)

        if self.reset_after:
            b_in = self.bias[0]
            b_rec = self.bias[1]
            b_z = b_in[:self.units] + b_rec[:self.units]
            b_r = b_in[self.units:2*self.units] + b_rec[self.units:2*self.units]
            b_h = b_in[2*self.units:] + b_rec[2*self.units:]
        else:
            b_z, b_r, b_h = np.split(self.bias, 3)

        self.short_term_memory = np.zeros((batch_size, self.units))
        self.hist_states = [self.short_term_memory.copy()]
        outputs = []

        for t in range(timesteps):
            xt = x[:, t]
            h_prev = self.short_term_memory

            # Update gate
            z = self.recurrent_activation(xt @ W_z + h_prev @ U_z + b_z)
            # Reset gate
            r = self.recurrent_activation(xt @ W_r + h_prev @ U_r + b_r)
            # Candidato
            if self.reset_after:
                h_tilde = self.activation(xt @ W_h + r * (h_prev @ U_h) + b_h)
            else:
                h_tilde = self.activation(xt @ W_h + (r * h_prev) @ U_h + b_h)
            
            self.short_term_memory = z * h_prev + (1 - z) * h_tilde

            outputs.append(self.short_term_memory.copy())
            self.z_list.append(z)
            self.r_list.append(r)
            self.hist_states.append(self.short_term_memory.copy())
            self.h_tilde_list.append(h_tilde)
        
        outputs = np.stack(outputs, axis=1) # (batch, timesteps, units)
        return self.calculate_output(outputs, [self.short_term_memory])

    def backward(self, x_grad: np.ndarray) -> np.ndarray:
        """
        Realiza una propagación hacia atrás.

        :param x_grad: gradientes de la propagación hacia adelante
        :return: gradientes de la propagación hacia atrás
        """
        batch_size, timesteps, _ = self.forward_data.shape # (batches, timesteps, input_dim)
        W_z, W_r, W_h = np.hsplit(self.weights, 3)
        U_z, U_r, U_h = np.hsplit(self.recurrent_weights, 3)
        b_rec = self.bias[1]

        if self.return_sequences:
            dY_list = [x_grad[:, t, :] for t in range(timesteps)]
        else:
            dY_list = [np.zeros((batch_size, self.units)) for _ in range(timesteps)]
            dY_list[-1] = x_grad

        self.weights_grads = np.zeros_like(self.weights)
        self.recurrent_weights_grads = np.zeros_like(self.recurrent_weights)
        self.bias_grads = np.zeros_like(self.bias)

        dh_next = np.zeros((batch_size, self.units))
        self.data_grads = [None] * timesteps
        dW_z = np.zeros_like(W_z)
        dW_r = np.zeros_like(W_r)
        dW_h = np.zeros_like(W_h)
        dU_z = np.zeros_like(U_z)
        dU_r = np.zeros_like(U_r)
        dU_h = np.zeros_like(U_h)
        db_in = np.zeros_like(self.bias[0]) if self.reset_after else None
        db_rec = np.zeros_like(self.bias[1]) if self.reset_after else None

        for t in reversed(range(timesteps)):
            dh = dY_list[t] + dh_next
            
            h_prev = self.hist_states[t]
            z = self.z_list[t]
            r = self.r_list[t]
            h_tilde = self.h_tilde_list[t]
            x_t = self.forward_data[:, t]

            dh_tilde = dh * (1 - z)
            dh_tilde_pre = self.activation.backward(dh_tilde, x=h_tilde)

            if self.reset_after:
                dr = dh_tilde_pre * (h_prev @ U_h + b_rec[2*self.units:])
            else:
                dr = (dh_tilde_pre @ U_h.T) * h_prev
            dr_pre = self.recurrent_activation.backward(dr, x=r)

            dz = dh * (h_prev - h_tilde)
            dz_pre = self.recurrent_activation.backward(dz, x=z)

            dW_h += x_t.T @ dh_tilde_pre
            dW_r += x_t.T @ dr_pre
            dW_z += x_t.T @ dz_pre

            if self.reset_after:
                dU_h += h_prev.T @ (dh_tilde_pre * r)
            else:
                dU_h += (r * h_prev).T @ dh_tilde_pre
            dU_r += h_prev.T @ dr_pre
            dU_z += h_prev.T @ dz_pre

            if self.reset_after:
                # bias entrada
                db_in[2*self.units:] += np.sum(dh_tilde_pre, axis=0)
                db_in[self.units:2*self.units] += np.sum(dr_pre, axis=0)
                db_in[:self.units] += np.sum(dz_pre, axis=0)
                # bias recurrente
                db_rec[2*self.units:] += np.sum(dh_tilde_pre * r, axis=0)
                db_rec[self.units:2*self.units] += np.sum(dr_pre, axis=0)
                db_rec[:self.units] += np.sum(dz_pre, axis=0)
            else:
                self.bias_grads[2*self.units:] += np.sum(dh_tilde_pre, axis=0)
                self.bias_grads[self.units:2*self.units] += np.sum(dr_pre, axis=0)
                self.bias_grads[:self.units] += np.sum(dz_pre, axis=0)

            dh_prev = dh * z 
            if self.reset_after:
                dh_prev += (
                    dz_pre @ U_z.T +
                    dr_pre @ U_r.T +
                    (dh_tilde_pre * r) @ U_h.T
                )
            else:
                dh_prev += (
                    dz_pre @ U_z.T +
                    dr_pre @ U_r.T +
                    (dh_tilde_pre @ U_h.T) * r
                )
            dh_next = dh_prev

            dx_t = (
                dz_pre @ W_z.T +
                dr_pre @ W_r.T +
                dh_tilde_pre @ W_h.T
            )
            self.data_grads[t] = dx_t

        self.data_grads = np.stack(self.data_grads, axis=1)
        self.weights_grads = np.hstack([dW_z, dW_r, dW_h])
        self.recurrent_weights_grads = np.hstack([dU_z, dU_r, dU_h])
        if self.reset_after:
            self.bias_grads = np.array([db_in, db_rec])
        
        return self.data_grads
