#!/usr/bin/env python3
"""Make simple sample videos with captions for the rest sites of a course.

For every site folder given (default: all of course_source/sites/*), read the
``::: video`` block of site.md and write, beside it, the files its ``src``
and ``captions`` name (normally media/video.mp4 and media/video.vtt):

* speech: the block's transcript spoken by espeak-ng (Norwegian voice),
  one sentence at a time, so every cue is timed to the real audio;
* picture: one still slide, a calm green landscape with the site's number
  ("Rasteplass 3", from the folder name 03-...) and the video's title. It
  carries no text that the captions say: burned-in words would repeat the
  captions and could be neither turned off nor read by a screen reader;
* captions: WebVTT, one cue per sentence (long sentences split in two),
  lines of at most 42 characters where possible;
* poster: the slide as a small JPEG beside the video (media/video-poster.jpg
  for media/video.mp4), the still a learner sees before pressing play. A
  block whose ``poster`` names another file (a designer's) keeps it: the
  tool does not write over it.

A site whose mp4, vtt and poster are newer than its site.md is skipped
unless --force is given.

Needs the Debian packages espeak-ng, ffmpeg and fonts-dejavu-core, and
PyYAML. This is a course-maintenance tool, not part of the trail package.

    python3 tools/make_videos.py [--force] [SITE_DIR ...]
"""

from __future__ import annotations

import argparse
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
import wave
from dataclasses import dataclass
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SITES = REPO / "course_source" / "sites"

VOICE = "nb"            # espeak-ng Norwegian bokmål
WORDS_PER_MINUTE = 150
AMPLITUDE = 75          # espeak-ng's default 100 touches full scale
WIDTH, HEIGHT = 640, 360
FPS = 5
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT = FONT_DIR / "DejaVuSans.ttf"
FONT_BOLD = FONT_DIR / "DejaVuSans-Bold.ttf"
TITLE_COLOUR = "white"   # on the dark green sky (#1F4F38): about 9:1 contrast
LABEL_COLOUR = "0xDFECE2"

CAPTION_LINE = 42        # characters per caption line
TITLE_LINE = 30          # characters per title line at TITLE_SIZE
TITLE_SIZE = 32
TITLE_LEADING = 44
LABEL_SIZE = 22
HORIZON = 270            # the text is centred in the sky above this line
POSTER_QUALITY = 5       # ffmpeg's JPEG -q:v (2 best .. 31 worst): about 15 KB

MAX_BYTES = 500 * 1000
# (audio kbit/s asked of ffmpeg's AAC encoder, x264 CRF): tried in order until
# the file is at most TARGET_BYTES. The encoder overshoots low bitrates: 24k
# comes out near 36 kbit/s for espeak-ng's 22 kHz speech.
QUALITY_STEPS = [(24, 30), (20, 32), (16, 34), (12, 36)]
TARGET_BYTES = 350 * 1000


# --------------------------------------------------------------------------
# reading site.md

def video_blocks(site_md: Path) -> list[dict]:
    """The YAML of every ``::: video`` block in site.md, in order."""
    blocks: list[dict] = []
    lines = site_md.read_text(encoding="utf-8").splitlines()
    i, fence = 0, None
    while i < len(lines):
        stripped = lines[i].strip()
        m = re.match(r"^(`{3,}|~{3,})", stripped)
        if m:  # skip fenced code: an example of a block is not a block
            if fence is None:
                fence = m.group(1)[0] * len(m.group(1))
            elif stripped.startswith(fence):
                fence = None
        elif fence is None and re.fullmatch(r":::\s*video", stripped):
            body = []
            i += 1
            while i < len(lines) and lines[i].strip() != ":::":
                body.append(lines[i])
                i += 1
            data = yaml.safe_load("\n".join(body)) or {}
            if not isinstance(data, dict):
                raise ValueError(f"{site_md}: video block is not a YAML mapping")
            blocks.append(data)
        i += 1
    return blocks


def plain_text(markdown: str) -> str:
    """The transcript as speakable plain text (Markdown marks removed)."""
    text = markdown
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)       # links
    text = re.sub(r"<[^>]+>", "", text)                           # html
    text = re.sub(r"(\*\*|__|\*|`)", "", text)                    # emphasis, code
    text = re.sub(r"(?m)^\s{0,3}(#+|[-*+]|\d+[.)]|>)\s+", "", text)  # heads, lists
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text)]
    out = []
    for p in paragraphs:
        if not p:
            continue
        if not re.search(r"[.!?…:]\W*$", p):
            p += "."  # a paragraph without an end mark is still a sentence
        out.append(p)
    return " ".join(out)


def sentences(text: str) -> list[str]:
    """Split at . ! ? … followed by a space and an upper-case letter or digit."""
    parts = re.split(r"(?<=[.!?…])[»”\"')]*\s+(?=[«“\"(]*[A-ZÆØÅÄÖÜ0-9])", text)
    return [p.strip() for p in parts if p.strip()]


# --------------------------------------------------------------------------
# caption layout

# A break reads well before these words ...
CONJUNCTIONS = {"og", "men", "som", "fordi", "når", "hvis", "at", "der",
                "slik", "eller", "så", "mens", "før", "etter", "selv", "hvor",
                "hva", "hvem", "hvordan", "hvorfor", "enn"}
# ... and badly after these (prepositions, articles, conjunctions, "å").
CLINGING = {"i", "til", "fra", "på", "av", "om", "med", "for", "hos", "ved",
            "mot", "over", "under", "etter", "mellom", "uten", "gjennom",
            "en", "et", "ei", "den", "det", "de", "sin", "sitt", "sine",
            "å", "og", "eller", "men", "som", "at", "når", "hvis", "fordi",
            "ikke", "er", "kan", "skal", "må", "vil", "har", "blir"}


def break_cost(words: list[str], k: int) -> int:
    """How badly a break between words[k-1] and words[k] reads (lower is better)."""
    before, after = words[k - 1], words[k]
    if before[-1] in ",;:":
        return -4
    if before in ("–", "-"):
        return -3
    cost = 0
    if after.lower().strip("«\"(") in CONJUNCTIONS:
        cost -= 2
    if before.lower().strip("«\"(") in CLINGING:
        cost += 3
    if before[-1].isdigit() and after[:1].isdigit():
        cost += 5  # 5 000
    return cost


def best_two_lines(text: str, width: int = CAPTION_LINE):
    """(cost of the break, [line, line]) for the best break, or None."""
    words = text.split(" ")
    best = None
    for k in range(1, len(words)):
        a, b = " ".join(words[:k]), " ".join(words[k:])
        if max(len(a), len(b)) > width:
            continue
        cost = break_cost(words, k)
        score = abs(len(a) - len(b)) / 2 + 3 * cost
        if best is None or score < best[0]:
            best = (score, cost, [a, b])
    return None if best is None else best[1:]


def two_lines(text: str, width: int = CAPTION_LINE) -> list[str]:
    """Text as one line, or two lines of at most width, even and at a good break."""
    if len(text) <= width:
        return [text]
    best = best_two_lines(text, width)
    if best is None:
        return textwrap.wrap(text, width, break_long_words=False) or [text]
    return best[1]


def balanced_wrap(text: str, width: int) -> list[str]:
    """Wrap in as few lines as textwrap would, but with lines of even length."""
    lines = textwrap.wrap(text, width, break_long_words=False) or [""]
    best = lines
    for w in range(width - 1, 0, -1):
        trial = textwrap.wrap(text, w, break_long_words=False)
        if len(trial) != len(lines) or max(map(len, trial)) > w:
            break
        best = trial
    return best


def fits_cue(text: str) -> bool:
    """One line, or two lines with a break that does not split a phrase."""
    if len(text) <= CAPTION_LINE:
        return True
    best = best_two_lines(text)
    return best is not None and best[0] <= 0


def split_cue(text: str) -> list[str]:
    """A sentence as one cue, or split in two (recursively) when too long."""
    if fits_cue(text):
        return [text]
    words = text.split(" ")
    if len(words) < 2:
        return [text]
    middle = len(text) / 2
    best = None
    for k in range(1, len(words)):
        a, b = " ".join(words[:k]), " ".join(words[k:])
        score = abs(len(a) - middle) + 6 * break_cost(words, k)
        if min(len(a), len(b)) < 12:
            score += 40
        if best is None or score < best[0]:
            best = (score, a, b)
    _, a, b = best
    return split_cue(a) + split_cue(b)


# --------------------------------------------------------------------------
# speech

def run(cmd: list[str], **kw) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(cmd, check=True, capture_output=True, **kw)
    except subprocess.CalledProcessError as e:
        sys.stderr.write(e.stderr.decode("utf-8", "replace")[-3000:])
        raise


def speak(text: str, wav: Path) -> None:
    run(["espeak-ng", "-v", VOICE, "-s", str(WORDS_PER_MINUTE),
         "-a", str(AMPLITUDE), "-w", str(wav), "--", text])


def wav_info(wav: Path) -> tuple[bytes, int, tuple]:
    with wave.open(str(wav), "rb") as w:
        return w.readframes(w.getnframes()), w.getnframes(), w.getparams()


@dataclass
class Cue:
    text: str
    start: int  # in samples
    end: int


def synthesise(cue_groups: list[list[str]], work: Path) -> tuple[Path, list[Cue], int]:
    """Speak each sentence; return the joined WAV, the cues and the sample rate.

    A sentence is spoken whole so it sounds natural. When it has more than
    one cue, its parts are also spoken alone and the sentence's audio is
    shared between the cues in proportion to the parts' lengths.
    """
    frames: list[bytes] = []
    cues: list[Cue] = []
    params = None
    position = 0
    for n, group in enumerate(cue_groups):
        sentence_wav = work / f"s{n:03d}.wav"
        speak(" ".join(group), sentence_wav)
        data, count, p = wav_info(sentence_wav)
        if params is None:
            params = p
        elif (p.nchannels, p.sampwidth, p.framerate) != (
                params.nchannels, params.sampwidth, params.framerate):
            raise RuntimeError("espeak-ng changed its WAV format between sentences")
        frames.append(data)
        if len(group) == 1:
            cues.append(Cue(group[0], position, position + count))
        else:
            lengths = []
            for m, part in enumerate(group):
                part_wav = work / f"s{n:03d}-{m}.wav"
                speak(part, part_wav)
                lengths.append(wav_info(part_wav)[1])
            total = sum(lengths)
            start, acc = position, 0
            for m, part in enumerate(group):
                acc += lengths[m]
                end = position + (count if m == len(group) - 1 else round(count * acc / total))
                cues.append(Cue(part, start, end))
                start = end
        position += count
    if params is None:
        raise ValueError("the transcript is empty")
    speech = work / "speech.wav"
    with wave.open(str(speech), "wb") as w:
        w.setnchannels(params.nchannels)
        w.setsampwidth(params.sampwidth)
        w.setframerate(params.framerate)
        w.writeframes(b"".join(frames))
    return speech, cues, params.framerate


# --------------------------------------------------------------------------
# captions

def timestamp(samples: int, rate: int) -> str:
    ms = round(samples * 1000 / rate)
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}.{ms:03d}"


def webvtt(cues: list[Cue], rate: int) -> str:
    out = ["WEBVTT", ""]
    for n, cue in enumerate(cues, 1):
        out.append(str(n))
        out.append(f"{timestamp(cue.start, rate)} --> {timestamp(cue.end, rate)}")
        out.extend(two_lines(cue.text))
        out.append("")
    return "\n".join(out)


# --------------------------------------------------------------------------
# picture and encoding

def hill(x: int, base: float, waves: tuple[tuple[float, float, float], ...]) -> float:
    """Height (y, in pixels from the top) of a soft hill line at column x."""
    return base + sum(a * math.sin(2 * math.pi * f * x / WIDTH + p) for a, f, p in waves)


def landscape(path: Path) -> None:
    """A calm still: the theme's dark green sky over two green hills, as a PPM.

    The same picture as the player's drawn poster, so a learner sees one
    landscape before and while the video plays. Made in Python, so it is
    the same bytes on every machine.
    """
    sky, near, far = (0x1F, 0x4F, 0x38), (0x27, 0x5D, 0x44), (0x2D, 0x6A, 0x4D)
    far_line = [hill(x, 282, ((14, 1.1, 0.4), (6, 2.3, 1.7))) for x in range(WIDTH)]
    near_line = [hill(x, 318, ((10, 0.8, 2.1), (4, 2.9, 0.3))) for x in range(WIDTH)]
    rows = []
    for y in range(HEIGHT):
        row = bytearray()
        for x in range(WIDTH):
            row += bytes(near if y >= near_line[x] else far if y >= far_line[x] else sky)
        rows.append(bytes(row))
    path.write_bytes(f"P6 {WIDTH} {HEIGHT} 255\n".encode() + b"".join(rows))


def slide_script(number: str, title: str, work: Path) -> str:
    """A drawtext filter chain for the one slide: the site's number and the video's title.

    No caption text is drawn: the captions are in the WebVTT file, and words
    burned into the picture would repeat them (and could not be hidden,
    translated or read by a screen reader). Text goes through files
    (textfile=, expansion=none), so nothing in it needs escaping; each line
    is its own drawtext so it can be centred.
    """
    def textfile(name: str, text: str) -> str:
        (work / name).write_text(text, encoding="utf-8")
        return name

    title_lines = balanced_wrap(title, TITLE_LINE)
    block = (LABEL_SIZE + 18 if number else 0) + len(title_lines) * TITLE_LEADING
    y = max(20, (HORIZON - block) // 2)
    filters = []
    if number:
        filters.append(
            f"drawtext=fontfile={FONT}:textfile={textfile('label.txt', number)}"
            f":expansion=none:fontsize={LABEL_SIZE}:fontcolor={LABEL_COLOUR}"
            f":x=(w-text_w)/2:y={y}")
        y += LABEL_SIZE + 18
    for n, line in enumerate(title_lines):
        filters.append(
            f"drawtext=fontfile={FONT_BOLD}:textfile={textfile(f't{n}.txt', line)}"
            f":expansion=none:fontsize={TITLE_SIZE}:fontcolor={TITLE_COLOUR}"
            f":x=(w-text_w)/2:y={y}")
        y += TITLE_LEADING
    return "[0:v]" + ",\n".join(filters) + ",format=rgb24[v]\n"


def make_slide(number: str, title: str, work: Path) -> Path:
    """The slide as a PNG: the landscape with the number and title drawn on it."""
    landscape(work / "landscape.ppm")
    script = work / "slide.txt"
    script.write_text(slide_script(number, title, work), encoding="utf-8")
    run(["ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y",
         "-filter_threads", "1", "-filter_complex_threads", "1",
         "-i", "landscape.ppm", "-filter_complex_script", script.name,
         "-map", "[v]", "-frames:v", "1", "-fflags", "+bitexact",
         "-flags:v", "+bitexact", "slide.png"], cwd=work)
    return work / "slide.png"


def make_poster(slide: Path, out: Path, work: Path) -> None:
    """The poster: the slide as a small JPEG (the first and every frame of the video)."""
    run(["ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y",
         "-i", slide.name, "-frames:v", "1", "-q:v", str(POSTER_QUALITY),
         "-pix_fmt", "yuvj420p", "-map_metadata", "-1",
         "-fflags", "+bitexact", "-flags:v", "+bitexact", str(out)], cwd=work)


def encode(speech: Path, slide: Path, duration: float, out: Path,
           audio_kbps: int, crf: int, work: Path) -> None:
    run(["ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y",
         "-filter_threads", "1",
         "-fflags", "+bitexact",
         "-loop", "1", "-framerate", str(FPS), "-i", slide.name,
         "-i", speech.name,
         "-map", "0:v", "-map", "1:a",
         "-t", f"{duration:.4f}",
         "-c:v", "libx264", "-preset", "slow", "-tune", "stillimage",
         "-crf", str(crf), "-pix_fmt", "yuv420p", "-g", str(FPS * 10),
         "-threads", "1", "-x264-params", "threads=1:lookahead-threads=1",
         "-c:a", "aac", "-b:a", f"{audio_kbps}k", "-ac", "1",
         "-map_metadata", "-1", "-map_chapters", "-1",
         "-flags:v", "+bitexact", "-flags:a", "+bitexact",
         "-movflags", "+faststart", "-fflags", "+bitexact",
         "-f", "mp4", str(out)], cwd=work)


# --------------------------------------------------------------------------
# one site

def is_local_mp4(src) -> bool:
    return (isinstance(src, str) and src.endswith(".mp4")
            and not src.startswith("/") and "://" not in src and ".." not in src)


def site_number(site: Path) -> str:
    """ "Rasteplass 3" for a folder named 03-..., or "" when it has no number."""
    m = re.match(r"(\d+)-", site.name)
    return f"Rasteplass {int(m.group(1))}" if m else ""


def make_site(site: Path, force: bool) -> list[str]:
    site_md = site / "site.md"
    if not site_md.is_file():
        return [f"{site.name}: no site.md, skipped"]
    blocks = video_blocks(site_md)
    if not blocks:
        return [f"{site.name}: no video block, skipped"]
    report = []
    for block in blocks:
        src = block.get("src")
        if not is_local_mp4(src):
            report.append(f"{site.name}: video src {src!r} is not a local .mp4, skipped")
            continue
        captions = block.get("captions") or src[:-4] + ".vtt"
        made_poster = src[:-4] + "-poster.jpg"
        poster_key = block.get("poster")
        mp4, vtt = site / src, site / captions
        # a designer's poster (any other file) is theirs: never written over
        poster = site / made_poster if poster_key in (None, made_poster) else None
        outputs = [mp4, vtt] + ([poster] if poster else [])
        if (not force and all(f.is_file() for f in outputs)
                and min(f.stat().st_mtime for f in outputs) > site_md.stat().st_mtime):
            report.append(f"{site.name}: up to date ({src}, {mp4.stat().st_size / 1000:.0f} KB), skipped")
            continue
        title = str(block.get("title") or "").strip()
        transcript = plain_text(str(block.get("transcript") or ""))
        groups = [split_cue(s) for s in sentences(transcript)]
        with tempfile.TemporaryDirectory(prefix="make_videos-") as tmp:
            work = Path(tmp)
            speech, cues, rate = synthesise(groups, work)
            duration = cues[-1].end / rate
            slide = make_slide(site_number(site), title, work)
            out = work / "video.mp4"
            for audio_kbps, crf in QUALITY_STEPS:
                encode(speech, slide, duration, out, audio_kbps, crf, work)
                size = out.stat().st_size
                if size <= TARGET_BYTES:
                    break
            if size >= MAX_BYTES:
                raise RuntimeError(f"{site.name}: {src} is {size} bytes even at the lowest quality")
            mp4.parent.mkdir(parents=True, exist_ok=True)
            vtt.parent.mkdir(parents=True, exist_ok=True)
            tmp_vtt = work / "video.vtt"
            tmp_vtt.write_text(webvtt(cues, rate), encoding="utf-8")
            made = [(out, mp4), (tmp_vtt, vtt)]
            if poster:
                tmp_poster = work / "poster.jpg"
                make_poster(slide, tmp_poster, work)
                made.append((tmp_poster, poster))
            # copy then rename, so a reader never sees half a file
            for made_file, dest in made:
                part = dest.with_name(dest.name + ".part")
                shutil.copyfile(made_file, part)
                os.replace(part, dest)
        report.append(f"{site.name}: {duration:.1f} s, {size / 1000:.0f} KB, "
                      f"{len(cues)} cues, audio {audio_kbps} kbit/s ({src})"
                      + (f", poster {poster.stat().st_size / 1000:.0f} KB" if poster else ""))
        if poster_key is None:
            report.append(f"{site.name}: add 'poster: {made_poster}' to the video block")
    return report


# --------------------------------------------------------------------------

def check_tools() -> None:
    missing = [t for t in ("espeak-ng", "ffmpeg") if shutil.which(t) is None]
    missing += [str(f) for f in (FONT, FONT_BOLD) if not f.is_file()]
    if missing:
        sys.exit("missing: " + ", ".join(missing)
                 + "\ninstall with: apt-get install -y espeak-ng ffmpeg fonts-dejavu-core")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sites", nargs="*", type=Path,
                        help="site folders (default: all of course_source/sites/*)")
    parser.add_argument("--force", action="store_true",
                        help="remake media even when newer than site.md")
    args = parser.parse_args(argv)
    check_tools()
    sites = args.sites or sorted(p for p in DEFAULT_SITES.glob("*") if p.is_dir())
    if not sites:
        print("no site folders found", file=sys.stderr)
        return 1
    failed = 0
    for site in sites:
        try:
            for line in make_site(site, args.force):
                print(line, flush=True)
        except Exception as e:  # report and go on with the other sites
            failed += 1
            print(f"{site.name}: FAILED: {e}", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
