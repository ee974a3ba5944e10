package main

import (
	"encoding/json"
	"fmt"
	"time"
)

// result is the outcome of one request after its retries.
type result struct {
	status int
	body   []byte
	// id is the answer's "id", when it has one.
	id       string
	err      error
	attempts int
	took     time.Duration
}

// ok says whether the request got a 2xx.
func (r result) ok() bool { return r.err == nil && r.status/100 == 2 }

// failure says why the request did not get a 2xx.
func (r result) failure() string {
	if r.err != nil {
		return fmt.Sprintf("after %d attempts: %v", r.attempts, r.err)
	}
	return fmt.Sprintf("status %d after %d attempts: %.200s", r.status, r.attempts, r.body)
}

// readID sets id from a 2xx answer's "id".
func (r *result) readID() {
	if !r.ok() {
		return
	}
	var v struct{ ID string }
	if json.Unmarshal(r.body, &v) == nil {
		r.id = v.ID
	}
}
