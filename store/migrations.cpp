#include "store/migrations.h"

#include <string>

#include "store/database.h"

namespace smsdesk::store {
namespace {

// Version 1: the desk (inbound parts and messages, contacts and consent,
// tickets, the outbound queue, the FAQ, the audit log, report counters).
// Times are Unix seconds (UTC). Bodies may be NULL after the retention purge.
constexpr std::string_view kVersion1 = R"sql(
CREATE TABLE meta(
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE contacts(
  id INTEGER PRIMARY KEY,
  number TEXT NOT NULL UNIQUE,
  lang TEXT,                         -- chosen with LANG; NULL: not chosen
  detected_lang TEXT,                -- from their first messages
  opted_out INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  last_inbound_at INTEGER
);

-- Every change of consent: who, what, by which keyword, when, from where.
CREATE TABLE consents(
  id INTEGER PRIMARY KEY,
  contact_id INTEGER NOT NULL REFERENCES contacts(id),
  action TEXT NOT NULL CHECK(action IN ('subscribe', 'unsubscribe', 'stop', 'start')),
  topic TEXT,
  keyword TEXT NOT NULL,
  source TEXT NOT NULL,              -- sms, console, api, ussd, import
  at INTEGER NOT NULL
);
CREATE INDEX consents_contact ON consents(contact_id, at);

CREATE TABLE subscriptions(
  contact_id INTEGER NOT NULL REFERENCES contacts(id),
  topic TEXT NOT NULL,
  since INTEGER NOT NULL,
  PRIMARY KEY(contact_id, topic)
) WITHOUT ROWID;

-- One row per PDU read from a modem, stored before the modem deletes it.
-- The fingerprint (hash of the TPDU without the SMSC header) makes a part
-- read twice (restart, +CMT and +CMTI for one message) stored once.
CREATE TABLE inbound_parts(
  id INTEGER PRIMARY KEY,
  fingerprint BLOB NOT NULL UNIQUE,
  modem TEXT NOT NULL,
  sender TEXT NOT NULL,
  pdu BLOB,                          -- NULL after the retention purge
  received_at INTEGER NOT NULL,
  concat_ref INTEGER,
  concat_total INTEGER,
  concat_seq INTEGER,
  message_id INTEGER REFERENCES messages(id)
);
CREATE INDEX inbound_parts_waiting ON inbound_parts(sender, concat_ref, concat_total)
  WHERE message_id IS NULL;

-- Whole messages in both directions: the thread with a contact.
CREATE TABLE messages(
  id INTEGER PRIMARY KEY,
  contact_id INTEGER NOT NULL REFERENCES contacts(id),
  direction TEXT NOT NULL CHECK(direction IN ('in', 'out', 'note')),
  body TEXT,
  lang TEXT,
  at INTEGER NOT NULL,
  modem TEXT,
  incomplete INTEGER NOT NULL DEFAULT 0,
  routed_at INTEGER,                 -- in: when the desk handled it; NULL: still to route
  kind TEXT,                         -- out: auto, ack, reply, keyword, urgent, alert
  author TEXT,                       -- out/note: the moderator
  ticket_id INTEGER REFERENCES tickets(id)
);
CREATE INDEX messages_contact ON messages(contact_id, at);
CREATE INDEX messages_unrouted ON messages(id) WHERE direction = 'in' AND routed_at IS NULL;

CREATE TABLE tickets(
  id INTEGER PRIMARY KEY,
  contact_id INTEGER NOT NULL REFERENCES contacts(id),
  status TEXT NOT NULL CHECK(status IN ('new', 'open', 'pending', 'resolved')),
  priority INTEGER NOT NULL DEFAULT 0,   -- 1: urgent
  lang TEXT,
  created_at INTEGER NOT NULL,
  due_at INTEGER NOT NULL,
  acked_at INTEGER,                      -- the "a moderator will answer by" SMS
  first_answer_at INTEGER,
  resolved_at INTEGER,
  claimed_by TEXT,
  suggestions TEXT                       -- JSON: best FAQ candidates
);
CREATE UNIQUE INDEX tickets_one_open ON tickets(contact_id) WHERE status != 'resolved';
CREATE INDEX tickets_queue ON tickets(status, priority DESC, due_at);

-- The outbound queue. queued -> sending -> sent -> delivered | failed | expired.
CREATE TABLE outbox(
  id INTEGER PRIMARY KEY,
  to_number TEXT NOT NULL,
  body TEXT,
  priority INTEGER NOT NULL,             -- lower first: 0 emergency, 1 urgent, 2 reply, 3 info
  state TEXT NOT NULL CHECK(state IN
    ('queued', 'sending', 'sent', 'delivered', 'failed', 'expired', 'cancelled')),
  modem TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_error TEXT,
  created_at INTEGER NOT NULL,
  sent_at INTEGER,
  done_at INTEGER,
  segments INTEGER,
  status_report INTEGER NOT NULL DEFAULT 1,
  interrupted INTEGER NOT NULL DEFAULT 0, -- times found in 'sending' after a crash
  message_id INTEGER REFERENCES messages(id),
  alert_id INTEGER
);
CREATE INDEX outbox_ready ON outbox(priority, id) WHERE state = 'queued';
CREATE INDEX outbox_recipient ON outbox(to_number, id) WHERE state IN ('queued', 'sending');
CREATE INDEX outbox_state ON outbox(state);

-- One row per segment sent: the TP-MR that delivery reports are matched on.
CREATE TABLE outbox_parts(
  outbox_id INTEGER NOT NULL REFERENCES outbox(id),
  seq INTEGER NOT NULL,
  modem TEXT NOT NULL,
  mr INTEGER NOT NULL,
  sent_at INTEGER NOT NULL,
  status TEXT,                            -- delivered, temporary, permanent
  status_code INTEGER,
  reported_at INTEGER,
  PRIMARY KEY(outbox_id, seq)
);
CREATE INDEX outbox_parts_mr ON outbox_parts(modem, mr, sent_at);

CREATE TABLE faq_entries(
  id TEXT NOT NULL,
  lang TEXT NOT NULL,
  keywords TEXT NOT NULL DEFAULT '',
  question TEXT NOT NULL,
  answer TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  updated_by TEXT,
  PRIMARY KEY(id, lang)
);

CREATE TABLE audit(
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,                   -- user name, "desk", "cli:<user>"
  action TEXT NOT NULL,
  object TEXT,
  detail TEXT
);

-- Counts that outlive the retention purge, for reports.
CREATE TABLE daily_counts(
  day TEXT NOT NULL,                     -- YYYY-MM-DD in the desk's time zone
  metric TEXT NOT NULL,
  value INTEGER NOT NULL,
  PRIMARY KEY(day, metric)
) WITHOUT ROWID;
)sql";

// Version 2: what the running desk needed on top of version 1.
constexpr std::string_view kVersion2 = R"sql(
-- A PDU that could not be decoded is kept (raw, with the reason) for an
-- operator, never dropped and never turned into a message.
ALTER TABLE inbound_parts ADD COLUMN error TEXT;
-- out: the FAQ entry that answered (reports, "which answers work").
ALTER TABLE messages ADD COLUMN faq_id TEXT;
-- The modem a reply should leave from: the one the person texted, so the
-- answer comes from the number they know. Others stand in while it is away.
ALTER TABLE outbox ADD COLUMN via TEXT;
-- Single parts waiting to become messages, without reading every part ever
-- received (ReadyGroups runs once per message; the table only grows).
CREATE INDEX inbound_parts_unassigned ON inbound_parts(id) WHERE message_id IS NULL;
)sql";

// Version 3: the moderator console. Accounts (only hashes of passwords, PINs
// and tokens are stored: store/accounts.h), volunteers' drafts waiting for a
// moderator, and canned answers.
constexpr std::string_view kVersion3 = R"sql(
CREATE TABLE users(
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL CHECK(role IN ('moderator', 'volunteer', 'agency', 'admin')),
  password_hash TEXT NOT NULL DEFAULT '', -- argon2id string; '': cannot log in
  phone TEXT UNIQUE,                      -- SMS relay, agency PIN alerts
  pin_hash TEXT,                          -- argon2id of an agency phone's PIN
  language TEXT NOT NULL DEFAULT 'en',
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
);

-- Browser sessions, under the hash of the cookie's token.
CREATE TABLE sessions(
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  csrf TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX sessions_user ON sessions(user_id);

-- API tokens (agencies' systems), under the hash of the token.
CREATE TABLE api_tokens(
  id INTEGER PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  user_id INTEGER NOT NULL REFERENCES users(id),
  label TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_used_at INTEGER,
  revoked_at INTEGER
);
CREATE INDEX api_tokens_user ON api_tokens(user_id);

-- Volunteers' answers, sent only once a moderator approves them.
CREATE TABLE drafts(
  id INTEGER PRIMARY KEY,
  ticket_id INTEGER NOT NULL REFERENCES tickets(id),
  author_id INTEGER NOT NULL REFERENCES users(id),
  body TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'pending' CHECK(state IN ('pending', 'approved', 'rejected')),
  created_at INTEGER NOT NULL,
  decided_by INTEGER REFERENCES users(id),
  decided_at INTEGER,
  outbox_id INTEGER REFERENCES outbox(id) -- approved: the reply that left
);
CREATE INDEX drafts_state ON drafts(state, ticket_id);

-- Answers moderators insert and adapt (not the FAQ: never sent by the desk).
CREATE TABLE canned_answers(
  id INTEGER PRIMARY KEY,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  lang TEXT,                              -- NULL: any language
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
)sql";

// Version 4: alerts. An alert is a job: its texts (one per language), the
// topics it goes to, its class, and one outbox row per recipient, created in
// one transaction when it starts (at once, or when quiet hours end). The
// unique index makes "each subscriber receives each alert once" a property of
// the store, whatever restarts happen.
constexpr std::string_view kVersion4 = R"sql(
CREATE TABLE alerts(
  id INTEGER PRIMARY KEY,
  topics TEXT NOT NULL,                   -- topic ids, comma-separated
  class TEXT NOT NULL CHECK(class IN ('emergency', 'info')),
  state TEXT NOT NULL CHECK(state IN ('held', 'sending', 'done', 'cancelled')),
  fallback_lang TEXT NOT NULL,            -- for subscribers without a text in their language
  source TEXT NOT NULL,                   -- console, api, cli, sms
  created_by INTEGER REFERENCES users(id),-- NULL: an operator at the command line
  created_at INTEGER NOT NULL,
  release_at INTEGER NOT NULL,            -- held until then (quiet hours)
  started_at INTEGER,
  finished_at INTEGER,
  recipients INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX alerts_state ON alerts(state, release_at);

CREATE TABLE alert_texts(
  alert_id INTEGER NOT NULL REFERENCES alerts(id),
  lang TEXT NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY(alert_id, lang)
) WITHOUT ROWID;

CREATE UNIQUE INDEX outbox_alert_recipient ON outbox(alert_id, to_number) WHERE alert_id IS NOT NULL;
-- The sender's "when is the next row ready" without reading the whole queue.
CREATE INDEX outbox_due ON outbox(next_attempt_at) WHERE state = 'queued';
-- A SIM's segments today (daily caps) and its measured send rate.
CREATE INDEX outbox_parts_sent ON outbox_parts(modem, sent_at);
)sql";

// Version 5: USSD and menus. Each SIM's credit as its operator last reported
// it over USSD, with the warnings already sent (so each goes out once per
// episode); where each number stands in the SMS menu; and USSD sessions
// served through an aggregator, with the actions each already did (an
// aggregator retries a request; a retry must not open a second ticket).
constexpr std::string_view kVersion5 = R"sql(
CREATE TABLE sim_credit(
  modem TEXT PRIMARY KEY,                 -- the config's modem id
  amount REAL,                            -- NULL: never read
  currency TEXT NOT NULL DEFAULT '',
  expires_on TEXT,                        -- YYYY-MM-DD, when the operator says
  screen TEXT,                            -- the operator's answer the values came from
  checked_at INTEGER,                     -- the last successful reading
  attempted_at INTEGER,                   -- the last try, successful or not
  error TEXT,                             -- why the last try failed; NULL after a success
  low_warned_at INTEGER,                  -- low credit warned; cleared when topped up
  expiry_warned_at INTEGER                -- expiry warned; cleared when the date moves
);

CREATE TABLE menu_sessions(
  contact_id INTEGER PRIMARY KEY REFERENCES contacts(id),
  position TEXT NOT NULL,                 -- menu::EncodePosition
  lang TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE TABLE ussd_sessions(
  session_id TEXT PRIMARY KEY,            -- the aggregator's sessionId
  number TEXT NOT NULL,
  lang TEXT NOT NULL,                     -- fixed by the first request; '' : picked on screen
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX ussd_sessions_updated ON ussd_sessions(updated_at);

CREATE TABLE ussd_actions(
  session_id TEXT NOT NULL,
  action TEXT NOT NULL,                   -- "join:weather", "stop:weather", "ticket", "answer:<faq id>"
  at INTEGER NOT NULL,
  PRIMARY KEY(session_id, action)
) WITHOUT ROWID;
)sql";

// Version 6: hostile texts and hostile people. Each inbound message counts
// its routing attempts, bumped before each attempt, so a text that crashes
// the daemon is set aside after a few restarts instead of crashing every
// one (quarantined_at, with a ticket for a moderator); a moderator's SMS
// relay answer needs their SMS PIN unless an admin turned
// relay_trusts_number on for them; wrong SMS PINs are throttled per sending
// number with a back-off that doubles.
constexpr std::string_view kVersion6 = R"sql(
ALTER TABLE messages ADD COLUMN route_attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE messages ADD COLUMN quarantined_at INTEGER;
ALTER TABLE users ADD COLUMN relay_trusts_number INTEGER NOT NULL DEFAULT 0;

CREATE TABLE sms_pin_throttle(
  number TEXT PRIMARY KEY,                -- the sending number (E.164)
  failures INTEGER NOT NULL,              -- wrong PINs since the last right one
  last_failure_at INTEGER NOT NULL,
  locked_until INTEGER NOT NULL DEFAULT 0 -- until then no PIN from it is even checked
);
)sql";

// Version 7: a network outage never costs a reply. A send that failed
// because of the modem's network, SMSC or credit goes back to the queue
// without using an attempt: network_failures counts those, waiting_since
// says since when the row waits for the network (cleared when it leaves),
// last_network_failure_ms tells a message the network keeps refusing from
// an outage (the daemon compares it with the modem's last success). A row
// expires at expires_at when set (an alert's own expiry), else after
// desk.send_expire_after. modem_outages keeps each time a modem stopped
// sending: why, since when, whether the admins were told, when it ended.
constexpr std::string_view kVersion7 = R"sql(
ALTER TABLE outbox ADD COLUMN network_failures INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN waiting_since INTEGER;
ALTER TABLE outbox ADD COLUMN last_network_failure_ms INTEGER;
ALTER TABLE outbox ADD COLUMN expires_at INTEGER;
ALTER TABLE alerts ADD COLUMN expire_after INTEGER;  -- seconds from the start; NULL: desk.send_expire_after
-- An outgoing message's delivery state in a ticket's thread.
CREATE INDEX outbox_message ON outbox(message_id) WHERE message_id IS NOT NULL;

CREATE TABLE modem_outages(
  id INTEGER PRIMARY KEY,
  modem TEXT NOT NULL,
  kind TEXT NOT NULL CHECK(kind IN ('network', 'credit')),
  reason TEXT NOT NULL,                   -- the last error or probe result, no number, no text
  started_at INTEGER NOT NULL,
  alerted_at INTEGER,                     -- the admins were told (SMS and journal)
  ended_at INTEGER
);
CREATE INDEX modem_outages_open ON modem_outages(modem) WHERE ended_at IS NULL;
)sql";

// Version 8: at_modem marks a row in `sending` whose first part was handed
// to the modem. Only those count a crash against the row (`interrupted`): a
// row claimed ahead (the sender's pipeline) and never handed over cannot
// have caused it.
constexpr std::string_view kVersion8 = R"sql(
ALTER TABLE outbox ADD COLUMN at_modem INTEGER NOT NULL DEFAULT 0;
)sql";

// Version 9 (issue 20): the examples an entry answers (one per line), and
// the texts moderators' answers turned into examples: pending until a
// moderator confirms them, then learnt by the next training. `faq_id` is an
// entry's id, or '!' for a text a moderator marked as urgent (a danger
// example). `message_id` is the inbound text it came from, if any.
constexpr std::string_view kVersion9 = R"sql(
ALTER TABLE faq_entries ADD COLUMN examples TEXT NOT NULL DEFAULT '';
CREATE TABLE faq_examples(
  id INTEGER PRIMARY KEY,
  faq_id TEXT NOT NULL,
  text TEXT NOT NULL,
  lang TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL CHECK(status IN ('pending', 'confirmed', 'rejected')),
  message_id INTEGER,
  proposed_by TEXT,
  proposed_at INTEGER NOT NULL,
  decided_by TEXT,
  decided_at INTEGER
);
CREATE UNIQUE INDEX faq_examples_text ON faq_examples(faq_id, text);
CREATE INDEX faq_examples_status ON faq_examples(status, faq_id);
)sql";

// Version 10 (issue 20): phrases moderators add to the word lists from the
// console (a danger pattern of a kind, or a keyword spelling), on top of
// the compiled-in lists and the box's files (lexicon/).
constexpr std::string_view kVersion10 = R"sql(
CREATE TABLE word_list_additions(
  id INTEGER PRIMARY KEY,
  lang TEXT NOT NULL,
  list TEXT NOT NULL,
  phrase TEXT NOT NULL,
  added_by TEXT NOT NULL,
  added_at INTEGER NOT NULL,
  UNIQUE(lang, list, phrase)
);
)sql";

}  // namespace

const std::vector<std::string_view>& Migrations() {
  static const std::vector<std::string_view> kAll = {kVersion1, kVersion2, kVersion3, kVersion4, kVersion5,
                                                     kVersion6, kVersion7, kVersion8, kVersion9, kVersion10};
  return kAll;
}

int LatestSchemaVersion() { return static_cast<int>(Migrations().size()); }

Status Migrate(Database& db, int target) {
  const int latest = LatestSchemaVersion();
  if (target < 0) target = latest;
  const int current = db.SchemaVersion();
  if (current > latest) {
    return Status::Error(Status::Code::kInvalid,
                         "the database has schema version " + std::to_string(current) +
                             ", newer than this smsdesk knows (" + std::to_string(latest) +
                             "); upgrade smsdesk or restore a backup");
  }
  for (int version = current + 1; version <= target; ++version) {
    Transaction tx(db);
    if (!tx.begin_status().ok()) return tx.begin_status();
    const std::string_view sql = Migrations()[static_cast<std::size_t>(version - 1)];
    if (Status s = db.Execute(sql); !s.ok()) {
      return Status::Error(s.code(), "migration to version " + std::to_string(version) + ": " + s.message());
    }
    if (Status s = db.Execute("PRAGMA user_version=" + std::to_string(version)); !s.ok()) return s;
    if (Status s = tx.Commit(); !s.ok()) return s;
  }
  return Status::Ok();
}

}  // namespace smsdesk::store
