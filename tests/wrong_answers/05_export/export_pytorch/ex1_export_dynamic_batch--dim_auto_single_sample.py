# Mistake: Dim.AUTO with the example as given: a one-sample example silently specialises the batch to 1.
def export_dynamic_batch(model, example, path):
    model.eval()
    program = torch.export.export(model, (example,), dynamic_shapes=({0: torch.export.Dim.AUTO},))
    torch.export.save(program, path)
    return path
