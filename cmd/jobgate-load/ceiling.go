package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/gin-gonic/gin"
)

// startCeiling starts the bare gin server that measures the machine's
// ceiling: PUT /v1/ads/:reference reads the whole body and answers 202. It
// runs inside this process, so it shares the cores with the load generator
// exactly as jobgate does. It returns the base URL and a stop function.
func startCeiling() (string, func(), error) {
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	r.PUT("/v1/ads/:reference", func(c *gin.Context) {
		if _, err := io.ReadAll(c.Request.Body); err != nil {
			c.AbortWithStatus(http.StatusBadRequest)
			return
		}
		c.Data(http.StatusAccepted, "application/json", []byte(`{"status":"accepted"}`))
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	srv := &http.Server{Handler: r, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			fmt.Fprintln(os.Stderr, "jobgate-load: ceiling server:", err)
		}
	}()
	stop := func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(ctx)
	}
	return "http://" + ln.Addr().String(), stop, nil
}

func ceilingAccepted(status int) bool { return status == http.StatusAccepted }
