// Versioned schema. Migration N takes a database at user_version N-1 to N in
// one transaction; Migrate() runs every missing one at open. Each migration is
// tested from every earlier version (tests/store/migrations_test.cpp).
#pragma once

#include <string_view>
#include <vector>

#include "store/status.h"

namespace smsdesk::store {

class Database;

// The SQL of each migration, index 0 = version 1.
const std::vector<std::string_view>& Migrations();
int LatestSchemaVersion();

// Brings `db` to `target` (default: latest). A database from a newer smsdesk
// (user_version above what this build knows) is refused, never touched.
Status Migrate(Database& db, int target = -1);

}  // namespace smsdesk::store
