# Right, another algorithm: one index array reorders the gate blocks of every weight, and the
# parameters are copied in place by name.
def convert_gru(layer):
    kernel, recurrent_kernel, bias = layer.get_weights()
    units = layer.units
    order = np.r_[units:2 * units, 0:units, 2 * units:3 * units]  # torch [r | z | n] from Keras [z | r | h]
    converted = nn.GRU(kernel.shape[0], units, batch_first=True)
    values = {"weight_ih_l0": kernel[:, order].T, "weight_hh_l0": recurrent_kernel[:, order].T,
              "bias_ih_l0": bias[0, order], "bias_hh_l0": bias[1, order]}
    with torch.no_grad():
        for name, parameter in converted.named_parameters():
            parameter.copy_(torch.tensor(np.ascontiguousarray(values[name]), dtype=torch.float32))
    return converted
