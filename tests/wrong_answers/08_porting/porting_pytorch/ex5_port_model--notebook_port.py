# Mistake: returns a copy of the notebook's own port instead of porting the model it is given.
def port_model(model):
    return copy.deepcopy(ported).to("cpu").eval()
