"""A plain (non-editable) wheel install builds the example council with nothing from the checkout."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import REPO


def _python_for_install() -> str:
    """Prefer Python 3.13, so the install is proven on the newest Python we support too."""
    candidates = sorted(Path.home().glob(".pyenv/versions/3.13*/bin/python3.13"))
    candidates += [Path(found)] if (found := shutil.which("python3.13")) else []
    for candidate in candidates:
        if subprocess.run([str(candidate), "--version"], capture_output=True).returncode == 0:
            return str(candidate)
    return sys.executable


def _real_clock_env() -> dict[str, str]:
    """The environment without libfaketime, for pip alone.

    The suite must pass with the clock moved years ahead (`faketime '2031-06-01' make test`),
    but pip reaches the package index over TLS, whose certificates are checked against the
    clock: a faked one sees them all expired. Only the download runs on the real clock; the
    build of the example below keeps whatever clock the suite runs with.
    """
    env = {key: value for key, value in os.environ.items() if not key.startswith("FAKETIME")}
    preload = [lib for lib in env.get("LD_PRELOAD", "").split(":") if lib and "faketime" not in lib]
    env["LD_PRELOAD"] = ":".join(preload)
    return env


def test_wheel_install_builds_the_example(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(wheels), str(REPO)],
        capture_output=True, text=True, timeout=300,
    )
    assert built.returncode == 0, built.stderr[-3000:]
    wheel = next(wheels.glob("lgsite-*.whl"))
    venv = tmp_path / "venv"
    subprocess.run([_python_for_install(), "-m", "venv", str(venv)], check=True, timeout=120)
    install = subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", str(wheel)],
        capture_output=True, text=True, timeout=600, env=_real_clock_env(),
    )
    assert install.returncode == 0, install.stderr[-2000:]
    council = tmp_path / "anytown"
    shutil.copytree(REPO / "example-council", council, ignore=shutil.ignore_patterns("site", ".lgsite"))
    # Run from outside the checkout so its lgsite/ folder cannot shadow the installed package.
    result = subprocess.run(
        [str(venv / "bin" / "lgsite"), "build", str(council)],
        capture_output=True, text=True, timeout=600, cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    home = (council / "site" / "index.html").read_text(encoding="utf-8")
    assert "Anytown District Council" in home and "class=lg-header" in home
    # lgsite new reads the register and the project's files from the package's data.
    made = subprocess.run([str(venv / "bin" / "lgsite"), "new", "Mid Suffolk", "mid-suffolk"],
                          capture_output=True, text=True, timeout=600, cwd=tmp_path)
    assert made.returncode == 0, made.stderr[-2000:]
    assert (tmp_path / "mid-suffolk" / ".github" / "workflows" / "publish.yml").is_file()
    new_build = subprocess.run([str(venv / "bin" / "lgsite"), "build", "mid-suffolk"],
                               capture_output=True, text=True, timeout=600, cwd=tmp_path)
    assert new_build.returncode == 0, new_build.stderr[-2000:]
    assert "Mid Suffolk District Council" in (tmp_path / "mid-suffolk" / "site" / "index.html").read_text()
    # lgsite library ci prints the shared library's workflow from the package's data.
    workflow = subprocess.run([str(venv / "bin" / "lgsite"), "library", "ci"],
                              capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert workflow.returncode == 0 and "lgsite library impact" in workflow.stdout, workflow.stderr[-2000:]
    # lgsite library build writes its overview from the package's templates.
    shutil.copytree(REPO / "tests" / "fixtures" / "shared-basic", tmp_path / "library")
    preview = subprocess.run([str(venv / "bin" / "lgsite"), "library", "build", "library", "--out", "preview",
                              "--council", "Powys"], capture_output=True, text=True, timeout=600, cwd=tmp_path)
    assert preview.returncode == 0, preview.stderr[-2000:]
    assert "Find a library" in (tmp_path / "preview" / "index.html").read_text(encoding="utf-8")
    location = subprocess.run(
        [str(venv / "bin" / "python"), "-c", "import lgsite, sys; print(lgsite.__file__, sys.version_info[:2])"],
        capture_output=True, text=True, cwd=tmp_path, check=True,
    ).stdout
    assert str(venv) in location
