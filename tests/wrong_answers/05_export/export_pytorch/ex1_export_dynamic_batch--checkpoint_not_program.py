# Mistake: saves a checkpoint (the state_dict) instead of an exported program: there is no graph to load.
def export_dynamic_batch(model, example, path):
    model.eval()
    torch.save(model.state_dict(), path)
    return path
