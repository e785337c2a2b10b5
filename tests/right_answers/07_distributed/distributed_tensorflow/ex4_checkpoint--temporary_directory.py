# Right, another mechanism: tempfile.TemporaryDirectory deletes the non-chief's folder by itself
# when the with-block ends; keras.saving.save_model instead of model.save.
def save_checkpoint(model, path, task_type, task_id):
    """Every worker saves; only the chief's copy, at `path`, is kept. Returns where this worker saved."""
    if task_type is None or task_type == "chief" or (task_type == "worker" and task_id == 0):
        keras.saving.save_model(model, path)
        return path
    with tempfile.TemporaryDirectory() as folder:
        target = os.path.join(folder, "model.keras")
        keras.saving.save_model(model, target)
    return target
