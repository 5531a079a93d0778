"""Export a model folder to int8 ONNX: `python -m embeddings.onnx_export FOLDER TARGET`.

Runs in a child process of embeddings.onnx.export_onnx, because it needs torch and the app must not
import torch for the default backend. Offline: it reads only the folder. The export is written next
to TARGET and moved into place only when complete, so a killed export leaves nothing half-written.
"""

from __future__ import annotations

import inspect
import logging
import os
import shutil
import sys
import tempfile
import warnings
from pathlib import Path

from embeddings.locate import set_offline

__all__ = ["export"]

_INPUTS = ("input_ids", "attention_mask", "token_type_ids")


def _export_fp32(folder: Path, target: Path) -> None:
    """Export the transformer's token embeddings to ONNX with dynamic batch and sequence axes.

    Eager attention, because the SDPA trace adds a NaN guard (IsNaN and Where) to every layer that
    cost about 5% of the run time and changes no output.
    """
    import torch
    from transformers import AutoModel
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()
    model = AutoModel.from_pretrained(str(folder), attn_implementation="eager").eval()
    accepted = inspect.signature(model.forward).parameters
    names = [name for name in _INPUTS if name in accepted]

    class TokenEmbeddings(torch.nn.Module):
        """Keyword-only forward made positional: transformers 5 rejects positional arguments."""

        def __init__(self) -> None:
            super().__init__()
            self.inner = model

        def forward(self, *tensors: torch.Tensor) -> torch.Tensor:
            return self.inner(**dict(zip(names, tensors, strict=True))).last_hidden_state

    # A padded row in the example keeps the attention-mask path in the traced graph.
    mask = torch.tensor([[1] * 8, [1] * 5 + [0] * 3], dtype=torch.int64)
    examples = {"input_ids": torch.full((2, 8), 1000) * mask, "attention_mask": mask}
    dummy = tuple(examples.get(name, torch.zeros((2, 8), dtype=torch.int64)) for name in names)
    axes = {name: {0: "batch", 1: "sequence"} for name in [*names, "token_embeddings"]}
    with torch.inference_mode(), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(
            TokenEmbeddings(),
            dummy,
            str(target),
            input_names=names,
            output_names=["token_embeddings"],
            dynamic_axes=axes,
            opset_version=17,
            dynamo=False,
        )


def export(folder: Path, target: Path) -> None:
    """Export `folder` to fp32 ONNX, quantise its MatMul weights to int8 per channel, write `target`."""
    set_offline()
    from onnxruntime.quantization import QuantType, quantize_dynamic

    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="export-", dir=target.parent))
    try:
        _export_fp32(folder, work / "model.fp32.onnx")
        logging.getLogger().setLevel(logging.ERROR)
        quantize_dynamic(
            work / "model.fp32.onnx",
            work / "model.int8.onnx",
            weight_type=QuantType.QInt8,
            per_channel=True,
            op_types_to_quantize=["MatMul"],
        )
        os.replace(work / "model.int8.onnx", target)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: python -m embeddings.onnx_export FOLDER TARGET")
    export(Path(sys.argv[1]), Path(sys.argv[2]))
