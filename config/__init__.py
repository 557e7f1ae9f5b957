"""Settings shared by the retrieval layer and the Discord bot."""

from config.settings import ConfigError, Settings, load_settings

__all__ = ["ConfigError", "Settings", "load_settings"]
