#!/usr/bin/env bash
# Makes sure the test services exist: Debian's Chromium for browser tests, poppler-utils for the
# certificate PDF tests, Java for the Nu HTML checker, and the local PostgreSQL for the database tests. Never downloads a browser of its own.
set -uo pipefail

chromium_path=${CHROMIUM_PATH:-/usr/bin/chromium}
if [ ! -x "$chromium_path" ]; then
  echo "Chromium is missing: installing Debian's chromium…"
  if [ "$(id -u)" -eq 0 ]; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) || true
  else
    (sudo -n apt-get update -qq && sudo -n env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) || true
  fi
  if [ ! -x "$chromium_path" ]; then
    echo "ERROR: Chromium is not at $chromium_path and could not be installed (apt-get install chromium)." >&2
    exit 1
  fi
fi

# pdftotext and pdftoppm (Debian's poppler-utils): the certificate tests read the PDFs' text and scan their QR codes.
if ! command -v pdftotext >/dev/null 2>&1 || ! command -v pdftoppm >/dev/null 2>&1; then
  echo "pdftotext is missing: installing Debian's poppler-utils…"
  if [ "$(id -u)" -eq 0 ]; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null) || true
  else
    (sudo -n apt-get update -qq && sudo -n env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null) || true
  fi
  if ! command -v pdftotext >/dev/null 2>&1 || ! command -v pdftoppm >/dev/null 2>&1; then
    echo "ERROR: pdftotext/pdftoppm are missing and could not be installed (apt-get install poppler-utils)." >&2
    exit 1
  fi
fi

# Java for the Nu HTML checker (vnu-jar) in the browser tests (tests/e2e/seo.test.ts).
if ! command -v java >/dev/null 2>&1; then
  echo "Java is missing: installing Debian's default-jre-headless…"
  if [ "$(id -u)" -eq 0 ]; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null) || true
  else
    (sudo -n apt-get update -qq && sudo -n env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null) || true
  fi
  if ! command -v java >/dev/null 2>&1; then
    echo "ERROR: java is missing and could not be installed (apt-get install default-jre-headless)." >&2
    exit 1
  fi
fi

# nginx for the scale-out test (tests/e2e/scale-out.test.ts): run there as a plain process with a
# config of its own (daemon off), never as a system service.
if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then
  echo "nginx is missing: installing Debian's nginx…"
  if [ "$(id -u)" -eq 0 ]; then
    # Debian's package would start it as a service on port 80: a policy-rc.d saying no prevents that.
    policy_made=""
    if [ ! -e /usr/sbin/policy-rc.d ]; then
      printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && policy_made=1
    fi
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null) || true
    [ -n "$policy_made" ] && rm -f /usr/sbin/policy-rc.d
  else
    (sudo -n apt-get update -qq && sudo -n env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null) || true
  fi
  if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then
    echo "ERROR: nginx is missing and could not be installed (apt-get install nginx)." >&2
    exit 1
  fi
fi

pg_url=${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test}
pg_ready() { pg_isready -q -d "$pg_url" 2>/dev/null; }
if [ "${SKIP_POSTGRES:-}" = "1" ] && [ -z "${CI:-}" ]; then
  echo "SKIP_POSTGRES=1: database tests run on SQLite only."
  exit 0
fi
if ! pg_ready; then
  echo "PostgreSQL is not answering: starting the local cluster…"
  if command -v pg_ctlcluster >/dev/null 2>&1 && ls /etc/postgresql >/dev/null 2>&1; then
    for version in $(ls /etc/postgresql); do
      pg_ctlcluster --skip-systemctl-redirect "$version" main start 2>&1 || true
    done
  fi
  for _ in $(seq 1 30); do pg_ready && break; sleep 1; done
  if ! pg_ready; then
    echo "ERROR: PostgreSQL is not reachable at $pg_url. Start it, or set TEST_DATABASE_URL." >&2
    exit 1
  fi
fi
echo "services: nginx $(nginx -v 2>&1 | cut -d/ -f2), chromium at $chromium_path, pdftotext at $(command -v pdftotext), java at $(command -v java), PostgreSQL at $pg_url"
