"""The Docker files, validated as far as a machine without a Docker engine allows."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import chromadb
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
COMPOSE = ROOT / "docker" / "compose.yaml"
DOCKERFILE = ROOT / "docker" / "Dockerfile"


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load(COMPOSE.read_text())


def test_dockerfile_passes_hadolint():
    hadolint = Path(sys.executable).with_name("hadolint")
    proc = subprocess.run([str(hadolint), str(DOCKERFILE)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_dockerfile_pins_cpu_torch_first_runs_offline_and_unprivileged():
    text = DOCKERFILE.read_text()
    assert text.index("torch==2.13.0") < text.index("pip install -r")
    # Dependencies are installed before any code is copied: a code change keeps that layer.
    assert text.index("pip install -r") < text.index("COPY retrieval/") < text.index("pip install --no-deps .")
    assert "download.pytorch.org/whl/cpu" in text and "HF_HUB_OFFLINE=1" in text
    assert "USER 10001" in text and re.search(r"^FROM python:3\.11-slim", text, re.M)


def test_compose_file_is_valid_for_docker_compose(tmp_path):
    tool = shutil.which("docker-compose")
    if tool is None:
        pytest.skip("docker-compose not installed (Debian: apt-get install docker-compose)")
    (tmp_path / "docker").mkdir()
    shutil.copy(COMPOSE, tmp_path / "docker" / "compose.yaml")
    (tmp_path / ".env").write_text("DISCORD_TOKEN=x\n")
    proc = subprocess.run([tool, "-f", "docker/compose.yaml", "config", "-q"], cwd=tmp_path, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def test_chroma_image_matches_client_and_bot_waits_for_it(compose):
    chroma = compose["services"]["chroma"]
    assert chroma["image"] == f"chromadb/chroma:{chromadb.__version__}"
    assert "chroma-data:/data" in chroma["volumes"]
    for name in ("bot", "index"):
        service = compose["services"][name]
        assert service["depends_on"]["chroma"]["condition"] == "service_healthy"
        assert service["environment"]["CHROMA_URL"] == "http://chroma:8000"
    assert compose["services"]["bot"]["depends_on"]["index"]["condition"] == "service_completed_successfully"


def test_indexers_and_bot_share_the_generation_files(compose):
    """The indexer writes each index generation's files into INDEX_DIR; the bot must see the same
    folder, or it rebuilds them from Chroma on every start."""
    index_dir = "/app/index"
    assert f"INDEX_DIR={index_dir}" in (ROOT / "docker" / "Dockerfile").read_text().replace(" ", "")
    for name in ("bot", "index", "index-watch"):
        assert f"index-files:{index_dir}" in compose["services"][name]["volumes"], name
    assert "index-files" in compose["volumes"]


def test_healthcheck_uses_only_bash_and_detects_a_live_server(compose, chroma_server, tmp_path):
    test = compose["services"]["chroma"]["healthcheck"]["test"]
    assert test[:3] == ["CMD", "/bin/bash", "-c"]
    command = test[3].replace("$$", "$")  # compose's escape for a literal $
    assert not any(tool in command for tool in ("curl", "wget", "python"))
    live = subprocess.run(["/bin/bash", "-c", command.replace("8000", str(chroma_server.port))], timeout=10)
    assert live.returncode == 0
    from .conftest import free_port

    dead = subprocess.run(["/bin/bash", "-c", command.replace("8000", str(free_port()))], timeout=10,
                          capture_output=True)
    assert dead.returncode != 0
