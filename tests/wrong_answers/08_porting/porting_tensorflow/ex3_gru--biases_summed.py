# Mistake: "two biases are one bias split in two": sums them into bias row 0. Wrong for the candidate
# gate, whose recurrent bias sits inside the reset gate.
def convert_gru(gru):
    state = {name: t.detach().cpu().numpy() for name, t in gru.state_dict().items()}

    def reorder(a):
        r, z, n = np.split(a, 3, axis=-1)
        return np.concatenate([z, r, n], axis=-1)

    converted = keras.layers.GRU(gru.hidden_size)
    converted.build((None, None, gru.input_size))
    summed = reorder(state["bias_ih_l0"] + state["bias_hh_l0"])
    converted.set_weights([reorder(state["weight_ih_l0"].T), reorder(state["weight_hh_l0"].T),
                           np.stack([summed, np.zeros_like(summed)])])
    return converted
