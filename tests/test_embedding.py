"""The question's encoding: one text by the model's forward pass must be what the library's encode gives."""

import numpy as np

from retrieval.embedding import load_embedder

TEXTS = [
    "Who called NATO membership unrealistic?",
    "Zelenskyy",
    "¿Dónde se reunieron los ministros? Пётр сказал «нет».",
    "How much " + "very " * 400 + "did the city pay?",  # past the model's 256 tokens: cut as encode cuts it
]


def test_one_question_is_encoded_as_the_library_encodes_it(embedder):
    # `library_encode` is sentence-transformers' own encode: the test compares with the library itself.
    assert embedder.direct
    for text in TEXTS:
        got = embedder.encode([text])
        assert got.dtype == np.float32 and got.shape == (1, embedder.dimension)
        np.testing.assert_allclose(got, embedder.library_encode([text]), atol=1e-6)


def test_a_model_whose_encode_adds_a_prompt_is_encoded_by_the_library(embedder, tmp_path):
    # An e5-style model prepends "query: " in encode; the forward pass alone would not, so such a
    # model (here the bundled one saved with a default prompt) is never encoded by it.
    kept = embedder.model.prompts, embedder.model.default_prompt_name
    embedder.model.prompts, embedder.model.default_prompt_name = {"query": "query: "}, "query"
    try:
        embedder.model.save(str(tmp_path / "prompted"))
    finally:
        embedder.model.prompts, embedder.model.default_prompt_name = kept
    prompted = load_embedder(str(tmp_path / "prompted"), "cpu")
    assert prompted.model.default_prompt_name == "query" and not prompted.direct
    np.testing.assert_allclose(prompted.encode(TEXTS[:1]), prompted.library_encode(TEXTS[:1]), atol=1e-6)
    assert not np.allclose(prompted.forward(TEXTS[:1]), prompted.library_encode(TEXTS[:1]), atol=1e-3)
