"""Reads resemblyzer's GE2E checkpoint (`pretrained.pt`) without PyTorch.

The file is in torch's legacy serialization: five pickles in a row (magic number, protocol
version, system info, the object with storages as persistent ids, the storage keys), then each
storage's raw little-endian data after an 8-byte element count. The tensors are rebuilt with
numpy from (storage, offset, size, stride); only `model_state`'s tensors are kept.
"""
import collections
import pickle
import struct

import numpy as np

MAGIC = 0x1950A86A20F9469CFC6C


class _Storage:
    def __init__(self, kind):
        self.kind = kind
        self.data = None


class _StorageType:
    def __init__(self, name):
        self.name = name


def _rebuild_tensor(storage, offset, size, stride, *_):
    return ("tensor", storage, offset, tuple(size), tuple(stride))


class _Unpickler(pickle.Unpickler):
    def __init__(self, f, storages):
        super().__init__(f)
        self.storages = storages

    def find_class(self, module, name):
        if module == "torch._utils" and name == "_rebuild_tensor_v2":
            return _rebuild_tensor
        if module == "torch" and name.endswith("Storage"):
            return _StorageType(name)
        if module == "collections" and name == "OrderedDict":
            return collections.OrderedDict
        if module.startswith("torch"):
            return lambda *a, **k: None  # optimizer and module classes: not needed
        raise pickle.UnpicklingError(f"unexpected class {module}.{name} in the checkpoint")

    def persistent_load(self, pid):
        _, storage_type, key, _location, _size = pid[:5]
        if key not in self.storages:
            self.storages[key] = _Storage(storage_type.name)
        return self.storages[key]


DTYPES = {"FloatStorage": np.float32, "LongStorage": np.int64}


def load_model_state(path):
    """The checkpoint's `model_state` as a dict of numpy arrays."""
    with open(path, "rb") as f:
        if pickle.load(f) != MAGIC:
            raise ValueError(f"{path}: not a legacy torch checkpoint (magic number)")
        pickle.load(f)  # protocol version
        pickle.load(f)  # system info
        storages = {}
        obj = _Unpickler(f, storages).load()
        for key in pickle.load(f):
            (count,) = struct.unpack("<q", f.read(8))
            st = storages[key]
            dtype = np.dtype(DTYPES[st.kind])
            st.data = np.frombuffer(f.read(count * dtype.itemsize), dtype=dtype)
    out = {}
    for name, value in obj["model_state"].items():
        _, st, offset, size, stride = value
        strides = [s * st.data.itemsize for s in stride]
        out[name] = np.lib.stride_tricks.as_strided(st.data[offset:], shape=size, strides=strides).copy()
    return out
