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
