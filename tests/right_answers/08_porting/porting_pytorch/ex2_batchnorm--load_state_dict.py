# Right, another API: builds the module's whole state (num_batches_tracked included) and loads it with
# load_state_dict; reads the layer's variables by name.
def convert_batchnorm(layer):
    state = {
        "weight": torch.tensor(np.array(layer.gamma)),
        "bias": torch.tensor(np.array(layer.beta)),
        "running_mean": torch.tensor(np.array(layer.moving_mean)),
        "running_var": torch.tensor(np.array(layer.moving_variance)),
        "num_batches_tracked": torch.tensor(0),
    }
    converted = nn.BatchNorm2d(state["weight"].numel(), eps=layer.epsilon, momentum=1 - layer.momentum)
    converted.load_state_dict(state)
    return converted
