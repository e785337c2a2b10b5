# Right, another algorithm: one index array reorders the gate blocks of every weight.
def convert_gru(gru):
    units = gru.hidden_size
    order = np.r_[units:2 * units, 0:units, 2 * units:3 * units]  # Keras [z | r | h] from torch [r | z | n]
    names = ("weight_ih", "weight_hh", "bias_ih", "bias_hh")
    w_ih, w_hh, b_ih, b_hh = (getattr(gru, f"{n}_l0").detach().numpy() for n in names)
    converted = keras.layers.GRU(units)
    converted.build((None, None, gru.input_size))
    converted.set_weights([w_ih[order].T, w_hh[order].T, np.stack([b_ih[order], b_hh[order]])])
    return converted
