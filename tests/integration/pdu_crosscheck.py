#!/usr/bin/python3
"""Cross-checks smsdesk's PDU codec against gammu's (python3-gammu), an
independent, mature implementation of 3GPP TS 23.040/23.038.

Both directions, on thousands of random messages:
  A. gammu encodes (SMS-DELIVER and SMS-SUBMIT, single and concatenated with
     8- and 16-bit references) -> `smsdesk pdu decode` -> same text, number and
     concatenation data as gammu's own decoding.
  B. `smsdesk pdu encode` -> gammu.DecodePDU -> same text, number and
     concatenation data as the input.

Usage: pdu_crosscheck.py SMSDESK_BINARY [COUNT] [SEED]
"""
import datetime
import json
import random
import subprocess
import sys

import gammu

GSM_BASIC = ("@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
             "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà")
GSM_EXT = "^{}\\[~]|€"
ARABIC = "ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأؤإئةى ،؟٠١٢٣"
CYRILLIC = "абвгдеєжзиіїйклмнопрстуфхцчшщьюяАБВГҐДЕЄЖЗ ,.?"
EMOJI = "😀😂🙏👍❤🌧🚌"
OTHER = "中文字äöüœŒ“”…–"


def random_text(rng, unicode_ok):
    length = rng.choice([0, 1, 5, 20, 69, 70, 71, 120, 152, 153, 154, 159, 160, 161,
                         200, 305, 306, 307, 459, 460, rng.randint(1, 600)])
    pools = [GSM_BASIC, GSM_BASIC + GSM_EXT]
    if unicode_ok:
        pools += [ARABIC, CYRILLIC, ARABIC + GSM_BASIC, EMOJI + CYRILLIC, OTHER + GSM_BASIC]
    pool = rng.choice(pools)
    return "".join(rng.choice(pool) for _ in range(length))


def random_number(rng):
    kind = rng.random()
    if kind < 0.6:
        return "+" + str(rng.randint(1, 9)) + "".join(rng.choice("0123456789") for _ in range(rng.randint(6, 13)))
    return "".join(rng.choice("0123456789") for _ in range(rng.randint(3, 12)))


def is_gsm(text):
    return all(c in GSM_BASIC or c in GSM_EXT for c in text)


def fix_surrogates(text):
    """gammu may split a surrogate pair across parts; compare as U+FFFD."""
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def gammu_text(decoded):
    """python-gammu 1.42 returns stale buffer bytes after a NUL at the end of
    some texts (its decode buffer is not cleared); the generated texts never
    contain U+0000, so everything from the first NUL on is gammu's, not the PDU's."""
    return decoded["Text"].split("\x00", 1)[0]


def smsdesk_decode(binary, hexes):
    out = subprocess.run([binary, "pdu", "decode"], input="\n".join(hexes) + "\n",
                         capture_output=True, text=True, check=False)
    return [json.loads(line) for line in out.stdout.splitlines()]


def gammu_parts(rng, text, number, layout, bits16):
    ident = "ConcatenatedTextLong16bit" if bits16 else "ConcatenatedTextLong"
    parts = gammu.EncodeSMS({"Class": -1, "Unicode": not is_gsm(text),
                             "Entries": [{"ID": ident, "Buffer": text}]})
    pdus = []
    for part in parts:
        part["SMSC"] = {"Location": 0, "Number": "+31624000000"}
        part["Number"] = number
        part["Type"] = layout
        part["DateTime"] = datetime.datetime(2000 + rng.randint(0, 37), rng.randint(1, 12), rng.randint(1, 28),
                                             rng.randint(0, 23), rng.randint(0, 59), rng.randint(0, 59))
        pdus.append(gammu.EncodePDU(part, layout))
    return pdus


def check_a(binary, rng, count, failures):
    cases = []
    for _ in range(count):
        text = random_text(rng, True)
        number = random_number(rng)
        layout = rng.choice(["Deliver", "Submit"])
        pdus = gammu_parts(rng, text, number, layout, rng.random() < 0.3)
        cases.append((text, number, layout, pdus))
    all_hex = [p.hex() for case in cases for p in case[3]]
    decoded = smsdesk_decode(binary, all_hex)
    if len(decoded) != len(all_hex):
        failures.append(f"A: decoded {len(decoded)} of {len(all_hex)} PDUs")
        return 0
    i = 0
    for text, number, layout, pdus in cases:
        for pdu in pdus:
            ours, theirs = decoded[i], gammu.DecodePDU(pdu, SMSC=True)
            i += 1
            field = "from" if layout == "Deliver" else "to"
            udh = theirs["UDH"]
            want_concat = None
            if udh["Type"] != "NoUDH":
                ref = udh["ID16bit"] if udh["ID16bit"] != -1 else udh["ID8bit"]
                want_concat = {"ref": ref, "total": udh["AllParts"], "seq": udh["PartNumber"]}
            got_concat = ours.get("concat")
            if got_concat is not None:
                got_concat = {k: got_concat[k] for k in ("ref", "total", "seq")}
            problems = []
            if "error" in ours:
                problems.append(f"error {ours['error']}")
            else:
                if ours["type"] != layout.lower():
                    problems.append(f"type {ours['type']}")
                if ours[field] != theirs["Number"]:
                    problems.append(f"number {ours[field]!r} != {theirs['Number']!r}")
                if fix_surrogates(ours["text"]) != fix_surrogates(gammu_text(theirs)):
                    problems.append(f"text {ours['text']!r} != {gammu_text(theirs)!r}")
                if got_concat != want_concat:
                    problems.append(f"concat {got_concat} != {want_concat}")
            if problems:
                failures.append(f"A {layout} {pdu.hex()}: " + "; ".join(problems))
    return i


def check_b(binary, rng, count, failures):
    checked = 0
    for _ in range(count):
        text = random_text(rng, True)
        number = random_number(rng)
        ref16 = rng.random() < 0.3
        args = [binary, "pdu", "encode", "--no-national", "--to", number, "--ref", str(rng.randint(0, 255))]
        if ref16:
            args.append("--ref16")
        out = subprocess.run(args + ["--", text], capture_output=True, text=True, check=False)
        if out.returncode != 0:
            failures.append(f"B encode failed for {text!r}: {out.stderr.strip()}")
            continue
        parts = []
        for line in out.stdout.splitlines():
            length, hexpdu = line.split()
            pdu = bytes.fromhex(hexpdu)
            if int(length) != len(pdu) - 1 - pdu[0]:
                failures.append(f"B length {length} wrong for {hexpdu}")
            parts.append(gammu.DecodePDU(pdu, SMSC=True))
        checked += len(parts)
        joined = "".join(gammu_text(p) for p in sorted(parts, key=lambda p: p["UDH"]["PartNumber"]))
        problems = []
        if fix_surrogates(joined) != text:
            problems.append(f"text {joined!r} != {text!r}")
        for p in parts:
            if p["Number"] != number:
                problems.append(f"number {p['Number']!r} != {number!r}")
            udh = p["UDH"]
            if len(parts) > 1 and (udh["AllParts"] != len(parts) or
                                   udh["Type"] not in ("ConcatenatedMessages", "ConcatenatedMessages16bit")):
                problems.append(f"concat {udh}")
            if len(parts) == 1 and udh["Type"] != "NoUDH":
                problems.append(f"unexpected UDH {udh}")
        if problems:
            failures.append(f"B {text!r}: " + "; ".join(problems[:3]))
    return checked


def main():
    binary = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 23040
    rng = random.Random(seed)
    failures = []
    a = check_a(binary, rng, count, failures)
    b = check_b(binary, rng, count, failures)
    print(f"cross-check with gammu {gammu.Version()[0]}: {count} messages each way, "
          f"{a} gammu PDUs decoded by smsdesk, {b} smsdesk PDUs decoded by gammu, seed {seed}")
    for f in failures[:20]:
        print("MISMATCH", f)
    print(f"{a + b - len(failures)} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
