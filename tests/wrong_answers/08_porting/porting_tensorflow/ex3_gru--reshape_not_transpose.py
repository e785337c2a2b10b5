# Mistake: reshapes torch's (3 units, in) weights to Keras's (in, 3 units) instead of transposing them.
def convert_gru(gru):
    state = {name: t.detach().cpu().numpy() for name, t in gru.state_dict().items()}

    def reorder(a):
        r, z, n = np.split(a, 3, axis=-1)
        return np.concatenate([z, r, n], axis=-1)

    w_ih, w_hh = state["weight_ih_l0"], state["weight_hh_l0"]
    converted = keras.layers.GRU(gru.hidden_size)
    converted.build((None, None, gru.input_size))
    converted.set_weights([reorder(w_ih.reshape(w_ih.shape[1], w_ih.shape[0])),
                           reorder(w_hh.reshape(w_hh.shape[1], w_hh.shape[0])),
                           np.stack([reorder(state["bias_ih_l0"]), reorder(state["bias_hh_l0"])])])
    return converted
