package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// pipeline sends the hot function calls that arrive together to Postgres as
// one pgx batch per lane: one round trip and one implicit transaction (so
// one commit) for the whole batch, where each call alone would pay both. On
// Postgres the per-call round trips and commits, not the SQL, bound the
// ads a second (README "Benchmark"). Any error in a batch rolls all of it
// back, and every call in it is then run again on its own, so one bad call
// fails alone.
type pipeline struct {
	db    *sql.DB
	queue *batchQueue[*call]
	conns []*sql.Conn
}

// call is one function call waiting for its batch.
type call struct {
	ctx    context.Context
	query  string
	args   []any
	scan   func(scanner) error
	result chan error
}

func (c *call) context() context.Context { return c.ctx }
func (c *call) finish(err error)         { c.result <- err }

// newPipeline starts lanes consumers, each holding one connection of db.
func newPipeline(db *sql.DB, lanes, maxBatch int) (*pipeline, error) {
	p := &pipeline{db: db, queue: newBatchQueue[*call](maxBatch)}
	for range lanes {
		conn, err := db.Conn(context.Background())
		if err != nil {
			p.stop()
			return nil, fmt.Errorf("pipeline: %w", err)
		}
		p.conns = append(p.conns, conn)
		p.queue.consume(func(batch []*call) { p.send(conn, batch) })
	}
	return p, nil
}

// run queues a call (query with $n placeholders) and waits for its result,
// scanned by scan from its one row.
func (p *pipeline) run(ctx context.Context, query string, args []any, scan func(scanner) error) error {
	c := &call{ctx: ctx, query: query, args: args, scan: scan, result: make(chan error, 1)}
	return p.queue.submit(c, c.result)
}

// stop ends the lanes and returns their connections.
func (p *pipeline) stop() {
	p.queue.stop()
	for _, c := range p.conns {
		c.Close()
	}
}

// send runs the batch on conn; if anything in it fails, each call runs
// again on its own.
func (p *pipeline) send(conn *sql.Conn, batch []*call) {
	live := batch[:0]
	for _, c := range batch {
		if err := c.ctx.Err(); err != nil {
			c.result <- err
			continue
		}
		live = append(live, c)
	}
	if len(live) == 0 {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	results := make([]error, len(live))
	err := conn.Raw(func(dc any) error {
		pc, ok := dc.(*stdlib.Conn)
		if !ok {
			return errors.New("pipeline: not a pgx connection")
		}
		return sendBatch(ctx, pc.Conn(), live, results)
	})
	if err == nil {
		for i, c := range live {
			c.result <- results[i]
		}
		return
	}
	for _, c := range live {
		c.result <- c.scan(p.db.QueryRowContext(c.ctx, c.query, c.args...))
	}
}

// sendBatch queues every call in one batch and scans each result into
// results. A query that finds no row is that call's answer (sql.ErrNoRows),
// not a failure of the batch; any other error is returned, and then the
// batch's implicit transaction did not commit.
func sendBatch(ctx context.Context, conn *pgx.Conn, calls []*call, results []error) error {
	b := &pgx.Batch{}
	for _, c := range calls {
		b.Queue(c.query, c.args...)
	}
	br := conn.SendBatch(ctx, b)
	var first error
	for i, c := range calls {
		err := c.scan(br.QueryRow())
		results[i] = err
		if err != nil && !errors.Is(err, sql.ErrNoRows) && first == nil {
			first = err
		}
	}
	if err := br.Close(); err != nil && first == nil {
		first = err
	}
	return first
}
