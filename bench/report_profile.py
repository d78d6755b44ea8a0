"""Where the PDF of a report spends its CPU time, and A/B comparisons of one render.

The HTML comes from `bench/report.py`, which prints the path of the page it wrote
(`--compact` for the compact council edition). Each render runs in a fresh process, as the
worker's does, and reports the CPU seconds of `pdf_worker.layout` alone (no start-up).

Run: .venv/bin/python bench/report_profile.py --profile REPORT.html   (cProfile, top 40)
     .venv/bin/python bench/report_profile.py --rounds 3 A.html [B.html ...]
         alternates the files (and, with --no-font-cache, each file without the font
         cache too) round by round; compare the medians within one run.
"""

import argparse
import cProfile
import os
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from agenda.report import pdf_worker  # noqa: E402


def render(html_file, font_cache, profile):
    if not font_cache:
        from weasyprint.urls import URLFetcher

        pdf_worker._url_fetcher = URLFetcher
    html = Path(html_file).read_text(encoding="utf-8")
    profiler = cProfile.Profile() if profile else None
    cpu = time.process_time()
    if profiler:
        profiler.enable()
    pdf, pages, _peak = pdf_worker.layout(html, str(ROOT))
    if profiler:
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)
        pstats.Stats(profiler).sort_stats("tottime").print_stats(25)
    print(f"{pages} {time.process_time() - cpu:.3f} {len(pdf)}")


def child(html_file, font_cache):
    out = subprocess.run(  # noqa: S603 - our own interpreter on our own script
        [sys.executable, __file__, "--child", html_file, "--font-cache", str(int(font_cache))],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return int(out[-3]), float(out[-2]), int(out[-1])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("html", nargs="+")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--no-font-cache", action="store_true", help="also without the cache")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--font-cache", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child or args.profile:
        return render(args.html[0], bool(args.font_cache), args.profile)
    variants = [(f, True) for f in args.html]
    if args.no_font_cache:
        variants += [(f, False) for f in args.html]
    if "AGENDA_FONT_CACHE" not in os.environ:
        # A fresh cache directory of our own, filled by a first render whose figure is dropped
        # (with $AGENDA_FONT_CACHE set, the caller's cache is taken as it is).
        os.environ["AGENDA_FONT_CACHE"] = tempfile.mkdtemp(prefix="agenda-font-cache-")
        child(args.html[0], True)
    seconds = {v: [] for v in variants}
    for _round in range(args.rounds):
        for variant in variants:
            pages, cpu, size = child(*variant)
            seconds[variant].append(cpu)
            print(
                f"{variant[0]} font cache {'on ' if variant[1] else 'off'}: {pages} pages, "
                f"{cpu:.2f} CPU s, {size / 1024:.0f} KiB",
                flush=True,
            )
    for (html_file, cache), values in seconds.items():
        print(
            f"median {statistics.median(values):.2f} CPU s  {html_file} "
            f"(font cache {'on' if cache else 'off'})"
        )


if __name__ == "__main__":
    main()
