# Mistake: asks for the compiled total to be strictly smaller, so a tie (the compile has exactly
# paid for itself) needs one call more than the contract's "no longer larger".
def break_even_calls(first_call_s, compiled_step_s, eager_step_s):
    if first_call_s < eager_step_s:
        return 1
    saving = eager_step_s - compiled_step_s
    if saving <= 0:
        return math.inf
    return int(math.floor((first_call_s - compiled_step_s) / saving)) + 1
