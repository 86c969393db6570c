"""Generate the check-in desk's three short sounds (run once; the WAVs are committed).

    python resources/sounds/make_sounds.py

Pure sine tones synthesised here (no recording, no third-party material): 16-bit mono PCM at
8 kHz, with 5 ms fades so they do not click. Each file is under 9 KB.

- ok.wav: one bright rising double tone (880 Hz then 1320 Hz), 0.16 s: checked in.
- already.wav: two soft equal beeps (660 Hz), 0.26 s: already checked in (not an error).
- refused.wav: a low buzz (220 Hz with a 330 Hz overtone) twice, 0.5 s: refused.
"""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

RATE = 8000
HERE = Path(__file__).resolve().parent


def tone(freqs: tuple[float, ...], seconds: float, volume: float = 0.45) -> list[float]:
    n = int(RATE * seconds)
    fade = int(RATE * 0.005)
    out = []
    for i in range(n):
        value = sum(math.sin(2 * math.pi * f * i / RATE) for f in freqs) / len(freqs)
        envelope = min(1.0, i / fade, (n - 1 - i) / fade)
        out.append(value * volume * envelope)
    return out


def silence(seconds: float) -> list[float]:
    return [0.0] * int(RATE * seconds)


def write(name: str, samples: list[float]) -> None:
    with wave.open(str(HERE / name), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(b"".join(struct.pack("<h", int(s * 32767)) for s in samples))


def main() -> None:
    write("ok.wav", tone((880,), 0.07) + tone((1320,), 0.09))
    write("already.wav", tone((660,), 0.08, 0.35) + silence(0.1) + tone((660,), 0.08, 0.35))
    write(
        "refused.wav",
        tone((220, 330), 0.2, 0.55) + silence(0.1) + tone((220, 330), 0.2, 0.55),
    )


if __name__ == "__main__":
    main()
