#!/usr/bin/env bash
# Starts (or stops) the scaled-out layout on this machine, all on loopback: nginx in front of one studio and
# two runtime nodes (--role runtime), sharing one PostgreSQL database and one Redis.
#
#   STUDIO_DATABASE="Host=127.0.0.1;Username=studio;Password=…;Database=studio" docs/deployment/scale-out.sh start
#   docs/deployment/scale-out.sh stop
#
# Settings (environment):
#   STUDIO_DATABASE     Npgsql connection string of the shared database (required for start)
#   STUDIO_REDIS        StackExchange.Redis configuration of the shared Redis (default 127.0.0.1:6379)
#   STUDIO_PROXY        address nginx listens on (default 127.0.0.1:8080)
#   STUDIO_STUDIO       address of the studio (default 127.0.0.1:5100)
#   STUDIO_NODES        addresses of the runtime nodes, space-separated (default "127.0.0.1:5101 127.0.0.1:5102")
#   STUDIO_RUN          folder for pids, logs, nginx's config and the processes' data (default ./.scale-out)
#   STUDIO_WEB          the built web app (default src/Studio.Web/bin/Release/net10.0/Studio.Web.dll, else Debug)
# The pid of each process is written to $STUDIO_RUN/<name>.pid (studio, node1, node2, …, nginx.pid).
set -euo pipefail
cd "$(dirname "$0")/../.."

run=$(realpath -m "${STUDIO_RUN:-.scale-out}")
proxy=${STUDIO_PROXY:-127.0.0.1:8080}
studio=${STUDIO_STUDIO:-127.0.0.1:5100}
read -r -a nodes <<<"${STUDIO_NODES:-127.0.0.1:5101 127.0.0.1:5102}"
redis=${STUDIO_REDIS:-127.0.0.1:6379}
web=${STUDIO_WEB:-}
if [ -z "$web" ]; then
  web=src/Studio.Web/bin/Release/net10.0/Studio.Web.dll
  [ -f "$web" ] || web=src/Studio.Web/bin/Debug/net10.0/Studio.Web.dll
fi
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)

stop() {
  [ -f "$run/nginx.pid" ] && "$nginx_bin" -p "$run" -c "$run/nginx.conf" -s quit 2>/dev/null || true
  for pidfile in "$run"/studio.pid "$run"/node*.pid; do
    [ -f "$pidfile" ] || continue
    kill "$(cat "$pidfile")" 2>/dev/null || true
    rm -f "$pidfile"
  done
}

# Waits until a process says it can serve; gives up after two minutes (start-up migrates and loads the encoder).
wait_ready() {
  local name=$1 address=$2 pid=$3
  for _ in $(seq 1 240); do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "error: $name exited during start-up; see $run/$name.log:" >&2
      tail -5 "$run/$name.log" >&2
      exit 1
    fi
    curl -fsS "http://$address/health/ready" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  echo "error: $name on $address was not ready after 2 minutes; see $run/$name.log" >&2
  exit 1
}

# One process of the web app; the shared settings come from the environment, as on a real machine.
launch() {
  local name=$1 address=$2
  shift 2
  mkdir -p "$run/$name-data"
  Database__Provider=postgresql Database__ConnectionString="$STUDIO_DATABASE" Redis__Configuration="$redis" \
    Studio__DataDirectory="$run/$name-data" ASPNETCORE_ENVIRONMENT=Production \
    nohup dotnet "$web" --urls "http://$address" "$@" >"$run/$name.log" 2>&1 &
  echo $! >"$run/$name.pid"
}

start() {
  : "${STUDIO_DATABASE:?set STUDIO_DATABASE to the connection string of the shared PostgreSQL database}"
  [ -f "$web" ] || { echo "error: the web app is not built at $web; run: dotnet build -c Release" >&2; exit 1; }
  mkdir -p "$run/nginx-tmp"
  stop

  # The studio first: it applies the migrations the nodes then find done.
  launch studio "$studio"
  wait_ready studio "$studio" "$(cat "$run/studio.pid")"
  local i=0 servers=""
  for node in "${nodes[@]}"; do
    i=$((i + 1))
    launch "node$i" "$node" --role runtime
    servers+="server $node max_fails=1 fail_timeout=5s; "
  done
  i=0
  for node in "${nodes[@]}"; do
    i=$((i + 1))
    wait_ready "node$i" "$node" "$(cat "$run/node$i.pid")"
  done

  sed -e "s|@RUN@|$run|g" -e "s|@LISTEN@|$proxy|g" -e "s|@STUDIO@|$studio|g" -e "s|@NODES@|$servers|g" \
    docs/deployment/nginx.conf.template >"$run/nginx.conf"
  "$nginx_bin" -p "$run" -c "$run/nginx.conf"
  echo "studio on http://$proxy (directly: http://$studio); runtime nodes: ${nodes[*]}; logs and pids in $run"
}

case "${1:-}" in
  start) start ;;
  stop) stop; echo "stopped" ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
