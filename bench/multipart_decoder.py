"""What building a multipart decoder costs: Werkzeug's (two regexes compiled) against Formwork's.

    .venv/bin/python bench/multipart_decoder.py [--decoders 2000] [--rounds 7]

Each decoder gets a fresh random boundary, as each browser request brings one, so re's cache
cannot help Werkzeug's. Prints the median over rounds of microseconds per decoder built.
"""

import argparse
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from werkzeug.sansio.multipart import MultipartDecoder

from multipart_boundaries import BoundaryFindingDecoder


def microseconds_per_decoder(decoder_class: type[MultipartDecoder], count: int) -> float:
    boundaries = [b"----formwork" + os.urandom(12).hex().encode() for _ in range(count)]
    started = time.perf_counter()
    for boundary in boundaries:
        decoder_class(boundary, 500_000, max_parts=1000)
    return (time.perf_counter() - started) / count * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--decoders", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    timings: dict[str, list[float]] = {"werkzeug": [], "formwork": []}
    for _ in range(args.rounds):
        timings["werkzeug"].append(microseconds_per_decoder(MultipartDecoder, args.decoders))
        timings["formwork"].append(microseconds_per_decoder(BoundaryFindingDecoder, args.decoders))
    for name, values in timings.items():
        print(f"{name:9s} {statistics.median(values):8.1f} us per decoder (fresh boundary)")


if __name__ == "__main__":
    main()
