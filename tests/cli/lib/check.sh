# Sourced by the command-line tests: check NAME EXPECTED ACTUAL counts a pass
# or prints the failure; sql QUERY prints the rows of $db ('|' between
# columns); json EXPR evaluates a Python expression on the JSON in stdin (as
# d); finish prints the counts and fails when anything failed.
failures=0
passes=0
check() {  # check NAME EXPECTED ACTUAL
  if [ "$2" == "$3" ]; then passes=$((passes + 1)); else
    echo "FAIL $1: expected [$2] got [$3]"; failures=$((failures + 1)); fi
}
sql() { /usr/bin/python3 -c "import sqlite3,sys; print('\n'.join('|'.join(map(str, r)) for r in sqlite3.connect(sys.argv[1]).execute(sys.argv[2])))" "$db" "$1"; }
json() { /usr/bin/python3 -c "import json,sys; d=json.load(sys.stdin); v=$1; print(v if isinstance(v, str) else json.dumps(v, ensure_ascii=False))"; }
finish() {  # finish NAME
  echo "$1: $passes passed, $failures failed"
  [ "$failures" -eq 0 ]
}
