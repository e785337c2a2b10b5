# Mistake: exports without dynamic_shapes, so the example's batch size is frozen into the program.
def export_dynamic_batch(model, example, path):
    model.eval()
    program = torch.export.export(model, (example,))
    torch.export.save(program, path)
    return path
