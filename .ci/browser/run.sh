#!/usr/bin/env bash
# Real-browser test of the hosted job page and its apply form:
#
#   bash .ci/browser/run.sh
#
# Builds jobgate and vendorsim, runs the ATS simulator (`vendorsim ats serve`)
# and an embedded jobgate (SQLite, in-process Redis, a temporary
# JOBGATE_DATA_DIR) on free loopback ports, creates an account, a generic
# integration whose applications go to the simulator's signed apply webhook
# (JOBGATE_OUTBOUND_ALLOW=127.0.0.0/8 lets jobgate call it on loopback)
# and its API key with the jobgate CLI, pushes an ad, and runs apply.mjs in
# Debian's headless Chromium (playwright-core, no browser download): it
# applies through the page with a PDF CV. Then it checks that the ATS received
# exactly that one application, with the same PDF bytes, and that its status
# turns delivered. Then the employer portal (portal.mjs): it creates the
# account's admin and a user with the CLI (`jobgate users create
# --password-stdin`), pushes a second ad, and signs in to /portal/ as each
# in Chromium: the admin sees both ads, the application and its CV, and
# puts the user on the first ad's team; the user then sees that ad and its
# application only; the admin opens the account settings (a key issued,
# an erasure confirmed) and the user gets 404 for them; axe-core finds no
# serious or critical WCAG violation
# on any portal page. Then the operator console (console.mjs): it creates an
# operator (`jobgate operators create --password-stdin`) and a second
# generic integration whose apply webhook is a loopback port nothing listens
# on, applies to its ad, and in Chromium signs in at /ops/, finds the
# integration by its id link on the integrations page, waits for the
# application's delivery to die (three attempts), opens it, starts the
# simulator on that port (the fix), replays it and sees it delivered, and
# opens the queue monitor at /ops/queues/; axe-core on every console page.
# Then the job page (jobpage.mjs): a rich Norwegian ad (every fact, in
# order and in Norwegian; the form sent with errors, each next to its
# field), a Finnish one, a withdrawn one (410 with the employer's other open
# jobs linked), an unknown one (404) and the receipt of the first
# application (delivered), each checked with every axe-core rule it runs by
# default, best practices too, and no violation allowed at all.
# JOBGATE_SCREENSHOTS_DIR, when set, gets console-overview.png,
# console-dead.png and console-queues.png, and jobpage-nb.png,
# jobpage-fi.png, jobpage-errors.png, jobpage-closed.png and
# jobpage-receipt.png (for the README).
#
# Needs: Go, node and npm, chromium (apt-get install -y chromium), curl.
# Everything is bounded by timeouts; the processes it starts are stopped on
# exit. Screenshots and logs stay in $BROWSER_OUT when it is set.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
export PATH="/usr/local/go/bin:$PATH"
export CHROMIUM=${CHROMIUM:-/usr/bin/chromium}

say() { printf 'browser: %s\n' "$*"; }
die() { printf 'browser: FAIL: %s\n' "$*" >&2; exit 1; }

command -v go >/dev/null || die "go not found"
command -v node >/dev/null || die "node not found"
command -v curl >/dev/null || die "curl not found"
[ -x "$CHROMIUM" ] || die "$CHROMIUM not found (apt-get install -y chromium)"

WORK=$(mktemp -d)
OUT=${BROWSER_OUT:-$WORK/out}
mkdir -p "$OUT"
pids=()
cleanup() {
  status=$?
  [ -f "$WORK/fix.pid" ] && pids+=("$(cat "$WORK/fix.pid")") # the console part's second simulator
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ "$status" -ne 0 ]; then
    for log in "$WORK"/*.log; do
      [ -f "$log" ] || continue
      printf '\n----- %s (last 40 lines) -----\n' "$(basename "$log")" >&2
      tail -n 40 "$log" >&2 || true
    done
  fi
  rm -rf "$WORK"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# wait_for CMD... retries CMD every 0.25 s for up to $WAIT seconds.
wait_for() {
  local deadline=$((SECONDS + ${WAIT:-30}))
  until "$@" >/dev/null 2>&1; do
    [ "$SECONDS" -lt "$deadline" ] || return 1
    sleep 0.25
  done
}

# json EXPR reads JSON on stdin and prints the JavaScript expression EXPR of it (j).
json() { node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const j=JSON.parse(s);const v=('"$1"');console.log(typeof v==="string"?v:JSON.stringify(v))})'; }

free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }

if [ ! -f "$HERE/node_modules/playwright-core/package.json" ]; then # .ci/run has run npm ci already
  say "npm ci (playwright-core, no browser download)"
  (cd "$HERE" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 timeout 300 npm ci --no-audit --no-fund --loglevel=error)
fi

say "build jobgate and vendorsim"
(cd "$ROOT" && timeout 600 go build -o "$WORK/bin/jobgate" ./cmd/jobgate && timeout 600 go build -o "$WORK/bin/vendorsim" ./cmd/vendorsim)

say "start the ATS simulator"
"$WORK/bin/vendorsim" ats serve --addr 127.0.0.1:0 >"$WORK/ats.log" 2>&1 &
pids+=($!)
WAIT=30 wait_for grep -q 'serving on http://' "$WORK/ats.log" || die "the ATS simulator did not start"
SIM=$(grep -o 'serving on http://[^ ]*' "$WORK/ats.log" | head -n 1 | cut -d' ' -f3)
say "ATS simulator at $SIM"

PORT=$(free_port)
JG="http://127.0.0.1:$PORT"
unset DATABASE_URL REDIS_URL JOBGATE_MASTER_KEY
export JOBGATE_DATA_DIR="$WORK/data" JOBGATE_ADDR="127.0.0.1:$PORT" JOBGATE_PUBLIC_URL="$JG"
export JOBGATE_RECONCILE_INTERVAL=1s JOBGATE_RETRY_SCHEDULE=0s,1s,2s
# The ATS simulator listens on loopback, which jobgate's outbound guard
# refuses to call unless allowed (README, Outbound calls).
export JOBGATE_OUTBOUND_ALLOW=127.0.0.0/8
# The board's and the employer's privacy notices, which the page links from
# every consent (apply.mjs checks the links).
export JOBGATE_PRIVACY_URL=https://jobs.example.no/personvern EMPLOYER_PRIVACY_URL=https://eksempel.no/personvern
mkdir -p "$JOBGATE_DATA_DIR"

say "account, integration and key (jobgate CLI)"
jg() { timeout 60 "$WORK/bin/jobgate" "$@" 2>>"$WORK/cli.log" | tail -n 1; }
jg migrate >/dev/null # other commands refuse a data directory with no jobgate data
ACCOUNT=$(jg accounts create --name "Eksempel AS")
INTEGRATION=$(jg integrations create --account "$ACCOUNT" --vendor generic --set "apply_url=$SIM/webhook/acme" --set "privacy_url=$EMPLOYER_PRIVACY_URL")
KEY=$(jg keys issue --integration "$INTEGRATION")
[ -n "$ACCOUNT" ] && [ -n "$INTEGRATION" ] && [ -n "$KEY" ] || die "the jobgate CLI did not create the account, integration and key"
timeout 30 "$WORK/bin/vendorsim" ats key --sim "$SIM" --key "acme=$KEY" >/dev/null || die "could not give the simulator the key"

say "the portal's users: the account's admin and a recruiter (jobgate users create --password-stdin)"
PW="portal-browser-test-password"
ADMIN_EMAIL=admin@eksempel.no USER_EMAIL=rekrutterer@eksempel.no
ADMIN=$(printf '%s' "$PW" | jg users create --account "$ACCOUNT" --email "$ADMIN_EMAIL" --role admin --password-stdin)
PORTAL_USER=$(printf '%s' "$PW" | jg users create --account "$ACCOUNT" --email "$USER_EMAIL" --role user --password-stdin)
[ -n "$ADMIN" ] && [ -n "$PORTAL_USER" ] || die "the jobgate CLI did not create the portal's users"

say "start jobgate serve on $JG"
"$WORK/bin/jobgate" serve >"$WORK/jobgate.log" 2>&1 &
pids+=($!)
WAIT=60 wait_for curl -fsS --max-time 2 "$JG/readyz" || die "jobgate did not become ready"

say "push an ad"
cat >"$WORK/ad.json" <<'JSON'
{"title": "Lagermedarbeider", "description": "<p>Vi søker en blid lagermedarbeider.</p>", "language": "nb",
 "employer": {"name": "Eksempel AS"}, "locations": [{"city": "Oslo", "country": "NO"}],
 "apply_url": "https://ats.example/apply/1"}
JSON
JOB=$(curl -fsS --max-time 10 -X PUT -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \
  --data-binary @"$WORK/ad.json" "$JG/v1/ads/browser-1" | json 'j.id')
[ -n "$JOB" ] || die "the ad was not taken"
WAIT=30 wait_for curl -fsS --max-time 2 -o /dev/null "$JG/jobs/$JOB" || die "the job page of $JOB is not served"
say "job page $JG/jobs/$JOB"

say "apply in Chromium (apply.mjs)"
(cd "$HERE" && timeout 300 node apply.mjs "$JG/jobs/$JOB" "$WORK/cv.pdf" "$OUT") >"$WORK/apply.out" 2>"$WORK/browser.log" \
  || { cat "$WORK/apply.out" "$WORK/browser.log" >&2; die "apply.mjs failed"; }
APP=$(sed -n 's/^application_id=//p' "$WORK/apply.out")
STATUS_URL=$(sed -n 's/^status_url=//p' "$WORK/apply.out")
[ -n "$APP" ] && [ -n "$STATUS_URL" ] || die "apply.mjs printed no application id"
say "application $APP"

say "the ATS received it, once, with the same PDF"
received() { timeout 30 "$WORK/bin/vendorsim" ats received --sim "$SIM" --vendor webhook | sed 's/^[0-9]* //'; }
count() { [ "$(received | json 'j.received.length')" -ge 1 ]; }
WAIT=30 wait_for count || die "the ATS received no application"
sleep 1 # a duplicate delivery would show by now
GOT=$(received)
WANT_SHA=$(sha256sum "$WORK/cv.pdf" | cut -d' ' -f1)
[ "$(json 'j.received.length' <<<"$GOT")" = 1 ] || die "the ATS received $(json 'j.received.length' <<<"$GOT") applications, want 1"
[ "$(json 'j.received[0].idempotency_key' <<<"$GOT")" = "$APP" ] || die "the ATS's application is not $APP"
[ "$(json 'j.received[0].files.length' <<<"$GOT")" = 1 ] || die "the ATS's application has not exactly one file"
[ "$(json 'j.received[0].files[0].sha256' <<<"$GOT")" = "$WANT_SHA" ] || die "the ATS's file is not the PDF that was uploaded"
[ "$(json 'j.received[0].files[0].field' <<<"$GOT")" = cv ] || die "the ATS's file is not the CV"
[ "$(json 'j.received[0].fields["candidate.first_name"][0]' <<<"$GOT")" = Kari ] || die "the ATS's application lacks the first name"

delivered() { [ "$(curl -fsS --max-time 5 "$STATUS_URL" | json 'j.status')" = delivered ]; }
WAIT=30 wait_for delivered || die "the application's status did not turn delivered"

say "PASS: the job page took application $APP through Chromium and the ATS received it with the PDF ($WANT_SHA)"

say "employer portal: a second ad"
sed 's/"Lagermedarbeider"/"Sjåfør"/' "$WORK/ad.json" >"$WORK/ad2.json"
JOB2=$(curl -fsS --max-time 10 -X PUT -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \
  --data-binary @"$WORK/ad2.json" "$JG/v1/ads/browser-2" | json 'j.id')
[ -n "$JOB2" ] || die "the second ad was not taken"

say "sign in to the portal as the admin and as the user in Chromium, with axe-core (portal.mjs)"
(cd "$HERE" && timeout 300 node portal.mjs "$JG" "$ADMIN_EMAIL" "$USER_EMAIL" "$PW" "$APP" "$JOB" "$JOB2" "$OUT") >"$WORK/portal.out" 2>"$WORK/portal.log" \
  || { cat "$WORK/portal.out" "$WORK/portal.log" >&2; die "portal.mjs failed"; }
cat "$WORK/portal.out"
say "PASS: the portal showed the admin both ads and the application with its CV, and, once the admin put the user on the team, the user only its team's ad, with no serious or critical axe violation"

say "operator console: an operator, and an integration whose ATS is down (a loopback port nothing listens on)"
OPS_EMAIL=ops@board.example
OPERATOR=$(printf '%s' "$PW" | jg operators create --email "$OPS_EMAIL" --password-stdin)
[ -n "$OPERATOR" ] || die "the jobgate CLI did not create the operator"
DOWN_PORT=$(free_port)
DOWN=$(jg integrations create --account "$ACCOUNT" --vendor generic --set "apply_url=http://127.0.0.1:$DOWN_PORT/webhook/down" --set "privacy_url=$EMPLOYER_PRIVACY_URL")
DOWN_KEY=$(jg keys issue --integration "$DOWN")
[ -n "$DOWN" ] && [ -n "$DOWN_KEY" ] || die "the jobgate CLI did not create the second integration and its key"
sed 's/"Lagermedarbeider"/"Truckfører"/' "$WORK/ad.json" >"$WORK/ad3.json"
JOB3=$(curl -fsS --max-time 10 -X PUT -H "Authorization: Bearer $DOWN_KEY" -H 'Content-Type: application/json' \
  --data-binary @"$WORK/ad3.json" "$JG/v1/ads/browser-3" | json 'j.id')
[ -n "$JOB3" ] || die "the third ad was not taken"
curl -fsS --max-time 10 -o /dev/null -F first_name=Ola -F last_name=Nordmann -F email=ola.nordmann@example.no -F 'phone=+47 912 34 568' \
  -F 'consents[privacy_policy]=true' -F "cv=@$WORK/cv.pdf;type=application/pdf" "$JG/v1/jobs/$JOB3/applications" \
  || die "the application to the third ad was not taken"
# The fix console.mjs runs once the delivery is dead: the simulator starts
# on the port, taking the integration's key.
cat >"$WORK/fix.sh" <<FIX
"$WORK/bin/vendorsim" ats serve --addr 127.0.0.1:$DOWN_PORT --key "down=$DOWN_KEY" >"$WORK/ats-down.log" 2>&1 &
echo \$! >"$WORK/fix.pid"
for _ in \$(seq 120); do grep -q 'serving on http://' "$WORK/ats-down.log" && exit 0; sleep 0.25; done
echo "the second ATS simulator did not start" >&2; exit 1
FIX

say "sign in to the console, replay the dead delivery, open the queues in Chromium, with axe-core (console.mjs)"
(cd "$HERE" && timeout 300 node console.mjs "$JG" "$OPS_EMAIL" "$PW" "$DOWN" "$WORK/fix.sh" "$OUT") >"$WORK/console.out" 2>"$WORK/console.log" \
  || { cat "$WORK/console.out" "$WORK/console.log" >&2; die "console.mjs failed"; }
cat "$WORK/console.out"
if [ -n "${JOBGATE_SCREENSHOTS_DIR:-}" ]; then
  mkdir -p "$JOBGATE_SCREENSHOTS_DIR"
  for name in overview dead queues; do cp "$OUT/console-$name.png" "$JOBGATE_SCREENSHOTS_DIR/console-$name.png"; done
  say "console screenshots in $JOBGATE_SCREENSHOTS_DIR"
fi
say "PASS: the console found integration $DOWN, replayed its dead delivery and saw it delivered, and served the queue monitor, with no serious or critical axe violation"

say "job page: a rich Norwegian ad, a Finnish one and a withdrawn one (jobpage.mjs)"
RECEIPT_URL=$(sed -n 's/^receipt_url=//p' "$WORK/apply.out")
[ -n "$RECEIPT_URL" ] || die "apply.mjs printed no receipt URL"
YEAR=$(( $(date -u +%Y) + 1 ))
push() { # push REFERENCE < ad JSON: prints the job id
  curl -fsS --max-time 10 -X PUT -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' --data-binary @- "$JG/v1/ads/$1" | json 'j.id'
}
RICH=$(push browser-rich <<JSON
{"title": "Butikkmedarbeider", "description": "<p>Vi søker en blid butikkmedarbeider.</p><ul><li>Kundeservice</li><li>Kasse</li></ul>", "language": "nb",
 "employer": {"name": "Eksempel AS", "logo_url": "https://eksempel.no/logo.png"},
 "locations": [{"address": "Storgata 1", "postal_code": "0151", "city": "Oslo", "country": "NO"}],
 "employment_type": "permanent", "extent": "full_time", "salary": {"min": 45000, "max": 55000, "currency": "NOK", "period": "month"},
 "start_date": "2027-03-01", "deadline": "$YEAR-01-31", "positions": 2,
 "contact": {"name": "Ola Nordmann", "title": "Butikksjef", "email": "ola@eksempel.no", "phone": "+47 22 00 00 00"},
 "apply_url": "https://ats.example/apply/2"}
JSON
)
FI=$(push browser-fi <<JSON
{"title": "Myyjä", "description": "<p>Etsimme iloista myyjää.</p>", "language": "fi", "employer": {"name": "Eksempel AS"},
 "locations": [{"address": "Mannerheimintie 1", "postal_code": "00100", "city": "Helsinki", "country": "FI"}],
 "employment_type": "temporary", "extent": "part_time", "salary": {"min": 2800, "max": 3200, "currency": "EUR", "period": "month"},
 "start_date": "sopimuksen mukaan", "deadline": "$YEAR-01-31", "apply_url": "https://ats.example/apply/3"}
JSON
)
CLOSED=$(sed 's/"Lagermedarbeider"/"Kokk"/' "$WORK/ad.json" | push browser-closed)
[ -n "$RICH" ] && [ -n "$FI" ] && [ -n "$CLOSED" ] || die "the job page's ads were not taken"
for job in "$RICH" "$FI" "$CLOSED"; do
  WAIT=30 wait_for curl -fsS --max-time 2 -o /dev/null "$JG/jobs/$job" || die "the job page of $job is not served"
done
curl -fsS --max-time 10 -o /dev/null -X DELETE -H "Authorization: Bearer $KEY" "$JG/v1/ads/browser-closed" || die "the ad could not be withdrawn"
(cd "$HERE" && timeout 300 node jobpage.mjs "$JG" "$RICH" "$FI" "$CLOSED" "$JOB" "$RECEIPT_URL" "$YEAR" "$OUT") >"$WORK/jobpage.out" 2>"$WORK/jobpage.log" \
  || { cat "$WORK/jobpage.out" "$WORK/jobpage.log" >&2; die "jobpage.mjs failed"; }
cat "$WORK/jobpage.out"
if [ -n "${JOBGATE_SCREENSHOTS_DIR:-}" ]; then
  mkdir -p "$JOBGATE_SCREENSHOTS_DIR"
  for name in nb fi errors closed receipt; do cp "$OUT/jobpage-$name.png" "$JOBGATE_SCREENSHOTS_DIR/jobpage-$name.png"; done
  say "job page screenshots in $JOBGATE_SCREENSHOTS_DIR"
fi
say "PASS: the job pages showed every fact in nb and fi, the form's errors next to their fields, the withdrawn job 410 with the employer's other jobs, the unknown one 404 and the receipt delivered, with no axe violation at all"
