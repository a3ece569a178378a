#!/usr/bin/python3
"""The plan and the verdict of desk_crash.sh (which runs the processes).

plan: picks 300 texts for 60 phones from the FAQ evaluation set, about 10%
  of them long (multipart), and asks `smsdesk faq match` what the desk will
  do with each, so that the expected replies come from the matcher itself and
  not from this file. Writes the manifest (JSON) and the sending list (TSV:
  number, modem, shuffle, text).

check: compares the store and the phones' inboxes with the manifest after
  the run: every text stored once and routed, every reply sent, and no phone
  with more extra copies than the crashes can explain.

Usage:
  desk_crash.py plan SMSDESK FAQ_CSV QUESTIONS_TSV SEED MODEMS MANIFEST SEND_TSV
  desk_crash.py check MANIFEST DATABASE INBOXES_JSON KILLS MODEMS
"""
import collections
import json
import random
import sqlite3
import subprocess
import sys

PHONES = 60
PER_PHONE = 5
LONG_EVERY = 2  # one long text for every second phone: 30 of 300

# Words that open a keyword command (STOP, HELP, JOIN…): a text starting
# with one is a command, not a question, and gets other replies.
KEYWORD_STARTS = {"stop", "end", "quit", "cancel", "unsubscribe", "start", "join", "subscribe",
                  "leave", "help", "info", "lang", "langue", "language", "menu", "aide", "arret",
                  "baja", "alta", "ayuda", "idioma", "توقف", "ابدأ", "مساعدة", "لغة", "стоп", "старт"}

# Long texts: a question wrapped in what people write around it, past one
# SMS (160 GSM-7 characters, 70 UCS-2).
WRAPPERS = {
    "en": ("Hello, sorry to write such a long message. My family arrived in Ottawa a few weeks "
           "ago and we are still learning how everything works here. ",
           " Thank you very much for your help, we really appreciate it."),
    "fr": ("Bonjour, désolé pour ce long message. Ma famille est arrivée à Ottawa il y a quelques "
           "semaines et nous apprenons encore comment tout fonctionne ici. ",
           " Merci beaucoup pour votre aide, nous l'apprécions vraiment."),
    "ar": ("مرحبا، آسف على الرسالة الطويلة. وصلت عائلتي إلى أوتاوا قبل أسابيع قليلة وما زلنا "
           "نتعلم كيف تسير الأمور هنا. ",
           " شكرا جزيلا على مساعدتكم."),
    "ar-Latn": ("marhaba, sorry 3al message el tawile. wselna 3a Ottawa men kam esbou3 w lessa "
                "3am net3allam kif kel shi byemshi hon. ",
                " shukran ktir 3al mosa3ade, allah y3tikon el 3afye."),
}


def fail(message):
    print("FAIL: " + message, file=sys.stderr)
    sys.exit(1)


def folded(text):
    return " ".join("".join(c.lower() if c.isalnum() else " " for c in text).split())


def classify(smsdesk, faq_csv, texts):
    out = subprocess.run([smsdesk, "faq", "match", "--faq", faq_csv], input="\n".join(texts) + "\n",
                         capture_output=True, text=True, check=True).stdout
    results = [json.loads(line) for line in out.splitlines()]
    assert len(results) == len(texts), (len(results), len(texts))
    return results


def plan(smsdesk, faq_csv, questions_tsv, seed, modems, manifest_path, send_path):
    rng = random.Random(seed)
    with open(questions_tsv, encoding="utf-8") as f:
        rows = [line.rstrip("\n").split("\t") for line in f][1:]
    questions = [(lang, text) for label, lang, text in rows
                 if label != "!" and folded(text).split(" ")[0] not in KEYWORD_STARTS]
    longs = [(lang, WRAPPERS[lang][0] + text + WRAPPERS[lang][1]) for lang, text in questions
             if lang in WRAPPERS]
    candidates = [text for _, text in questions] + [text for _, text in longs]
    verdicts = dict(zip(candidates, classify(smsdesk, faq_csv, candidates)))

    def entry(text, long):
        v = verdicts[text]
        return {"text": text, "long": long, "decision": v["decision"], "faq": v.get("faq"),
                "answer": v.get("answer") if v["decision"] == "auto" else None}

    # Urgent texts get the emergency numbers whatever else happens: left out,
    # so that each phone's expected replies are plain to count.
    short = [entry(t, False) for _, t in questions if verdicts[t]["decision"] != "urgent"]
    auto_pool = [e for e in short if e["decision"] == "auto"]
    other_pool = [e for e in short if e["decision"] != "auto"]
    long_pool = [entry(t, True) for _, t in longs if verdicts[t]["decision"] != "urgent"]
    # Half the long texts answered automatically, half for a moderator.
    long_pools = ([e for e in long_pool if e["decision"] == "auto"],
                  [e for e in long_pool if e["decision"] != "auto"])

    phones = []
    for i in range(PHONES):
        number = "+1555800%04d" % i
        want_long = i % LONG_EVERY == 0
        for _ in range(1000):
            picked = []
            if want_long:
                picked.append(rng.choice(long_pools[(i // LONG_EVERY) % 2]))
            picked += rng.sample(auto_pool, 3)
            picked += rng.sample(other_pool, PER_PHONE - len(picked))
            # Distinct texts (a repeat is folded by the loop guard) and
            # distinct answers (two equal answers would look like a double).
            answers = [e["answer"] for e in picked if e["answer"]]
            if (len({folded(e["text"]) for e in picked}) == PER_PHONE
                    and len(set(answers)) == len(answers)):
                break
        else:
            fail("could not pick distinct texts for " + number)
        phones.append({"number": number, "modem": rng.randrange(modems), "messages": picked})

    sends = [(p["number"], p["modem"], int(m["long"] and rng.random() < 0.5), m["text"])
             for p in phones for m in p["messages"]]
    rng.shuffle(sends)
    with open(manifest_path, "w", encoding="utf-8") as f:
        json.dump({"seed": seed, "phones": phones}, f, ensure_ascii=False, indent=1)
    with open(send_path, "w", encoding="utf-8") as f:
        for number, modem, shuffle, text in sends:
            f.write("%s\t%d\t%d\t%s\n" % (number, modem, shuffle, text))
    kinds = collections.Counter(("long " if m["long"] else "") + m["decision"]
                                for p in phones for m in p["messages"])
    print("   %d texts from %d phones: %s" % (len(sends), len(phones),
                                              ", ".join("%d %s" % (n, k) for k, n in sorted(kinds.items()))))


def check(manifest_path, db_path, inboxes_path, kills, modems):
    with open(manifest_path, encoding="utf-8") as f:
        phones = json.load(f)["phones"]
    with open(inboxes_path, encoding="utf-8") as f:
        inboxes = {i["number"]: i["messages"] for i in json.load(f)}
    db = sqlite3.connect(db_path, timeout=30)
    problems = []
    extras_total = 0
    interrupted_total = 0
    replies_total = 0

    for phone in phones:
        number = phone["number"]
        sent_texts = [m["text"] for m in phone["messages"]]

        # 1. Every text stored exactly once, whole, and routed.
        stored = db.execute(
            "SELECT m.body, m.incomplete, m.routed_at FROM messages m JOIN contacts c ON c.id = m.contact_id "
            "WHERE c.number = ? AND m.direction = 'in'", (number,)).fetchall()
        counts = collections.Counter(body for body, _, _ in stored)
        for text in sent_texts:
            if counts[text] != 1:
                problems.append("%s: stored %d times: %r" % (number, counts[text], text[:60]))
        for body in counts.keys() - set(sent_texts):
            problems.append("%s: stored a text never sent: %r" % (number, (body or "")[:60]))
        for body, incomplete, routed_at in stored:
            if incomplete:
                problems.append("%s: stored as incomplete: %r" % (number, (body or "")[:60]))
            if routed_at is None:
                problems.append("%s: never routed: %r" % (number, (body or "")[:60]))

        # 2. Every reply the rules call for, queued once and sent.
        autos = [m["answer"] for m in phone["messages"] if m["decision"] == "auto"]
        acks = 1 if any(m["decision"] != "auto" for m in phone["messages"]) else 0
        replies = db.execute(
            "SELECT m.kind, o.body, o.state, o.interrupted, o.last_error FROM messages m "
            "JOIN contacts c ON c.id = m.contact_id LEFT JOIN outbox o ON o.message_id = m.id "
            "WHERE c.number = ? AND m.direction = 'out' ORDER BY m.id", (number,)).fetchall()
        kinds = collections.Counter(kind for kind, *_ in replies)
        if kinds != +collections.Counter(auto=len(autos), ack=acks):  # unary +: drops zeros
            problems.append("%s: replies %s, expected %d auto and %d ack" % (number, dict(kinds), len(autos), acks))
        auto_bodies = collections.Counter(body for kind, body, *_ in replies if kind == "auto")
        if auto_bodies != collections.Counter(autos):
            problems.append("%s: automatic answers differ from the matcher's" % number)
        for kind, body, state, interrupted, error in replies:
            if state not in ("sent", "delivered"):
                problems.append("%s: %s reply in state %s (%s): %r" % (number, kind, state, error, (body or "")[:40]))
        rows = db.execute("SELECT COUNT(*), COALESCE(SUM(interrupted), 0) FROM outbox WHERE to_number = ?",
                          (number,)).fetchone()
        if rows[0] != len(replies):
            problems.append("%s: %d outbox rows for %d replies" % (number, rows[0], len(replies)))
        replies_total += len(replies)
        interrupted_total += rows[1]

        # 3. The phone got each reply, and a second copy (whole, or the
        # first parts of it) only of a reply that a crash interrupted while
        # it was being sent: that one is sent again, once.
        inbox = inboxes.get(number, [])
        copies = collections.Counter()
        for m in inbox:
            whole = m["state"] == "delivered"
            # The sender marks numbers in right-to-left texts (U+202A/U+202C,
            # modem/bidi_marks.h); the store keeps the text as written.
            text = m["text"].replace("\u202a", "").replace("\u202c", "")
            row = next((i for i, (_, body, *_) in enumerate(replies)
                        if body == text or (not whole and (body or "").startswith(text))), None)
            if row is None:
                problems.append("%s: received an SMS the desk never queued: %s %r" % (number, m["state"], text[:60]))
            else:
                copies[row] += 1
                if whole:
                    copies[(row, "whole")] += 1
        for i, (kind, body, _, interrupted, _) in enumerate(replies):
            if copies[(i, "whole")] < 1:
                problems.append("%s: never received its %s reply %r" % (number, kind, (body or "")[:50]))
            if copies[i] > 1 + (interrupted or 0):
                problems.append("%s: received its %s reply %d times (interrupted by a crash %d times): %r" % (
                    number, kind, copies[i], interrupted, (body or "")[:50]))
        extras_total += max(len(inbox) - len(replies), 0)

    unrouted = db.execute("SELECT COUNT(*) FROM messages WHERE direction = 'in' AND routed_at IS NULL").fetchone()[0]
    waiting = db.execute("SELECT COUNT(*) FROM inbound_parts WHERE message_id IS NULL").fetchone()[0]
    if unrouted or waiting:
        problems.append("%d unrouted messages, %d parts not in a message" % (unrouted, waiting))
    # Each crash interrupts at most the one message each modem is sending.
    if extras_total > kills * modems:
        problems.append("%d extra SMS at the phones after %d crashes with %d modems" % (extras_total, kills, modems))

    print("   %d replies; %d interrupted by the crashes; %d extra SMS at the phones (at most %d allowed)" % (
        replies_total, interrupted_total, extras_total, kills * modems))
    if problems:
        fail("%d problem(s):\n  %s" % (len(problems), "\n  ".join(problems[:40])))


if __name__ == "__main__":
    if len(sys.argv) == 9 and sys.argv[1] == "plan":
        plan(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]), int(sys.argv[6]), sys.argv[7], sys.argv[8])
    elif len(sys.argv) == 7 and sys.argv[1] == "check":
        check(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]), int(sys.argv[6]))
    else:
        sys.exit(__doc__)
