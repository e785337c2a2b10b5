# Right, another API: reorders with torch.chunk/torch.cat on tensors, per gate, and assigns the
# parameters' data.
def convert_gru(layer):
    kernel, recurrent_kernel, bias = (torch.tensor(w, dtype=torch.float32) for w in layer.get_weights())

    def torch_order(t):  # last axis [z | r | h] -> [r | z | n]
        z, r, h = torch.chunk(t, 3, dim=-1)
        return torch.cat([r, z, h], dim=-1)

    converted = nn.GRU(input_size=kernel.shape[0], hidden_size=layer.units, num_layers=1, bias=True,
                       batch_first=True)
    converted.weight_ih_l0.data = torch_order(kernel).t().contiguous()
    converted.weight_hh_l0.data = torch_order(recurrent_kernel).t().contiguous()
    converted.bias_ih_l0.data = torch_order(bias[0]).contiguous()
    converted.bias_hh_l0.data = torch_order(bias[1]).contiguous()
    return converted
