#!/usr/bin/env python3
"""Writes the PNG fixtures of the reader tests: every colour type and legal bit depth up to 8,
plain and Adam7-interlaced, with tRNS, IDAT split into many chunks, and ancillary chunks.
Pure Python (zlib, struct) so every byte is under our control; run it from this folder.
The files are committed; the tests compare our decoding of them with ImageMagick's."""
import struct, zlib

def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

ADAM7 = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]

def pack_row(samples, depth):
    if depth == 8:
        return bytes(samples)
    out, acc, bits = bytearray(), 0, 0
    for s in samples:
        acc = (acc << depth) | s
        bits += depth
        if bits == 8:
            out.append(acc); acc = bits = 0
    if bits:
        out.append(acc << (8 - bits))
    return bytes(out)

def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    return a if pa <= pb and pa <= pc else (b if pb <= pc else c)

def filter_row(kind, raw, above, bpp):
    out = bytearray()
    for i, x in enumerate(raw):
        a = raw[i - bpp] if i >= bpp else 0
        b = above[i]
        c = above[i - bpp] if i >= bpp else 0
        pred = [0, a, b, (a + b) // 2, paeth(a, b, c)][kind]
        out.append((x - pred) & 0xFF)
    return bytes([kind]) + bytes(out)

def scanlines(pixels, width, height, depth, spp, interlace):
    """pixels[y][x] is a tuple of samples. Rows use the filters in turn, so all five are exercised."""
    passes = ADAM7 if interlace else [(0, 0, 1, 1)]
    bpp = max(1, depth * spp // 8)
    data, n = bytearray(), 0
    for (x0, y0, dx, dy) in passes:
        xs = list(range(x0, width, dx)); ys = list(range(y0, height, dy))
        if not xs or not ys:
            continue
        above = None
        for y in ys:
            raw = pack_row([s for x in xs for s in pixels[y][x]], depth)
            above = above or bytes(len(raw))
            data += filter_row(n % 5, raw, above, bpp)
            above, n = raw, n + 1
    return bytes(data)

def png(name, width, height, colour_type, depth, pixels, interlace=False, plte=None, trns=None, split=0, ancillary=False):
    spp = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}[colour_type]
    out = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, depth, colour_type, 0, 0, int(interlace)))
    if ancillary:
        out += chunk(b"gAMA", struct.pack(">I", 45455)) + chunk(b"tEXt", b"Comment\x00PixelCodec fixture")
        out += chunk(b"iCCP", b"none\x00\x00" + zlib.compress(b"not a real profile")) + chunk(b"tIME", struct.pack(">HBBBBB", 2026, 11, 22, 12, 0, 0))
    if plte:
        out += chunk(b"PLTE", bytes(c for rgb in plte for c in rgb))
    if trns is not None:
        out += chunk(b"tRNS", trns)
    compressed = zlib.compress(scanlines(pixels, width, height, depth, spp, interlace), 9)
    size = max(1, len(compressed) // split) if split else len(compressed)
    for i in range(0, len(compressed), size):
        out += chunk(b"IDAT", compressed[i:i + size])
    out += chunk(b"IEND", b"")
    with open(name, "wb") as f:
        f.write(out)

def pattern(width, height, spp, maxval, seed):
    state = seed
    rows = []
    for y in range(height):
        row = []
        for x in range(width):
            px = []
            for c in range(spp):
                state = (state * 1103515245 + 12345) & 0x7FFFFFFF
                smooth = (x * 7 + y * 5 + c * 40) * maxval // max(1, width * 7 + height * 5 + 80)
                px.append(min(maxval, (smooth + (state >> 16) % 3) if maxval >= 15 else (state >> 16) % (maxval + 1)))
            row.append(tuple(px))
        rows.append(row)
    return rows

sizes = [(1, 1), (1, 7), (7, 1), (13, 11), (33, 17)]
for (w, h) in sizes:
    for interlace in (False, True):
        tag = f"{w}x{h}{'-adam7' if interlace else ''}"
        for depth in (1, 2, 4, 8):
            png(f"grey{depth}-{tag}.png", w, h, 0, depth, pattern(w, h, 1, (1 << depth) - 1, depth), interlace)
            plte = [((i * 37) % 256, (i * 91) % 256, (255 - i * 13) % 256) for i in range(1 << depth)]
            png(f"palette{depth}-{tag}.png", w, h, 3, depth, pattern(w, h, 1, (1 << depth) - 1, depth + 10), interlace, plte=plte)
        png(f"rgb8-{tag}.png", w, h, 2, 8, pattern(w, h, 3, 255, 3), interlace)
        png(f"greyalpha8-{tag}.png", w, h, 4, 8, pattern(w, h, 2, 255, 4), interlace)
        png(f"rgba8-{tag}.png", w, h, 6, 8, pattern(w, h, 4, 255, 5), interlace)

# transparency, split data and ancillary chunks on a mid-sized image
w, h = 19, 14
grey = pattern(w, h, 1, 15, 21)
png("grey4-trns.png", w, h, 0, 4, grey, trns=struct.pack(">H", grey[3][4][0]))
rgb = pattern(w, h, 3, 255, 22)
png("rgb8-trns-adam7.png", w, h, 2, 8, rgb, interlace=True, trns=struct.pack(">HHH", *rgb[5][6]))
plte = [(i, 255 - i, (i * 3) % 256) for i in range(16)]
png("palette4-trns.png", w, h, 3, 4, pattern(w, h, 1, 15, 23), plte=plte, trns=bytes(range(0, 160, 16))[:9])
png("rgb8-split-idat-ancillary.png", w, h, 2, 8, rgb, split=40, ancillary=True)
png("palette8-split-idat-adam7.png", w, h, 3, 8, pattern(w, h, 1, 255, 24), interlace=True, plte=[(i, i // 2, 255 - i) for i in range(256)], split=7, ancillary=True)
