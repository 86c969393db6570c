"""The desk's sounds: a short cue after every scan, so the registrar need not look up.

Three tiny WAVs from resources/sounds (synthesised by make_sounds.py there), played with
QSoundEffect. QtMultimedia is loaded on the first cue only. Where it cannot play (no audio
output, a broken backend) the system beep stands in: one beep for a success, two for a refusal.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, QTimer, QUrl
from PySide6.QtWidgets import QApplication

from kmjudge import paths

log = logging.getLogger(__name__)

CUES = ("ok", "already", "refused")


def sound_file(cue: str) -> str:
    return str(paths.resources_dir() / "sounds" / f"{cue}.wav")


class Sounds(QObject):
    """``play("ok" | "already" | "refused")``; ``enabled`` mutes all of them."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.enabled = True
        self.last_cue = ""
        self.backend = ""  # "effect" | "beep" once the first cue was played
        self._effects: dict[str, Any] = {}

    def _load(self) -> None:
        try:
            from PySide6.QtMultimedia import QMediaDevices, QSoundEffect

            if not QMediaDevices.audioOutputs():
                raise RuntimeError("no audio output")
            for cue in CUES:
                effect = QSoundEffect(self)
                effect.setSource(QUrl.fromLocalFile(sound_file(cue)))
                effect.setVolume(0.8)
                self._effects[cue] = effect
            self.backend = "effect"
        except Exception as exc:  # no QtMultimedia, no device: the beep is better than nothing
            log.info("check-in sounds fall back to the system beep: %s", exc)
            self.backend = "beep"

    def play(self, cue: str) -> None:
        if cue not in CUES:
            raise ValueError(cue)
        self.last_cue = cue
        if not self.enabled:
            return
        if not self.backend:
            self._load()
        effect = self._effects.get(cue)
        if effect is not None:
            effect.play()
            return
        QApplication.beep()
        if cue == "refused":
            QTimer.singleShot(180, QApplication.beep)
