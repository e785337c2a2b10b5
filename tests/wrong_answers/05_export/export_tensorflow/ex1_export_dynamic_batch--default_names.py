# Mistake: plain model.export: the batch is dynamic, but the signature keeps Keras's generated names.
def export_dynamic_batch(model, example, path):
    model.export(path, verbose=False)
    return path
