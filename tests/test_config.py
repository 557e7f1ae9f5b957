"""Settings from the environment and .env, with one-line errors naming the variable."""

import pytest

from config import ConfigError, load_settings


def test_environment_overrides_defaults(monkeypatch, tmp_path):
    monkeypatch.setenv("CORPUS_DIR", str(tmp_path))
    monkeypatch.setenv("MAX_SNIPPETS", "5")
    monkeypatch.setenv("DISCORD_ASK_CHANNEL_IDS", "123, 456")
    s = load_settings()
    assert (s.corpus_dir, s.max_snippets, s.discord_ask_channel_ids) == (tmp_path, 5, [123, 456])


def test_dotenv_file_is_read(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".env").write_text("DISCORD_TOKEN=abc.def.ghi\nMIN_CONFIDENCE=0.7\n")
    s = load_settings()
    assert s.discord_token.get_secret_value() == "abc.def.ghi" and s.min_confidence == 0.7
    assert "abc.def.ghi" not in repr(s) and "abc.def.ghi" not in str(s.model_dump())


@pytest.mark.parametrize("var,value", [("MAX_SNIPPETS", "lots"), ("MIN_CONFIDENCE", "2"),
                                       ("DISCORD_ASK_CHANNEL_IDS", "general"), ("COLLECTION", "x")])
def test_wrong_value_names_the_variable(monkeypatch, var, value):
    monkeypatch.setenv(var, value)
    with pytest.raises(ConfigError) as info:
        load_settings()
    message = str(info.value)
    assert message.startswith(var) and "\n" not in message


def test_embedding_device_setting():
    import torch

    from retrieval.embedding import load_embedder, resolve_device
    from retrieval.errors import ModelLoadError

    with pytest.raises(ConfigError, match="EMBEDDING_DEVICE"):
        load_settings(embedding_device="tpu")
    assert resolve_device("cpu") == "cpu"
    assert resolve_device("auto") == ("cuda" if torch.cuda.is_available() else "cpu")
    if not torch.cuda.is_available():
        with pytest.raises(ModelLoadError, match="no CUDA GPU"):
            resolve_device("cuda")
    embedder = load_embedder("", "cpu", batch_size=8)
    assert (embedder.device, embedder.batch_size) == ("cpu", 8)
    assert embedder.encode(["one sentence", "another"]).shape == (2, embedder.dimension)


@pytest.mark.skipif("not __import__('torch').cuda.is_available()", reason="no CUDA GPU here")
def test_embedding_on_cuda_matches_cpu():
    import numpy as np

    from retrieval.embedding import load_embedder

    texts = ["Who called NATO membership unrealistic?", "The harbour will reopen on Monday."]
    cpu, gpu = load_embedder("", "cpu").encode(texts), load_embedder("", "cuda").encode(texts)
    assert np.allclose(cpu, gpu, atol=1e-3)
