#!/usr/bin/env python3
"""Loads a densebench model file into PyTorch and compares its predictions with densebench's.

    /usr/bin/python3 scripts/pytorch/check_model.py MODEL.safetensors IMAGES-idx3-ubyte PREDICTIONS.csv

MODEL is written by `train --save`, PREDICTIONS by `predict --model MODEL --input IMAGES`.
Prints how many predicted classes agree and the largest probability difference.
Needs only torch (Debian: python3-torch); the safetensors file is read by hand, as the
format is an 8-byte little-endian header length, a JSON header and raw float32 data.
"""
import csv
import json
import struct
import sys

import torch
from torch import nn  # noqa: F401  (used by eval of the model's "pytorch" metadata)


def load_safetensors(path):
    with open(path, "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(n))
        data = f.read()
    meta = header.pop("__metadata__")
    tensors = {name: torch.frombuffer(bytearray(data[t["data_offsets"][0]:t["data_offsets"][1]]),
                                      dtype=torch.float32).reshape(t["shape"])
               for name, t in header.items()}
    return tensors, meta


def read_idx_images(path):
    with open(path, "rb") as f:
        magic, count, rows, cols = struct.unpack(">IIII", f.read(16))
        assert magic == 0x803, f"{path}: not an IDX image file"
        return torch.frombuffer(bytearray(f.read()), dtype=torch.uint8).reshape(count, rows * cols).float()


def main(model_path, images_path, predictions_path):
    state, meta = load_safetensors(model_path)
    model = eval(meta["pytorch"])  # e.g. nn.Sequential(nn.Linear(784, 512), nn.ReLU(), ...)
    model.load_state_dict(state)
    model.eval()
    x = read_idx_images(images_path)
    scaling = json.loads(meta["inputScaling"])
    if scaling["kind"] == "pixels":
        x = x * torch.tensor(1.0 / 255.0, dtype=torch.float32)
    elif scaling["kind"] == "standardize":
        x = (x - torch.tensor([float(v) for v in scaling["mean"]])) / torch.tensor([float(v) for v in scaling["sd"]])
    with torch.no_grad():
        logits = model(x)
    probs = torch.softmax(logits, dim=1) if meta["output"] == "softmax" else torch.sigmoid(logits)
    classes = json.loads(meta["classes"])
    with open(predictions_path) as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == len(x), f"{len(rows)} predictions for {len(x)} images"
    ours = torch.tensor([[float(r["p_" + c]) for c in classes] for r in rows])
    theirs = probs if meta["output"] == "softmax" else torch.cat([1 - probs, probs], dim=1)
    agree = sum(classes[int(i)] == r["predicted"] for i, r in zip(theirs.argmax(dim=1), rows))
    print(f"PyTorch {torch.__version__}: {agree} of {len(rows)} predicted classes agree with densebench; "
          f"largest probability difference {float((ours - theirs).abs().max()):.2e}")
    return 0 if agree == len(rows) else 1


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
