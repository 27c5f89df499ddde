#!/usr/bin/env python3
"""Writes the fuzz targets' seed corpora into tests/fuzz/corpus/<target>/.

Seeds are small inputs in each target's own input format (see the comment at
the top of each *_fuzz.cc). Article seeds come from samples/articles, the
project's own sample articles. Run from anywhere; rewrites the corpus folders.
"""
import hashlib
import json
import pathlib
import shutil
import struct

HERE = pathlib.Path(__file__).resolve().parent
SAMPLES = HERE.parent.parent / "samples" / "articles"


# ---- protobuf wire format (just what the seeds need) ----
def varint(n):
    n &= (1 << 64) - 1
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        out.append(b | (0x80 if n else 0))
        if not n:
            return bytes(out)


def field_varint(num, value):
    return varint(num << 3) + varint(value)


def field_bytes(num, value):
    if isinstance(value, str):
        value = value.encode()
    return varint(num << 3 | 2) + varint(len(value)) + value


def date(y, m=0, d=0):
    return b"".join(field_varint(n, v) for n, v in ((1, y), (2, m), (3, d)) if v)


def article(text, url="", title="", source="", published=None):
    out = b""
    for num, value in ((3, url), (4, title), (5, source)):
        if value:
            out += field_bytes(num, value)
    if published:
        out += field_bytes(6, date(*published))
    return out + field_bytes(7, text)


# ---- the key codec ----
def key_string(s):
    if isinstance(s, str):
        s = s.encode()
    return s.replace(b"\0", b"\0\xff") + b"\0\x01"


def key_uint64(v):
    return struct.pack(">Q", v)


def key_int32(v, descending=False):
    u = (v & 0xFFFFFFFF) ^ 0x80000000
    return struct.pack(">I", (~u & 0xFFFFFFFF) if descending else u)


def samples():
    """(text, url, title, source, (y, m, d) or None) of each sample article."""
    for path in sorted(SAMPLES.iterdir()):
        if path.suffix == ".json":
            a = json.loads(path.read_text(encoding="utf-8"))
            p = a.get("publishedOn")
            yield (a["text"], a.get("url", ""), a.get("title", ""), a.get("source", ""),
                   (p["year"], p.get("month", 0), p.get("day", 0)) if p else None)
        elif path.suffix == ".txt":
            yield path.read_text(encoding="utf-8"), "", "", "", None


def write(target, seeds):
    folder = HERE / "corpus" / target
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for name, data in seeds.items():
        (folder / name).write_bytes(data)


def extractor_seeds():
    def with_date(text, published):
        # extractor_fuzz reads published_on from the last three bytes: year byte
        # last (>= 64: 1990 + b % 50), then month, then day.
        if not published:
            return text.encode() + b"\0\0\0"
        y, m, d = published
        return text.encode() + bytes([d, m, 100 + (y - 1990) % 50])

    seeds = {}
    for i, (text, _, _, _, published) in enumerate(samples()):
        seeds[f"sample_{i + 1:02d}"] = with_date(text, published)
    seeds["dateline"] = b"HANOI, Jan 5 (VNA) - Minister of Public Security General To Lam met Cambodian Deputy Prime Minister Sar Kheng.\0\0\0"
    seeds["checkpoint"] = "The Moc Bai (Tây Ninh) - Bavet (Svay Rieng) international border gate was upgraded in 2024.".encode() + b"\0\0\0"
    seeds["crlf_nbsp"] = "Lê Văn Tuyến,\u00a0Deputy Minister\r\n\r\nsigned the plan for 2021-2025 period.\r\n".encode() + b"\x05\x03\x9f"
    seeds["combining"] = "Nguye\u0302\u0303n Xua\u0302n Phu\u0301c and Hun\u200bSen witnessed the MoU.".encode() + b"\0\0\0"
    return seeds


def key_codec_seeds():
    return {
        "sequence": b"\x00" + key_uint64(42),
        "strings": b"\xff" + key_string("ab") + key_string(b"a\0") + key_string("") + key_string(b"\0\0") + b"raw",
        "index": bytes([0b11101011]) + key_string("vn") + key_int32(2024, True) + key_string("security-kh-vn-2024"),
        "mixed": bytes([0b00111001]) + key_uint64(7) + key_int32(-1) + key_string("x") + key_uint64(2**64 - 1),
        "truncated": b"\x03" + b"abc\0",
    }


def page_token_seeds():
    import base64
    fingerprint = hashlib.sha256(b"accord.v1.ListOfficialsRequest:").digest()[:8]
    cursor = key_string("KH") + key_string("sar-sokha")
    payload = key_uint64(1) + key_string(fingerprint) + key_uint64(1767225600) + key_string(cursor)
    sealed = payload + hashlib.sha256(b"accord.page_token.v1:" + payload).digest()[:8]
    token = base64.urlsafe_b64encode(sealed).rstrip(b"=")
    return {
        "token": b"\x00\x00" + token,
        "not_base64": b"\x00\x01" + b"!!not a token!!",
        "payload": b"\x01\x00" + payload,
        "stale_payload": b"\x01\x00" + key_uint64(1) + key_string(fingerprint) + key_uint64(0) + key_string(""),
        "cursor": b"\x02\x03" + cursor,
        "cursor_nul": b"\x02\x00" + b"\0\0\xff\x01",
    }


def ingest_request_seeds():
    seeds = {}
    for i, (text, url, title, source, published) in enumerate(samples()):
        seeds[f"request_{i + 1:02d}"] = b"\0" + field_bytes(1, article(text[:1500], url, title, source, published))
    seeds["validate_only"] = b"\0" + field_bytes(1, article("x", "HTTP://Example.ORG/a/#frag")) + field_varint(2, 1)
    seeds["bad_date"] = b"\0" + field_bytes(1, article("text", published=(2023, 2, 29)))
    # Odd first byte: url, title, source as backslash-terminated strings, the
    # text, then (consumed from the end) the has-date byte and three int32s.
    seeds["fields"] = (b"\x01https://example.org/x\\ztitle\\zsource\\z" + "Văn bản".encode() +
                       struct.pack("<iii", 29, 2, 2024) + b"\x01")
    seeds["fields_bad_utf8"] = b"\x01http://a\\z\xc3\\z\xff\xfe\\ztext \xed\xa0\x80 end\x00"
    return seeds


def query_request_seeds():
    return {
        "get_official": b"\x00" + field_bytes(1, "officials/sar-sokha"),
        "get_plan": b"\x01" + field_bytes(1, "plans/security-kh-vn-2024"),
        "get_checkpoint": b"\x02" + field_bytes(1, "checkpoints/moc-bai--bavet"),
        "get_article_missing": b"\x03" + field_bytes(1, "articles/nope"),
        "list_officials": b"\x04" + field_varint(1, 1) + field_bytes(3, "kh"),
        "list_officials_name": b"\x04" + field_bytes(4, "luong") + field_bytes(6, date(2025, 3)),
        "list_officials_org": b"\x04" + field_bytes(5, "ministry of interior"),
        "list_plans_years": b"\x05" + field_varint(1, 1) + field_varint(3, 2020) + field_varint(4, 2024),
        "list_plans_signatory": b"\x05" + field_bytes(8, "Sar Sokha") + field_varint(6, 1),
        "list_plans_focus": b"\x05" + field_varint(7, 3) + field_bytes(5, "VN"),
        "list_checkpoints": b"\x06" + field_bytes(4, "Tây Ninh") + field_varint(5, 1) + field_varint(6, 3),
        "list_articles": b"\x07" + field_varint(1, 1) + field_bytes(3, date(2021)) + field_bytes(4, date(2025, 2)),
        "list_articles_supports": b"\x07" + field_bytes(6, "officials/sar-sokha") + field_bytes(5, "khmer times"),
    }


if __name__ == "__main__":
    write("extractor_fuzz", extractor_seeds())
    write("key_codec_fuzz", key_codec_seeds())
    write("page_token_fuzz", page_token_seeds())
    write("ingest_request_fuzz", ingest_request_seeds())
    write("query_request_fuzz", query_request_seeds())
