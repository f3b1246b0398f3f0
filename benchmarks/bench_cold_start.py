"""Cold start: wall time and peak RSS of one ``bulletin-extract extract FILE``, with references in the same run.

    python benchmarks/bench_cold_start.py [--rounds 7] [--base OTHER/src] [FILE...]

Runs, alternating, ``python -c pass``, ``python -c "import jieba"``, ``bulletin-extract extract --no-entities
FILE`` and ``bulletin-extract extract FILE`` (entities on) for each FILE, each in a fresh process, and prints
the best wall and CPU time of each and its peak RSS.  The default files are two short bulletins, the first
needing no jieba check (jieba is not loaded), the second needing one.  jieba's and this library's caches (the
engine cache, ``rules/cache.py``, and jieba's tables) are warm after the first round, as on any machine that
has run the command once, and so is the bytecode of this library's modules (an installed package has it; the
children run without ``PYTHONDONTWRITEBYTECODE``).  The row "empty engine cache" runs the entities command
with an empty engine cache folder each time: the first run after installing or editing the patterns, which
builds the engine and writes the entries.  ``--base OTHER/src`` also times another checkout's code in the
same rounds (before and after a change).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (user + system) and peak RSS (KB) of *cmd* in a child process."""
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} exited {proc.returncode}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


# A short bulletin whose entities need no jieba check, and one whose do (jieba is loaded by the first check).
DEFAULT_FILES = [
    ROOT / "corpus" / "epidemic" / "epi-dxy20200210-03.txt",
    ROOT / "corpus" / "epidemic" / "epi-dxy20200121-02.txt",
]


def _commands(files: list[Path]) -> dict[str, list[str]]:
    py = sys.executable
    cli = [py, "-m", "bulletin_extract", "extract"]
    commands = {"python -c pass": [py, "-c", "pass"], "python -c 'import jieba'": [py, "-c", "import jieba"]}
    for f in files:
        commands[f"{f.name} --no-entities"] = [*cli, "--no-entities", str(f)]
        commands[f"{f.name} (entities)"] = [*cli, str(f)]
    commands[f"{files[-1].name}, empty engine cache"] = [*cli, str(files[-1])]
    return commands


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", nargs="*", type=Path, metavar="FILE", help="default: two short epidemic bulletins")
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--base", type=Path, help="also run the extract commands with this src/ on PYTHONPATH")
    args = ap.parse_args()
    commands = _commands(args.files or DEFAULT_FILES)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    envs: dict[str, dict[str, str]] = dict.fromkeys(commands, env)
    if args.base:
        base_env = {**env, "PYTHONPATH": str(args.base.resolve())}
        for name in list(commands)[2:]:
            commands[f"{name} [base]"] = commands[name]
            envs[f"{name} [base]"] = base_env
    empty = [name for name in commands if "empty" in name]
    with tempfile.TemporaryDirectory() as tmp:
        for name in empty:
            envs[name] = {**envs[name], "BULLETIN_EXTRACT_CACHE": str(Path(tmp) / "engine-cache")}
        for name, cmd in commands.items():  # warm the caches, the bytecode and the page cache
            _run(cmd, envs[name])
        best: dict[str, list[float]] = {}
        for _ in range(args.rounds):
            for name, cmd in commands.items():
                if name in empty:
                    shutil.rmtree(Path(tmp) / "engine-cache", ignore_errors=True)
                wall, cpu, rss = _run(cmd, envs[name])
                b = best.setdefault(name, [wall, cpu, rss])
                b[:] = [min(b[0], wall), min(b[1], cpu), max(b[2], rss)]
    print(f"best of {args.rounds} rounds (wall and CPU each at its best, peak RSS at its highest)")
    for name, (wall, cpu, rss) in best.items():
        print(f"{name:48} wall {wall:6.3f} s   CPU {cpu:6.3f} s   peak RSS {rss / 1024:6.1f} MB")


if __name__ == "__main__":
    main()
