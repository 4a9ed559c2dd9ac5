"""Media files checked by what they contain, not by their name.

A renamed text file, a 0-byte video or a captions file that is not WebVTT would
import fine and fail only in the learner's browser; here they are problems at the
line that names them. Videos and images by their magic bytes; captions are parsed
with webvtt-py (a maintained parser of the W3C format) on text decoded by our own
UTF-8 rules.
"""

from __future__ import annotations

import io

import webvtt
from webvtt.errors import MalformedFileError

from packager.load.files import decode_text
from packager.problems import Problems


def _iso_bmff(head: bytes) -> bool:  # MP4, M4V, MOV: an `ftyp` box first
    return head[4:8] == b"ftyp"


def _ebml(head: bytes) -> bool:  # WebM, Matroska
    return head.startswith(b"\x1a\x45\xdf\xa3")


def _svg(head: bytes) -> bool:
    return b"<svg" in head or head.lstrip().startswith((b"<?xml", b"\xef\xbb\xbf<?xml"))


MAGIC = {
    ".mp4": ("an MP4 video", _iso_bmff), ".m4v": ("an MP4 video", _iso_bmff),
    ".webm": ("a WebM video", _ebml),
    ".png": ("a PNG image", lambda h: h.startswith(b"\x89PNG\r\n\x1a\n")),
    ".jpg": ("a JPEG image", lambda h: h.startswith(b"\xff\xd8\xff")),
    ".jpeg": ("a JPEG image", lambda h: h.startswith(b"\xff\xd8\xff")),
    ".gif": ("a GIF image", lambda h: h[:6] in (b"GIF87a", b"GIF89a")),
    ".webp": ("a WebP image", lambda h: h[:4] == b"RIFF" and h[8:12] == b"WEBP"),
    ".svg": ("an SVG image", _svg),
    ".pdf": ("a PDF document", lambda h: h.startswith(b"%PDF-")),
    ".mp3": ("an MP3 file", lambda h: h.startswith(b"ID3") or (len(h) > 1 and h[0] == 0xFF and h[1] >= 0xE0)),
    ".ogg": ("an Ogg file", lambda h: h.startswith(b"OggS")),
}
HEAD = 512  # bytes read of files checked by their start
WHOLE_FILE_CHECKS = (".vtt",)


def content_problems(data: bytes, suffix: str, name: str) -> list[str]:
    """Why `data` is not what a file named with `suffix` must be (empty when it is)."""
    if not data:
        return ["is empty (0 bytes)"]
    if suffix == ".vtt":
        return _webvtt_problems(data, name)
    kind = MAGIC.get(suffix)
    if kind is not None and not kind[1](data[:HEAD]):
        return [f"is not {kind[0]}: its content does not start as one (renamed from another kind of file?)"]
    return []


def _webvtt_problems(data: bytes, name: str) -> list[str]:
    found = Problems()
    text = decode_text(data, name, found)
    out = [str(p.message) for p in found.items]
    if text is None:
        return out
    try:
        captions = webvtt.WebVTT.from_buffer(io.StringIO(text)).captions
    except MalformedFileError:
        return [*out, "is not a WebVTT file: expected 'WEBVTT' on the first line"]
    except Exception as exc:  # the parser's own failures on odd input: still the file's problem
        return [*out, f"is not a valid WebVTT file ({type(exc).__name__})"]
    timings = sum("-->" in line for line in text.split("\n"))
    if not captions:
        out.append("has no cues; expected lines such as '00:00:00.000 --> 00:00:02.500' followed by text")
    elif len(captions) != timings:
        out.append(f"{timings - len(captions)} of {timings} cue timing lines do not parse "
                   "(expected '00:00:00.000 --> 00:00:02.500')")
    for cue in captions:
        if cue.end_in_seconds < cue.start_in_seconds:
            out.append(f"a cue ends before it starts ({cue.start} --> {cue.end})")
            break
    return out
