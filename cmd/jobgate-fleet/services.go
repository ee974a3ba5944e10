package main

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"syscall"
	"time"
)

// postgres is a Postgres cluster of this tool's own, in a temp dir, so it
// can be restarted without harming any other server on the machine.
type postgres struct {
	bin, dir, log, user string
	port                int
}

// newPostgres initialises a cluster in a new temp dir. As root the
// cluster belongs to the postgres user (initdb refuses root).
func newPostgres(ctx context.Context, binDir string, port int) (*postgres, error) {
	if binDir == "" {
		dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
		sort.Slice(dirs, func(i, j int) bool { return versionOf(dirs[i]) < versionOf(dirs[j]) })
		if len(dirs) == 0 {
			return nil, fmt.Errorf("no /usr/lib/postgresql/*/bin: install postgresql or give --pg-bin")
		}
		binDir = dirs[len(dirs)-1]
	}
	dir, err := os.MkdirTemp("", "jobgate-fleet-pg-")
	if err != nil {
		return nil, err
	}
	pg := &postgres{bin: binDir, dir: dir, log: filepath.Join(dir, "postgres.log"), port: port}
	if os.Geteuid() == 0 {
		pg.user = "postgres"
		u, err := user.Lookup(pg.user)
		if err != nil {
			return nil, fmt.Errorf("running as root needs the postgres user: %w", err)
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		if err := os.Chown(dir, uid, gid); err != nil {
			return nil, err
		}
	}
	if _, err := runCmd(ctx, pg.user, nil, filepath.Join(binDir, "initdb"), "-D", filepath.Join(dir, "data"), "-U", "postgres",
		"--auth=trust", "-E", "UTF8", "--no-sync"); err != nil {
		return nil, err
	}
	return pg, nil
}

func versionOf(binDir string) int {
	v, _ := strconv.Atoi(filepath.Base(filepath.Dir(binDir)))
	return v
}

// ctl runs pg_ctl with args, waiting for it to finish.
func (pg *postgres) ctl(ctx context.Context, args ...string) error {
	opts := fmt.Sprintf("-p %d -k %s -c listen_addresses=127.0.0.1 -c max_connections=300 -c shared_buffers=128MB", pg.port, pg.dir)
	all := append([]string{filepath.Join(pg.bin, "pg_ctl"), "-D", filepath.Join(pg.dir, "data"), "-l", pg.log, "-o", opts, "-w", "-t", "60"}, args...)
	_, err := runCmd(ctx, pg.user, nil, all...)
	return err
}

// start starts the cluster and creates the jobgate role and database.
func (pg *postgres) start(ctx context.Context) error {
	if err := pg.ctl(ctx, "start"); err != nil {
		log, _ := os.ReadFile(pg.log)
		return fmt.Errorf("%w; its log ends: %s", err, log[max(0, len(log)-600):])
	}
	_, err := runCmd(ctx, pg.user, nil, filepath.Join(pg.bin, "psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1",
		"-p", strconv.Itoa(pg.port), "-U", "postgres", "-d", "postgres",
		"-c", "CREATE ROLE jobgate LOGIN PASSWORD 'jobgate'", "-c", "CREATE DATABASE jobgate OWNER jobgate")
	return err
}

// restart stops the cluster as a crash would (immediate: no checkpoint,
// every connection cut) and starts it again, which recovers from the WAL.
func (pg *postgres) restart(ctx context.Context) error {
	return pg.ctl(ctx, "restart", "-m", "immediate")
}

// stop stops the cluster and removes its directory.
func (pg *postgres) stop(ctx context.Context, keep bool) {
	_ = pg.ctl(ctx, "stop", "-m", "fast")
	if !keep {
		_ = os.RemoveAll(pg.dir)
	}
}

// url is jobgate's DATABASE_URL for the cluster.
func (pg *postgres) url() string {
	return fmt.Sprintf("postgres://jobgate:jobgate@127.0.0.1:%d/jobgate?sslmode=disable", pg.port)
}

// redisServer is a redis-server of this tool's own, with an append-only
// file so that a restart keeps the queue (a flush is the other test).
type redisServer struct {
	*proc
	port int
}

func newRedis(dir string, port int) *redisServer {
	return &redisServer{port: port, proc: &proc{name: "redis", log: filepath.Join(dir, "redis.log"),
		args: []string{"redis-server", "--bind", "127.0.0.1", "--port", strconv.Itoa(port), "--save", "",
			"--appendonly", "yes", "--appendfsync", "everysec", "--dir", dir}}}
}

// up starts redis-server and waits until it takes connections.
func (r *redisServer) up(ctx context.Context) error {
	if err := r.start(); err != nil {
		return err
	}
	return waitFor(ctx, 20*time.Second, "redis-server answers", func() bool {
		c, err := net.DialTimeout("tcp", r.addr(), time.Second)
		if err == nil {
			c.Close()
		}
		return err == nil && !r.exited()
	})
}

// restart stops redis-server (SIGTERM: it writes its append-only file) and
// starts it again.
func (r *redisServer) restart(ctx context.Context) error {
	if err := r.signal(syscall.SIGTERM, 20*time.Second); err != nil {
		return err
	}
	return r.up(ctx)
}

func (r *redisServer) addr() string { return "127.0.0.1:" + strconv.Itoa(r.port) }

// url is jobgate's REDIS_URL.
func (r *redisServer) url() string { return "redis://" + r.addr() + "/0" }
