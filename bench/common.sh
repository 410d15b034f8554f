# Shared by bench/run-install and bench/run-peers (sourced, not run): cleanup on exit, a scratch
# filesystem (loop-mounted ext4, tmpfs or the plain disk), the file-creation probe, nginx on a free
# loopback port, and the machine's description.
#
# The sourcing script sets `prog` (its name, for messages) before sourcing, and may set
# `extra_cleanup` to the name of a function run first by cleanup().

say() { echo "$prog: $*" >&2; }
die() {
  say "error: $*"
  exit 1
}

# State for cleanup().
work=""
mnt=""
loopdev=""
mounted=0
nginx_pid=""
bg_pid=""
extra_cleanup=${extra_cleanup:-}

cleanup() {
  local rc=$?
  trap - EXIT INT TERM HUP
  trap '' PIPE # a closed stdout (`| head`) must not kill the cleanup half way
  set +e
  if [[ -n $bg_pid ]]; then # hyperfine or the generator, with everything they started
    kill -TERM -- "-$bg_pid" 2>/dev/null
    sleep 0.5
    kill -KILL -- "-$bg_pid" 2>/dev/null
    wait "$bg_pid" 2>/dev/null
  fi
  [[ -n $extra_cleanup ]] && "$extra_cleanup"
  if [[ -n $nginx_pid ]]; then
    kill "$nginx_pid" 2>/dev/null
    wait "$nginx_pid" 2>/dev/null
    say "nginx stopped"
  fi
  cd /
  local keep=0
  if ((mounted)); then
    local i
    for i in 1 2 3 4 5; do
      umount "$mnt" 2>/dev/null && {
        mounted=0
        break
      }
      sleep 1
    done
    if ((mounted)); then
      say "warning: cannot unmount $mnt; leaving $work in place"
      keep=1
    else
      say "scratch filesystem unmounted"
    fi
  fi
  if [[ -n $loopdev ]] && ((!keep)); then
    losetup -d "$loopdev" 2>/dev/null && say "$loopdev detached"
  fi
  if [[ -n $work ]] && ((!keep)); then
    rm -rf "$work"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP
trap 'exit 141' PIPE

# Runs "$@" in its own process group, so that cleanup() can stop it and all its children.
in_group() {
  setsid "$@" &
  bg_pid=$!
  local rc=0
  wait "$bg_pid" || rc=$?
  bg_pid=""
  return "$rc"
}

# make_scratch KIND SIZE: makes $work (under $TMPDIR, default /var/tmp) and a scratch filesystem at
# $mnt; KIND is auto (loop, else tmpfs, else disk), loop, tmpfs or disk. Sets fs_desc.
make_scratch() {
  local kind=$1 size=$2
  work=$(mktemp -d "${TMPDIR:-/var/tmp}/pinset-bench.XXXXXX")
  mnt=$work/mnt
  mkdir -p "$mnt"
  fs_desc=""
  case $kind in
    loop) try_loop "$size" || die "cannot make a loop-mounted ext4 filesystem" ;;
    tmpfs) try_tmpfs "$size" || die "cannot mount a tmpfs" ;;
    disk) use_disk ;;
    auto)
      if ! try_loop "$size"; then
        [[ -n $loopdev ]] && {
          losetup -d "$loopdev" || true
          loopdev=""
        }
        rm -f "$work/scratch.img"
        try_tmpfs "$size" || use_disk
      fi
      ;;
    *) die "bad scratch filesystem kind $kind" ;;
  esac
  say "scratch filesystem: $fs_desc"
}
try_loop() {
  [[ $(id -u) -eq 0 ]] && command -v mkfs.ext4 >/dev/null && command -v losetup >/dev/null || return 1
  truncate -s "$1" "$work/scratch.img" || return 1
  mkfs.ext4 -q -F -E lazy_itable_init=0,lazy_journal_init=0 "$work/scratch.img" || return 1
  loopdev=$(losetup -f --show --direct-io=on "$work/scratch.img" 2>/dev/null ||
    losetup -f --show "$work/scratch.img" 2>/dev/null) || {
    loopdev=""
    return 1
  }
  mount -o noatime "$loopdev" "$mnt" || return 1
  mounted=1
  local dio
  dio=$(cat "/sys/block/${loopdev#/dev/}/loop/dio" 2>/dev/null || echo ?)
  fs_desc="ext4 on $loopdev ($1 sparse image in $work on $(findmnt -no FSTYPE -T "$work"), direct I/O $dio, noatime)"
}
try_tmpfs() {
  [[ $(id -u) -eq 0 ]] || return 1
  mount -t tmpfs -o "size=$1" tmpfs "$mnt" || return 1
  mounted=1
  fs_desc="tmpfs ($1)"
}
use_disk() {
  fs_desc="plain disk: $(findmnt -no FSTYPE,SOURCE -T "$mnt" | tr -s ' ') at $mnt"
}

# probe DIR -> "<µs per create> <µs per unlink>" of 5,000 empty files
probe() {
  python3 - "$1/.probe-$$" 5000 <<'EOF'
import os, sys, time
d, n = sys.argv[1], int(sys.argv[2])
os.mkdir(d)
t0 = time.perf_counter()
for i in range(n):
    os.close(os.open(f"{d}/f{i}", os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644))
t1 = time.perf_counter()
for i in range(n):
    os.unlink(f"{d}/f{i}")
t2 = time.perf_counter()
os.rmdir(d)
print(f"{(t1 - t0) / n * 1e6:.1f} {(t2 - t1) / n * 1e6:.1f}")
EOF
}

# start_nginx ROOT [EXTRA_HTTP_CONF]: nginx serving ROOT on a free loopback port (plain http);
# sets nginx_pid and nginx_port. Its files go to $work/nginx.
start_nginx() {
  local docroot=$1 extra=${2:-} ng=$work/nginx port
  mkdir -p "$ng/tmp"
  for _ in 1 2 3 4 5; do
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    cat >"$ng/nginx.conf" <<EOF
pid $ng/nginx.pid;
error_log $ng/error.log warn;
events { worker_connections 1024; }
http {
  default_type application/octet-stream;
  access_log off;
  client_body_temp_path $ng/tmp/body;
  proxy_temp_path $ng/tmp/proxy;
  fastcgi_temp_path $ng/tmp/fastcgi;
  uwsgi_temp_path $ng/tmp/uwsgi;
  scgi_temp_path $ng/tmp/scgi;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000;
  server {
    listen 127.0.0.1:$port;
    root $docroot;
$extra
  }
}
EOF
    : >"$ng/error.log"
    setsid /usr/sbin/nginx -p "$ng/" -c "$ng/nginx.conf" -e "$ng/error.log" \
      -g 'daemon off; master_process off;' </dev/null >"$ng/stdout.log" 2>&1 &
    nginx_pid=$!
    local i
    for ((i = 0; i < 200; i++)); do
      if ! kill -0 "$nginx_pid" 2>/dev/null; then
        wait "$nginx_pid" || true
        nginx_pid=""
        grep -q "Address already in use" "$ng/error.log" && continue 2
        die "nginx exited at start: $(cat "$ng/error.log" "$ng/stdout.log")"
      fi
      if [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/") != 000 ]]; then
        nginx_port=$port
        return 0
      fi
      sleep 0.05
    done
    die "nginx did not accept connections within 10 s: $(cat "$ng/error.log")"
  done
  die "nginx found no free port in 5 attempts"
}

# machine_lines: the machine, as markdown list items
machine_lines() {
  echo "- $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')), $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo) RAM, Linux $(uname -r)"
}
