package demo_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"mime/multipart"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/connectors/registry"
	"github.com/jobgate/jobgate/internal/app/apptest"
	"github.com/jobgate/jobgate/internal/app/demo"
)

// running is a demo the test started, and what it printed.
type running struct {
	out    string
	cancel context.CancelFunc
	done   chan error
}

// startDemo runs the demo until the test cancels it, and waits for its
// walk-through.
func startDemo(t *testing.T, opt demo.Options) *running {
	t.Helper()
	out := &apptest.Logs{} // written by the demo's goroutine while the test reads it
	opt.Out = out
	ctx, cancel := context.WithCancel(context.Background())
	r := &running{cancel: cancel, done: make(chan error, 1)}
	go func() { r.done <- demo.Run(ctx, opt) }()
	t.Cleanup(cancel)
	deadline := time.Now().Add(2 * time.Minute)
	for !strings.Contains(out.String(), "Try (copy and paste):") {
		select {
		case err := <-r.done:
			t.Fatalf("the demo ended before it was ready: %v\n%s", err, out)
		case <-time.After(50 * time.Millisecond):
		}
		require.True(t, time.Now().Before(deadline), "the demo printed no walk-through within 2 minutes:\n%s", out)
	}
	r.out = out.String()
	return r
}

// stop cancels the demo (as Ctrl-C does) and waits for it to end.
func (r *running) stop(t *testing.T) {
	t.Helper()
	r.cancel()
	select {
	case err := <-r.done:
		require.NoError(t, err, "the demo ends cleanly")
	case <-time.After(time.Minute):
		t.Fatal("the demo did not stop within a minute")
	}
}

var (
	openLine  = regexp.MustCompile(`(?m)^  ([^:\n]+):  (http://\S+)$`)
	dataLine  = regexp.MustCompile(`(?m)^data directory: (\S+) `)
	signLine  = regexp.MustCompile(`(?m)^  (console operator|portal account admin):  (\S+)  password (\S+)$`)
	integLine = regexp.MustCompile(`(?m)^  ([a-z]+) +(int_\S+)  API key (\S+)  \(`)
	cvFlag    = regexp.MustCompile(`-F cv=@(\S+)`)
)

// links are the URLs the demo tells to open, by label.
func (r *running) links(t *testing.T) map[string]string {
	out := map[string]string{}
	for _, m := range openLine.FindAllStringSubmatch(r.out, -1) {
		out[m[1]] = m[2]
	}
	for _, label := range []string{"board (API)", "job page (apply here)", "console", "queues", "portal", "metrics",
		"ATS simulator (received)", "NAV simulator (ads)", "FINN simulator (ads)"} {
		require.Contains(t, out, label, "the demo prints where to open the %s:\n%s", label, r.out)
	}
	return out
}

// browser is a client with cookies that does not follow redirects.
func browser(t *testing.T) *http.Client {
	jar, err := cookiejar.New(nil)
	require.NoError(t, err)
	return &http.Client{Jar: jar, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

func get(t *testing.T, c *http.Client, u string) (int, string) {
	t.Helper()
	resp, err := c.Get(u)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, string(b)
}

// getJSON is the JSON object u answers 200 with.
func getJSON(t *testing.T, u string, headers ...string) map[string]any {
	t.Helper()
	var out map[string]any
	require.NoError(t, json.Unmarshal([]byte(getOK(t, u, headers...)), &out))
	return out
}

// getOK is the body u answers 200 with; headers are name, value pairs.
func getOK(t *testing.T, u string, headers ...string) string {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, u, nil)
	require.NoError(t, err)
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, resp.StatusCode, u)
	return string(b)
}

// eventually polls cond every 100 ms for up to within.
func eventually(t *testing.T, within time.Duration, cond func() bool, msg string) {
	t.Helper()
	require.Eventually(t, cond, within, 100*time.Millisecond, msg)
}

// TestDemo runs `jobgate demo` in-process (issue 16, item 3): every URL it
// prints answers; the console's pages show the sign-in form signed out and
// open with the printed operator password, the portal with the account
// admin's; every vendor has an integration; the seeded ads are live on the
// board and reach NAV and FINN; an application to the printed job page's
// job, with the printed CV, reaches the simulated ATS; breaking the ATS
// the printed way is answered; and cancelling (Ctrl-C) ends the demo
// cleanly and removes its temporary data directory.
func TestDemo(t *testing.T) {
	r := startDemo(t, demo.Options{})
	links := r.links(t)
	signedOut := browser(t)
	for label, u := range links {
		status, body := get(t, signedOut, u)
		if strings.Contains(u, "/ops/") {
			require.Contains(t, []int{http.StatusOK, http.StatusUnauthorized}, status, "%s (%s) signed out", label, u)
			require.Contains(t, body, `name="password"`, "%s (%s) signed out shows the sign-in form", label, u)
			continue
		}
		require.True(t, status/100 == 2 || status/100 == 3, "%s (%s) answered %d", label, u, status)
	}
	checkSignIns(t, r, links)
	checkIntegrations(t, r, links)
	checkApplication(t, r, links)

	m := dataLine.FindStringSubmatch(r.out)
	require.NotNil(t, m, "the demo prints its data directory")
	require.DirExists(t, m[1])
	r.stop(t)
	require.NoDirExists(t, m[1], "the temporary data directory is removed")
}

// checkSignIns signs in to the console and the portal with the printed
// passwords.
func checkSignIns(t *testing.T, r *running, links map[string]string) {
	creds := map[string][2]string{}
	for _, m := range signLine.FindAllStringSubmatch(r.out, -1) {
		creds[m[1]] = [2]string{m[2], m[3]}
	}
	require.Len(t, creds, 2, "the operator's and the account admin's passwords are printed:\n%s", r.out)
	op := browser(t)
	signIn(t, op, links["console"]+"login", creds["console operator"], "/ops/")
	for _, label := range []string{"console", "queues"} {
		status, body := get(t, op, links[label])
		require.Equal(t, http.StatusOK, status, "%s signed in", label)
		require.NotContains(t, body, `name="password"`, "%s signed in is no sign-in form", label)
	}
	admin := browser(t)
	signIn(t, admin, links["portal"]+"login", creds["portal account admin"], "/portal/")
	status, body := get(t, admin, links["portal"])
	require.Equal(t, http.StatusOK, status)
	require.Contains(t, body, "Lagermedarbeider", "the account admin sees the account's ads")
}

func signIn(t *testing.T, c *http.Client, u string, cred [2]string, home string) {
	t.Helper()
	resp, err := c.PostForm(u, url.Values{"email": {cred[0]}, "password": {cred[1]}})
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusSeeOther, resp.StatusCode, "sign in at %s", u)
	require.Equal(t, home, resp.Header.Get("Location"))
}

// checkIntegrations: an integration of every vendor the registry names;
// the board lists every seeded ad; the generic integration's sample ads
// are live on NAV and FINN, and the simulators hold them.
func checkIntegrations(t *testing.T, r *running, links map[string]string) {
	var vendors []string
	keys := map[string]string{}
	for _, m := range integLine.FindAllStringSubmatch(r.out, -1) {
		vendors = append(vendors, m[1])
		keys[m[1]] = m[3]
	}
	sort.Strings(vendors)
	require.Equal(t, registry.Names(), vendors, "an integration of every vendor")

	jobs := getJSON(t, links["board (API)"]+"?limit=100")["jobs"].([]any)
	require.Len(t, jobs, 2+1+1+4*3, "the generic integration's 2 ads, Ponty's and Teamtailor's, and 3 from each of the four feeds")
	base := strings.TrimSuffix(links["board (API)"], "/v1/jobs")
	for _, ref := range []string{"demo-lager-1", "demo-sjafor-1"} {
		channels := map[string]map[string]any{}
		eventually(t, 30*time.Second, func() bool {
			ad := getJSON(t, base+"/v1/ads/"+ref, "Authorization", "Bearer "+keys["generic"])
			for _, c := range ad["channels"].([]any) {
				c := c.(map[string]any)
				channels[c["channel"].(string)] = c
			}
			return len(channels) == 3 && channels["board"]["state"] == "live" &&
				channels["nav"]["state"] == "live" && channels["finn"]["state"] == "live"
		}, ref+" is live on the board, NAV and FINN")
		require.Contains(t, getOK(t, links["NAV simulator (ads)"]), `"reference":"`+channels["nav"]["reference"].(string)+`"`, "NAV holds "+ref)
		require.Contains(t, getOK(t, links["FINN simulator (ads)"]), channels["finn"]["reference"].(string), "FINN holds "+ref)
	}
}

// checkApplication applies, with the printed CV as the printed curl line
// does, to every job that takes applications without questions: the job
// page's job (the generic integration's, into the apply webhook), and the
// Lever and Jobylon jobs, into their intakes; each reaches the simulated
// ATS. A Teamtailor job shows the questions the simulated Teamtailor's
// inquiry gives. Then it breaks and mends the ATS at the printed fault URL.
func checkApplication(t *testing.T, r *running, links map[string]string) {
	m := cvFlag.FindStringSubmatch(r.out)
	require.NotNil(t, m, "the curl line that applies names the sample CV")
	cv, err := os.ReadFile(m[1])
	require.NoError(t, err)
	base := strings.TrimSuffix(links["board (API)"], "/v1/jobs")
	pageJob := strings.TrimPrefix(links["job page (apply here)"], base+"/jobs/")
	applied, withQuestions := 0, 0
	for _, j := range getJSON(t, links["board (API)"]+"?limit=100")["jobs"].([]any) {
		id := j.(map[string]any)["id"].(string)
		form := getJSON(t, base+"/v1/jobs/"+id+"/application-form")
		questions, _ := form["questions"].([]any)
		switch {
		case form["apply_mode"] != "direct":
			require.NotEqual(t, pageJob, id, "the job page's job takes applications")
		case len(questions) > 0:
			withQuestions++
		default:
			applyWith(t, base+"/v1/jobs/"+id+"/applications", filepath.Base(m[1]), cv)
			applied++
		}
	}
	require.Equal(t, 2+3+3, applied, "the generic integration's 2 jobs, Lever's 3 and Jobylon's 3 take applications")
	require.Positive(t, withQuestions, "the Teamtailor job asks its inquiry's questions")
	eventually(t, 30*time.Second, func() bool {
		got := map[string]int{}
		for _, rec := range getJSON(t, links["ATS simulator (received)"])["received"].([]any) {
			got[rec.(map[string]any)["vendor"].(string)]++
		}
		return got["webhook"] == 2 && got["lever"] == 3 && got["jobylon"] == 3
	}, "every application reached its intake at the simulated ATS")

	sims := strings.TrimSuffix(links["ATS simulator (received)"], "/_sim/received")
	require.Contains(t, r.out, "curl -sS -X POST '"+sims+"/_sim/ats/fault?kind=5xx'")
	for _, method := range []string{http.MethodPost, http.MethodDelete} {
		req, err := http.NewRequest(method, sims+"/_sim/ats/fault?kind=5xx", nil)
		require.NoError(t, err)
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		var st map[string]any
		require.NoError(t, json.NewDecoder(resp.Body).Decode(&st))
		resp.Body.Close()
		require.Equal(t, http.StatusOK, resp.StatusCode)
		require.Equal(t, method == http.MethodPost, st["fault"] == "5xx", "%s sets or clears the ATS's fault", method)
	}
}

// applyWith posts an application with the CV to u, as the printed curl
// line does.
func applyWith(t *testing.T, u, name string, cv []byte) {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, v := range map[string]string{"first_name": "Kari", "last_name": "Nordmann", "email": "kari@example.no", "consents[privacy_policy]": "true"} {
		require.NoError(t, mw.WriteField(k, v))
	}
	fw, err := mw.CreateFormFile("cv", name)
	require.NoError(t, err)
	_, err = fw.Write(cv)
	require.NoError(t, err)
	require.NoError(t, mw.Close())
	resp, err := http.Post(u, mw.FormDataContentType(), &body)
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusAccepted, resp.StatusCode, u)
}

// TestDemoDataDir: a --data-dir the demo is given is kept after it stops;
// one that already holds jobgate data is refused, and stays as it was.
func TestDemoDataDir(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "demo-data")
	r := startDemo(t, demo.Options{DataDir: dir})
	require.Contains(t, r.out, "data directory: "+dir+" ")
	r.stop(t)
	require.FileExists(t, filepath.Join(dir, "jobgate.db"), "a given data directory is kept")
	before, err := os.ReadFile(filepath.Join(dir, "jobgate.db"))
	require.NoError(t, err)

	err = demo.Run(context.Background(), demo.Options{DataDir: dir})
	require.ErrorContains(t, err, "already holds jobgate data")
	after, err := os.ReadFile(filepath.Join(dir, "jobgate.db"))
	require.NoError(t, err)
	require.Equal(t, before, after, "and it is left alone")
}

// TestDemoAddrInUse: a taken --addr is refused, naming the flag, and
// leaves no temporary data directory behind.
func TestDemoAddrInUse(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer ln.Close()
	err = demo.Run(context.Background(), demo.Options{Addr: ln.Addr().String()})
	require.ErrorContains(t, err, "--addr")
	left, err := os.ReadDir(tmp)
	require.NoError(t, err)
	require.Empty(t, left, "the temporary data directory is removed")
}
