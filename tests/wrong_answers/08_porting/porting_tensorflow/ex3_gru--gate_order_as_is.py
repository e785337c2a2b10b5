# Mistake: transposes the matrices but leaves torch's gate blocks [r | z | n] where Keras expects
# [z | r | h]: the update and reset gates trade roles.
def convert_gru(gru):
    state = {name: t.detach().cpu().numpy() for name, t in gru.state_dict().items()}
    converted = keras.layers.GRU(gru.hidden_size)
    converted.build((None, None, gru.input_size))
    converted.set_weights([state["weight_ih_l0"].T, state["weight_hh_l0"].T,
                           np.stack([state["bias_ih_l0"], state["bias_hh_l0"]])])
    return converted
