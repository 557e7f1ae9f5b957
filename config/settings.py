"""All settings, read from environment variables and an optional `.env` file.

Every field's environment variable is its name in upper case (``corpus_dir`` -> ``CORPUS_DIR``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict
from typing_extensions import Annotated

PROJECT_ROOT = Path(__file__).resolve().parent.parent
BUNDLED_CORPUS = PROJECT_ROOT / "data" / "coverage"


class ConfigError(Exception):
    """A setting is missing or wrong; the message names the environment variable."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    # --- corpus and index -------------------------------------------------------------------
    corpus_dir: Path = Field(BUNDLED_CORPUS, description="Folder of articles (.txt, .md, .html, gzipped or not; exports and feeds) to index.")
    index_dir: Path = Field(PROJECT_ROOT / ".index", description="Where embedded Chroma keeps the index.")
    collection: str = Field("news", min_length=3, max_length=60, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9]$",
                            description="Chroma collection name prefix.")
    chroma_url: str | None = Field(None, description="Chroma server URL; unset means embedded Chroma in INDEX_DIR.")
    chroma_token: SecretStr | None = Field(None, description="Bearer token for a Chroma server that requires one.")
    embedding_model: str = Field("", description="sentence-transformers name or path; empty = bundled all-MiniLM-L6-v2.")
    embedding_device: Literal["auto", "cpu", "cuda"] = Field(
        "auto", description="Where the model runs: auto = a CUDA GPU when torch sees one, else the CPU.")
    embedding_batch_size: int = Field(64, ge=1, le=4096, description="Sentences per model call.")
    index_watch: bool = Field(False, description="The bot re-indexes CORPUS_DIR within seconds of a change.")
    feedback_db: Path | None = Field(
        None, description="SQLite file for readers' votes and per-server settings; unset = INDEX_DIR/feedback.sqlite3.")
    max_article_bytes: int = Field(5_000_000, gt=0, description="Articles larger than this are skipped.")

    # --- answering ----------------------------------------------------------------------------
    max_snippets: int = Field(3, ge=1, le=10, description="Snippets returned per answer.")
    min_confidence: float = Field(0.5, ge=0.0, le=1.0, description="Below this the answer is 'not in the coverage'.")
    max_question_chars: int = Field(1000, ge=20, description="Longer questions are cut to this many characters.")

    # --- Discord -------------------------------------------------------------------------------
    discord_token: SecretStr | None = Field(None, description="Bot token from the Discord developer portal.")
    discord_ask_channel_ids: Annotated[list[int], NoDecode] = Field(
        default_factory=list, description="Channel ids where every message is a question (comma-separated).")
    discord_sync_guild_id: int | None = Field(None, description="Guild to sync slash commands to with --sync.")
    discord_message_content: bool = Field(True, description="Request the privileged message-content intent.")
    discord_cooldown_seconds: float = Field(5.0, ge=0, description="Per-user cooldown between questions.")
    discord_max_concurrent: int = Field(4, ge=1, description="Questions answered at once.")
    discord_max_wait_seconds: float = Field(
        20.0, gt=0, description="A question whose expected wait for a worker is longer is told the bot is busy.")
    discord_shard_count: int | None = Field(
        None, ge=1, description="Gateway shards; unset = as many as Discord recommends (1 below 2,500 servers).")
    discord_api_base: str | None = Field(None, description="Discord REST base URL, for an HTTP proxy or a test double.")
    discord_gateway_url: str | None = Field(None, description="Discord gateway URL, for a proxy or a test double.")

    @field_validator("discord_ask_channel_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value

    @field_validator("chroma_url", "embedding_model", mode="before")
    @classmethod
    def _blank_is_unset(cls, value: object) -> object:
        return value.strip() if isinstance(value, str) else value


def feedback_path(settings: Settings) -> Path:
    return settings.feedback_db or settings.index_dir / "feedback.sqlite3"


def load_settings(**overrides: object) -> Settings:
    """Read settings; raise ConfigError with a one-line message naming the variable."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        first = exc.errors()[0]
        name = str(first["loc"][0]).upper() if first["loc"] else "settings"
        raise ConfigError(f"{name}: {first['msg']} (got {first.get('input')!r}); fix it in the environment or .env") from None
