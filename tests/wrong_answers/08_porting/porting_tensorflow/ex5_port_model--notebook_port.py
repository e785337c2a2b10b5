# Mistake: returns a copy of the notebook's own port instead of porting the model it is given.
def port_model(model):
    return clone_port(ported)
