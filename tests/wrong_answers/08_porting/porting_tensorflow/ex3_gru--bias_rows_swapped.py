# Mistake: puts the recurrent bias in row 0 and the input bias in row 1.
def convert_gru(gru):
    state = {name: t.detach().cpu().numpy() for name, t in gru.state_dict().items()}

    def reorder(a):
        r, z, n = np.split(a, 3, axis=-1)
        return np.concatenate([z, r, n], axis=-1)

    converted = keras.layers.GRU(gru.hidden_size)
    converted.build((None, None, gru.input_size))
    converted.set_weights([reorder(state["weight_ih_l0"].T), reorder(state["weight_hh_l0"].T),
                           np.stack([reorder(state["bias_hh_l0"]), reorder(state["bias_ih_l0"])])])
    return converted
