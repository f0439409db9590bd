# source: https://github.com/adcondev/long-short-term-memory/blob/b481c9bbda076bf389cea8ef1f773dfd5dc4fbc2/LSTM.py (Adrián / adcondev, 'Character-Level LSTM for French Name Generation', numpy LSTM from scratch with Spanish comments, commit b481c9bb of 2023-02-15, unchanged at HEAD 9a0a638b). Kept verbatim: source lines 1-4 (imports), 95-112 (sizes, hyper-parameters), 120-565 (activations, parameters, lstm_cell, output_cell, get_embeddings, forward_propagation, cal_loss_accuracy, all error/derivative functions, backward_propagation) and 643-658 (update_embeddings). Cut: 5-94 (CSV loading, '.'-padding, vocabulary, one-hot batches: train_dataset[k] is a list over character positions of one-hot arrays (batch_size, vocab_size)), 113-119 (FPGA_Weights export), 566-642 (Adam update_parameters), 659-end (initialize_V/S, train loop, plots, predict, FPGA dump).
import numpy as np
import pandas as pd
import matplotlib.pyplot as plt
import time
# unidades de entrada
input_units = 16

# unidades de hidden layer
hidden_units = 16

# unidades de salida
output_units = vocab_size

# learning rate
learning_rate = 0.001

# beta1 adam: coeficiente de decaemiento exponencial
beta1 = 0.9

# beta2 adam: coeficiente de decaemiento exponencial
beta2 = 0.999

# Funciones de activación
# sigmoid


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


# tanh activation
def tanh_activation(x):
    return np.tanh(x)


# softmax activation
def softmax(x):
    exp_x = np.exp(x)
    exp_x_sum = np.sum(exp_x, axis=1).reshape(-1, 1)
    exp_x = exp_x / exp_x_sum
    return exp_x


# derivada de tanh
def tanh_derivative(x):
    return 1 - (x ** 2)


# Parametros
def initialize_parameters():
    # Parametros con media 0 y desviación estándar de 0.01
    mean = 0
    std = 0.01

    # inicializar parametros de LSTM
    forget_gate_weights = np.random.normal(
        mean, std, (input_units + hidden_units, hidden_units))
    input_gate_weights = np.random.normal(
        mean, std, (input_units + hidden_units, hidden_units))
    output_gate_weights = np.random.normal(
        mean, std, (input_units + hidden_units, hidden_units))
    candidate_gate_weights = np.random.normal(
        mean, std, (input_units + hidden_units, hidden_units))

    # hidden --> output
    hidden_output_weights = np.random.normal(
        mean, std, (hidden_units, output_units))

    parameters = dict()
    parameters['fgw'] = forget_gate_weights
    parameters['igw'] = input_gate_weights
    parameters['ogw'] = output_gate_weights
    parameters['cgw'] = candidate_gate_weights
    parameters['how'] = hidden_output_weights

    return parameters


# single layer lstm
def lstm_cell(batch_dataset, prev_activation_matrix, prev_cell_matrix, parameters):
    # INPUT --> HIDDEN
    # parametros
    fgw = parameters['fgw']
    igw = parameters['igw']
    ogw = parameters['ogw']
    cgw = parameters['cgw']

    # concatenar input con la activación anterior
    concat_dataset = np.concatenate(
        (batch_dataset, prev_activation_matrix), axis=1)
    # forget gate
    fa = np.matmul(concat_dataset, fgw)
    # print(concat_dataset.shape, fgw.shape, "Matmul: 175")
    fa = sigmoid(fa)
    # print(fa.shape)
    # input gate
    ia = np.matmul(concat_dataset, igw)
    # print(concat_dataset.shape, igw.shape, "Matmul: 180")
    ia = sigmoid(ia)

    # output gate
    oa = np.matmul(concat_dataset, ogw)
    # print(concat_dataset.shape, ogw.shape, "Matmul: 185")
    oa = sigmoid(oa)

    # candidate gate
    ga = np.matmul(concat_dataset, cgw)
    # print(concat_dataset.shape, cgw.shape, "Matmul: 190")
    ga = tanh_activation(ga)

    # actualizar cell memory
    cell_memory_matrix = np.multiply(
        fa, prev_cell_matrix) + np.multiply(ia, ga)
    # print(fa.shape, prev_cell_matrix.shape, "Hada: 195")
    # print(ia.shape, ga.shape, "Hada: 196")
    # print(fa.shape, ia.shape, "Sum: 197")
    # print("Sum(Had,Had): 198")
    # Salida de hidden layer
    activation_matrix = np.multiply(oa, tanh_activation(cell_memory_matrix))
    # print(cell_memory_matrix.shape, "Tanh: 201")
    # print(oa.shape, cell_memory_matrix.shape, "Hada: 202")
    # print("Hada(Matrix, Tanh): 202")
    # Guardar valores de activación para el backpropagation
    lstm_activations = dict()
    lstm_activations['fa'] = fa
    lstm_activations['ia'] = ia
    lstm_activations['oa'] = oa
    lstm_activations['ga'] = ga

    return lstm_activations, cell_memory_matrix, activation_matrix


def output_cell(activation_matrix, parameters):
    # HIDDEN --> OUTPUT
    # parametros
    how = parameters['how']

    # outputs
    output_matrix = np.matmul(activation_matrix, how)
    # print(activation_matrix.shape, how.shape, "Matmul: 216")
    output_matrix = softmax(output_matrix)

    return output_matrix


def get_embeddings(batch_dataset, embeddings):
    embedding_dataset = np.matmul(batch_dataset, embeddings)
    # print(batch_dataset.shape, embeddings.shape, "Matmul: 224")
    return embedding_dataset


# forward propagation
def forward_propagation(batches, parameters, embeddings):
    # tamaño de batch
    batch_size = batches[0].shape[0]

    # vectores de activación de cada gate para el back prop.
    lstm_cache = dict()
    activation_cache = dict()
    cell_cache = dict()
    output_cache = dict()
    embedding_cache = dict()

    # inicializar activation_matrix(a0) y cell_matrix(c0)
    a0 = np.zeros([batch_size, hidden_units], dtype=np.float32)
    c0 = np.zeros([batch_size, hidden_units], dtype=np.float32)

    # almacenar activaciones de diccionario
    activation_cache['a0'] = a0
    cell_cache['c0'] = c0

    # nombres
    for i in range(len(batches) - 1):
        # primeros caracteres del batch
        batch_dataset = batches[i]

        # embebidos
        batch_dataset = get_embeddings(batch_dataset, embeddings)
        embedding_cache['emb' + str(i)] = batch_dataset

        # lstm
        lstm_activations, ct, at = lstm_cell(batch_dataset, a0, c0, parameters)

        # output
        ot = output_cell(at, parameters)

        # almacenar las t activaciones para backprop
        lstm_cache['lstm' + str(i + 1)] = lstm_activations
        activation_cache['a' + str(i + 1)] = at
        cell_cache['c' + str(i + 1)] = ct
        output_cache['o' + str(i + 1)] = ot

        # actualizar para la siguiente t
        a0 = at
        c0 = ct

    return embedding_cache, lstm_cache, activation_cache, cell_cache, output_cache


# costo, perplejidad y precisión
def cal_loss_accuracy(batch_labels, output_cache):
    loss = 0
    acc = 0
    prob = 1

    # batch size
    batch_size = batch_labels[0].shape[0]

    # evaluar através de los t pasos
    for i in range(1, len(output_cache) + 1):
        # etiquetas y predicciones
        labels = batch_labels[i]
        pred = output_cache['o' + str(i)]

        a = np.sum(np.multiply(labels, pred), axis=1).reshape(-1, 1)
        prob = np.multiply(prob, a)
        # print(labels.shape, pred.shape, "Hada: 297") 128, Vocab
        # print(prob.shape, a.shape, "Hada: 299") 128,1
        loss += np.sum((np.multiply(labels, np.log(pred)) + np.multiply(1 - labels, np.log(1 - pred))), axis=1).reshape(
            -1, 1)
        # print(labels.shape, pred.shape, "2x Hada: 302")
        acc += np.array(np.argmax(labels, 1) == np.argmax(pred,
                        1), dtype=np.float32).reshape(-1, 1)

    # ccosto, perplejidad y precisión
    perplexity = np.sum((1 / prob) ** (1 / len(output_cache))) / batch_size
    loss = np.sum(loss) * (-1 / batch_size)
    acc = np.sum(acc) / batch_size
    acc = acc / len(output_cache)

    return perplexity, loss, acc


# calcular errores de output
def calculate_output_cell_error(batch_labels, output_cache, parameters):
    # alamcenar errores para t pasos
    output_error_cache = dict()
    activation_error_cache = dict()
    how = parameters['how']

    # evaluar en t pasos
    for i in range(1, len(output_cache) + 1):
        labels = batch_labels[i]
        pred = output_cache['o' + str(i)]

        # output_error para 't' específico
        error_output = pred - labels

        error_activation = np.matmul(error_output, how.T)
        # print(error_output.shape, how.T.shape, "Matmul: 330")

        output_error_cache['eo' + str(i)] = error_output
        activation_error_cache['ea' + str(i)] = error_activation
    # print(error_output.shape, how.T.shape)
    return output_error_cache, activation_error_cache


# error de capa lstm
def calculate_single_lstm_cell_error(activation_output_error, next_activation_error, next_cell_error, parameters,
                                     lstm_activation, cell_activation, prev_cell_activation):
    activation_error = activation_output_error + next_activation_error
    # print(activation_error.shape, '1')
    # output gate error
    oa = lstm_activation['oa']
    eo = np.multiply(activation_error, tanh_activation(cell_activation))
    # print(cell_activation.shape, "Tanh: 346")
    # print(activation_error.shape, cell_activation.shape, "Hada: 345")
    # print("Sum(Matrix, Tanh): 345")
    x = np.multiply(eo, oa)
    eo = np.multiply(x, 1 - oa)
    # print(eo.shape, "Hada: 350")

    # cell activation error
    cell_error = np.multiply(activation_error, oa)
    # print(activation_error.shape, oa.shape, "Hada: 355")
    cell_error = np.multiply(cell_error, tanh_derivative(
        tanh_activation(cell_activation)))
    # print(cell_activation.shape, "d(Tanh): 357")
    # print(cell_error.shape, cell_activation.shape, "Hada: 358")

    cell_error += next_cell_error

    # input gate error
    ia = lstm_activation['ia']
    ga = lstm_activation['ga']
    ei = np.multiply(cell_error, ga)
    # print(cell_error.shape, ga.shape, "Hada: 366")
    y = np.multiply(ei, ia)
    ei = np.multiply(y, 1 - ia)
    # print(ei.shape, ia.shape, "Hada: 369")
    # print(y.shape, ia.shape, "Hada: 370")

    # gate gate error
    eg = np.multiply(cell_error, ia)
    # print(cell_error.shape, ia.shape, "Hada: 375")
    eg = np.multiply(eg, tanh_derivative(ga))
    # print(ga.shape, "d(Tanh): 377")
    # print(eg.shape, ga.shape, "Hada: 378")
    # print("Hada(Matrix, Tanh): 379")
    # forget gate error
    fa = lstm_activation['fa']
    ef = np.multiply(cell_error, prev_cell_activation)
    # print(cell_error.shape, prev_cell_activation.shape, "Hada: 382")
    z = np.multiply(ef, fa)
    ef = np.multiply(z, 1 - fa)
    # print(ef.shape, fa.shape, "Hada: 385")
    # print(z.shape, fa.shape, "Hada: 386")

    # prev cell error
    prev_cell_error = np.multiply(cell_error, fa)
    # print(cell_error.shape, fa.shape, "Hada: 390")
    # get parameters
    fgw = parameters['fgw']
    igw = parameters['igw']
    cgw = parameters['cgw']
    ogw = parameters['ogw']

    # embedding + hidden activation error
    embed_activation_error = np.matmul(ef, fgw.T)
    # print(ef.shape, fgw.T.shape, "Matmul: 399")
    embed_activation_error += np.matmul(ei, igw.T)
    # print(ei.shape, igw.T.shape, "Matmul: 401")
    embed_activation_error += np.matmul(eo, ogw.T)
    # print(eo.shape, ogw.T.shape, "Matmul: 403")
    embed_activation_error += np.matmul(eg, cgw.T)
    # print(eg.shape, cgw.T.shape, "Matmul: 405")

    input_hidden_units = fgw.shape[0]
    hidden_units = fgw.shape[1]
    input_units = input_hidden_units - hidden_units

    # prev activation error
    prev_activation_error = embed_activation_error[:, input_units:]

    # embedding error
    embed_error = embed_activation_error[:, :input_units]

    # almacenar errores
    lstm_error = dict()
    lstm_error['ef'] = ef
    lstm_error['ei'] = ei
    lstm_error['eo'] = eo
    lstm_error['eg'] = eg

    return prev_activation_error, prev_cell_error, embed_error, lstm_error


# derivadas de salidas
def calculate_output_cell_derivatives(output_error_cache, activation_cache, parameters):
    # alamacenar sumatoria de derivadas
    dhow = np.zeros(parameters['how'].shape)

    batch_size = activation_cache['a1'].shape[0]

    for i in range(1, len(output_error_cache) + 1):
        # errore en la salida
        output_error = output_error_cache['eo' + str(i)]

        # activacion de entrada
        activation = activation_cache['a' + str(i)]

        # sumatoria de errores
        dhow += np.matmul(activation.T, output_error) / batch_size
    # print(activation.T.shape, output_error.shape, "Matmul & Div: 443")

    return dhow


# derivadas de capa lstm
def calculate_single_lstm_cell_derivatives(lstm_error, embedding_matrix, activation_matrix):
    # errore en un t
    ef = lstm_error['ef']
    ei = lstm_error['ei']
    eo = lstm_error['eo']
    eg = lstm_error['eg']

    # activaciones de entrada del paso t
    concat_matrix = np.concatenate(
        (embedding_matrix, activation_matrix), axis=1)

    batch_size = embedding_matrix.shape[0]

    # derivadas de esta paso t
    dfgw = np.matmul(concat_matrix.T, ef) / batch_size
    # print(concat_matrix.T.shape, ef.shape, "Matmul & Div: 463")
    digw = np.matmul(concat_matrix.T, ei) / batch_size
    # print(concat_matrix.T.shape, ei.shape, "Matmul & Div: 465")
    dogw = np.matmul(concat_matrix.T, eo) / batch_size
    # print(concat_matrix.T.shape, eo.shape, "Matmul & Div: 467")
    dcgw = np.matmul(concat_matrix.T, eg) / batch_size
    # print(concat_matrix.T.shape, eg.shape, "Matmul & Div: 469")

    # almacenar derivadas
    derivatives = dict()
    derivatives['dfgw'] = dfgw
    derivatives['digw'] = digw
    derivatives['dogw'] = dogw
    derivatives['dcgw'] = dcgw

    return derivatives


# BACK PROPAGATION
def backward_propagation(batch_labels, embedding_cache, lstm_cache, activation_cache, cell_cache, output_cache,
                         parameters):
    # calcular errores de output
    output_error_cache, activation_error_cache = calculate_output_cell_error(
        batch_labels, output_cache, parameters)

    # errore de lstm por paso t
    lstm_error_cache = dict()

    # errores de embedding por paso t
    embedding_error_cache = dict()

    # siguiente error de activacion
    # siguiente error de celula
    eat = np.zeros(activation_error_cache['ea1'].shape)
    ect = np.zeros(activation_error_cache['ea1'].shape)

    # calcular errores de lstm, para todo paso t
    for i in range(len(lstm_cache), 0, -1):
        # calcular errores de lstm para este paso t
        pae, pce, ee, le = calculate_single_lstm_cell_error(activation_error_cache['ea' + str(i)], eat, ect, parameters,
                                                            lstm_cache['lstm' + str(
                                                                i)], cell_cache['c' + str(i)],
                                                            cell_cache['c' + str(i - 1)])

        # almacenar en diccionario
        lstm_error_cache['elstm' + str(i)] = le

        # almacenar el dict
        embedding_error_cache['eemb' + str(i - 1)] = ee

        # actualizar suiguiente activacion
        eat = pae
        ect = pce

    # derivadas de salida
    derivatives = dict()
    derivatives['dhow'] = calculate_output_cell_derivatives(
        output_error_cache, activation_cache, parameters)

    # calcular derivadas para cada paso t y almacenar en diccionario
    lstm_derivatives = dict()
    for i in range(1, len(lstm_error_cache) + 1):
        lstm_derivatives['dlstm' + str(i)] = calculate_single_lstm_cell_derivatives(lstm_error_cache['elstm' + str(i)],
                                                                                    embedding_cache['emb' + str(
                                                                                        i - 1)],
                                                                                    activation_cache['a' + str(i - 1)])

    # inicializar derivadas en zeros
    derivatives['dfgw'] = np.zeros(parameters['fgw'].shape)
    derivatives['digw'] = np.zeros(parameters['igw'].shape)
    derivatives['dogw'] = np.zeros(parameters['ogw'].shape)
    derivatives['dcgw'] = np.zeros(parameters['cgw'].shape)

    # sumatoria de derivadas para cada paso
    for i in range(1, len(lstm_error_cache) + 1):
        derivatives['dfgw'] += lstm_derivatives['dlstm' + str(i)]['dfgw']
        derivatives['digw'] += lstm_derivatives['dlstm' + str(i)]['digw']
        derivatives['dogw'] += lstm_derivatives['dlstm' + str(i)]['dogw']
        derivatives['dcgw'] += lstm_derivatives['dlstm' + str(i)]['dcgw']
    # print(derivatives['dfgw'].shape)

    return derivatives, embedding_error_cache


# Embeddings
def update_embeddings(embeddings, embedding_error_cache, batch_labels):
    # embeddings derivatives
    embedding_derivatives = np.zeros(embeddings.shape)

    batch_size = batch_labels[0].shape[0]

    # sumatoria de embedding derivatives
    for i in range(len(embedding_error_cache)):
        embedding_derivatives += np.matmul(
            batch_labels[i].T, embedding_error_cache['eemb' + str(i)]) / batch_size
    # print(batch_labels[i].T.shape, embedding_error_cache['eemb' + str(i)].shape, "Matmul: 627")
    # actualizar pesos de embeddings
    embeddings = embeddings - learning_rate * embedding_derivatives
    return embeddings

