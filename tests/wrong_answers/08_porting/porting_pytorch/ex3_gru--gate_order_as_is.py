# Mistake: transposes the matrices but leaves Keras's gate blocks [z | r | h] where torch expects
# [r | z | n]: the update and reset gates trade roles.
def convert_gru(layer):
    kernel, recurrent_kernel, bias = (np.asarray(w, dtype=np.float32) for w in layer.get_weights())
    converted = nn.GRU(kernel.shape[0], layer.units, batch_first=True)
    converted.load_state_dict({
        "weight_ih_l0": torch.from_numpy(kernel.T.copy()),
        "weight_hh_l0": torch.from_numpy(recurrent_kernel.T.copy()),
        "bias_ih_l0": torch.from_numpy(bias[0].copy()),
        "bias_hh_l0": torch.from_numpy(bias[1].copy()),
    })
    return converted
