#!/usr/bin/env python3
"""Compares two PNG screenshots with a tolerance (standard library only).

usage: compare_png.py GOLDEN ACTUAL [MAX_DIFFERING_FRACTION] [CHANNEL_THRESHOLD]

Prints one line, "differing=<fraction> size=<w>x<h>", and exits 0 when the images have the same
size and at most MAX_DIFFERING_FRACTION (default 0.005) of the pixels differ by more than
CHANNEL_THRESHOLD (default 64 of 255) in some channel; 1 otherwise; 2 on unreadable input.
"""
import struct
import sys
import zlib


def decode(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError(f"{path}: not a PNG")
    pos, idat, width = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            width, height, depth, color, _, _, interlace = struct.unpack(">IIBBBBB", body)
            if depth != 8 or color not in (2, 6) or interlace:
                raise ValueError(f"{path}: only 8-bit RGB/RGBA non-interlaced PNGs are handled")
            channels = 3 if color == 2 else 4
        elif kind == b"IDAT":
            idat += body
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, prev = [], bytearray(stride)
    for y in range(height):
        base = y * (stride + 1)
        kind, line = raw[base], bytearray(raw[base + 1:base + 1 + stride])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b = prev[i]
            c = prev[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + a) & 255
            elif kind == 2:
                line[i] = (line[i] + b) & 255
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line)
        prev = line
    return width, height, channels, rows


def main():
    try:
        w1, h1, c1, a = decode(sys.argv[1])
        w2, h2, c2, b = decode(sys.argv[2])
    except (OSError, ValueError, zlib.error) as e:
        print(f"error: {e}")
        return 2
    fraction = float(sys.argv[3]) if len(sys.argv) > 3 else 0.005
    threshold = int(sys.argv[4]) if len(sys.argv) > 4 else 64
    if (w1, h1) != (w2, h2):
        print(f"differing=1 size={w2}x{h2} expected={w1}x{h1}")
        return 1
    differing = 0
    for y in range(h1):
        ra, rb = a[y], b[y]
        for x in range(w1):
            pa, pb = ra[x * c1:x * c1 + 3], rb[x * c2:x * c2 + 3]
            if max(abs(pa[i] - pb[i]) for i in range(3)) > threshold:
                differing += 1
    share = differing / (w1 * h1)
    print(f"differing={share:.5f} size={w1}x{h1}")
    return 0 if share <= fraction else 1


if __name__ == "__main__":
    sys.exit(main())
