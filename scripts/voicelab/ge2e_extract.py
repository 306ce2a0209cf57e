"""Usage: ge2e_extract.py <pretrained.pt> <out.npz>: the GE2E weights as numpy arrays (no PyTorch)."""
import sys

import numpy as np

from ge2e_checkpoint import load_model_state

if __name__ == "__main__":
    state = load_model_state(sys.argv[1])
    np.savez(sys.argv[2], **state)
    print(f"{len(state)} tensors, {sum(v.size for v in state.values())} values -> {sys.argv[2]}")
