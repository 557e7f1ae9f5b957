"""Settings shared by the retrieval layer and the Discord bot."""

from config.settings import ConfigError, Settings, feedback_path, load_settings

__all__ = ["ConfigError", "Settings", "feedback_path", "load_settings"]
