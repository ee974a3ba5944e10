package storetest

import (
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/internal/store"
)

// testIdentity runs the identity store's tests on one store (each uses
// its own accounts and e-mails).
func testIdentity(t *testing.T, s store.Store) {
	for _, tt := range []struct {
		name string
		fn   func(t *testing.T, s store.Store)
	}{
		{"Users", testUsers}, {"EmailRace", testEmailRace}, {"FailedLogins", testFailedLogins},
		{"UserTokens", testUserTokens}, {"Sessions", testSessions}, {"RemoveUser", testRemoveUser},
	} {
		t.Run(tt.name, func(t *testing.T) { tt.fn(t, s) })
	}
}

// testUsers: an e-mail is one user in the whole installation (another
// account, an operator, or a concurrent creation gets ErrEmailTaken), an
// unknown account is ErrNotFound, users list per account and operators
// apart, and a role change ends the user's sessions.
func testUsers(t *testing.T, s store.Store) {
	in, other := tenant(t, s), tenant(t, s)
	admin, err := s.CreateUser(ctx(), store.User{AccountID: in.AccountID, Email: "kari@example.no", Role: "admin", PasswordHash: "h"})
	require.NoError(t, err)
	require.NotEmpty(t, admin.ID)
	_, err = s.CreateUser(ctx(), store.User{AccountID: other.AccountID, Email: "kari@example.no", Role: "user"})
	require.ErrorIs(t, err, store.ErrEmailTaken, "the e-mail is taken in another account too")
	_, err = s.CreateUser(ctx(), store.User{Email: "kari@example.no", Role: "operator"})
	require.ErrorIs(t, err, store.ErrEmailTaken, "and by an operator")
	_, err = s.CreateUser(ctx(), store.User{AccountID: "acc_missing", Email: "x@example.no", Role: "user"})
	require.ErrorIs(t, err, store.ErrNotFound)
	op, err := s.CreateUser(ctx(), store.User{Email: "ops@example.no", Role: "operator"})
	require.NoError(t, err)

	got, err := s.GetUserByEmail(ctx(), "kari@example.no")
	require.NoError(t, err)
	require.Equal(t, admin.ID, got.ID)
	require.Equal(t, in.AccountID, got.AccountID)
	require.Equal(t, "h", got.PasswordHash)
	_, err = s.GetUser(ctx(), "usr_missing")
	require.ErrorIs(t, err, store.ErrNotFound)

	users, err := s.ListUsers(ctx(), in.AccountID)
	require.NoError(t, err)
	require.Len(t, users, 1)
	ops, err := s.ListUsers(ctx(), "")
	require.NoError(t, err)
	require.Len(t, ops, 1)
	require.Equal(t, op.ID, ops[0].ID)
	require.Empty(t, ops[0].AccountID)

	startSession(t, s, admin.ID, "tok-role")
	updated, err := s.UpdateUserRole(ctx(), admin.ID, "user")
	require.NoError(t, err)
	require.Equal(t, "user", updated.Role)
	_, _, err = s.GetSession(ctx(), "tok-role")
	require.ErrorIs(t, err, store.ErrNotFound, "a role change ends the user's sessions")
	_, err = s.UpdateUserRole(ctx(), "usr_missing", "user")
	require.ErrorIs(t, err, store.ErrNotFound)
	role := audited(t, s, 10, "user.role", admin.ID)
	require.Equal(t, "role=user", role.Detail, "the role, not the e-mail")
}

// audited returns the audit line of action on subject among the newest n
// (lines of one millisecond have no order: ids sort by time, then at
// random), and checks that none of them holds an e-mail.
func audited(t *testing.T, s store.Store, n int, action, subject string) store.AuditEntry {
	t.Helper()
	entries, err := s.ListAudit(ctx(), n)
	require.NoError(t, err)
	var found []store.AuditEntry
	for _, e := range entries {
		require.NotContains(t, e.Subject+e.Detail, "@", "no e-mail in the audit log: %+v", e)
		if e.Action == action && e.Subject == subject {
			found = append(found, e)
		}
	}
	require.Len(t, found, 1, "%s of %s among the newest %d audit lines: %+v", action, subject, n, entries)
	return found[0]
}

// testEmailRace: many concurrent creations of one e-mail make one user,
// and every other creation gets ErrEmailTaken (the unique index decides).
func testEmailRace(t *testing.T, s store.Store) {
	in := tenant(t, s)
	var wg sync.WaitGroup
	errs := make([]error, 12)
	for i := range errs {
		wg.Go(func() {
			_, errs[i] = s.CreateUser(ctx(), store.User{AccountID: in.AccountID, Email: "same@example.no", Role: "user"})
		})
	}
	wg.Wait()
	won := 0
	for _, err := range errs {
		if err == nil {
			won++
			continue
		}
		require.ErrorIs(t, err, store.ErrEmailTaken)
	}
	require.Equal(t, 1, won)
	users, err := s.ListUsers(ctx(), in.AccountID)
	require.NoError(t, err)
	require.Len(t, users, 1)
}

// testFailedLogins: concurrent wrong passwords all count, the one that
// reaches the maximum blocks the user and starts the count again, and a
// session started clears the count.
func testFailedLogins(t *testing.T, s store.Store) {
	in := tenant(t, s)
	u, err := s.CreateUser(ctx(), store.User{AccountID: in.AccountID, Email: "fail@example.no", Role: "user"})
	require.NoError(t, err)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			_, err := s.RecordFailedLogin(ctx(), u.ID, 100, time.Now().Add(time.Hour))
			require.NoError(t, err)
		})
	}
	wg.Wait()
	got, err := s.GetUser(ctx(), u.ID)
	require.NoError(t, err)
	require.Equal(t, 8, got.FailedLogins, "two concurrent wrong passwords must both count")
	require.Nil(t, got.BlockedUntil)

	until := time.Now().Add(15 * time.Minute).Truncate(time.Microsecond)
	got, err = s.RecordFailedLogin(ctx(), u.ID, 9, until)
	require.NoError(t, err)
	require.NotNil(t, got.BlockedUntil, "the ninth failure blocks")
	require.True(t, until.Equal(*got.BlockedUntil))
	require.Equal(t, 0, got.FailedLogins)

	got, err = s.RecordFailedLogin(ctx(), u.ID, 9, time.Now())
	require.NoError(t, err)
	require.Equal(t, 1, got.FailedLogins)
	startSession(t, s, u.ID, "tok-clear")
	got, err = s.GetUser(ctx(), u.ID)
	require.NoError(t, err)
	require.Equal(t, 0, got.FailedLogins, "a sign-in clears the count")
	_, err = s.RecordFailedLogin(ctx(), "usr_missing", 5, time.Now())
	require.ErrorIs(t, err, store.ErrNotFound)
}

// testUserTokens: a one-time token sets the password once; used, expired
// or unknown it is ErrNotFound; setting a password ends the sessions,
// clears the block and spends the user's other links.
func testUserTokens(t *testing.T, s store.Store) {
	in := tenant(t, s)
	u, err := s.CreateUser(ctx(), store.User{AccountID: in.AccountID, Email: "link@example.no", Role: "user"})
	require.NoError(t, err)
	now := time.Now()
	for _, tok := range []struct {
		hash string
		exp  time.Time
	}{{"t-live", now.Add(time.Hour)}, {"t-other", now.Add(time.Hour)}, {"t-expired", now.Add(-time.Second)}} {
		require.NoError(t, s.CreateUserToken(ctx(), store.UserToken{TokenHash: tok.hash, UserID: u.ID, Purpose: "invite", CreatedAt: now.Add(-time.Minute), ExpiresAt: tok.exp}))
	}
	require.ErrorIs(t, s.CreateUserToken(ctx(), store.UserToken{TokenHash: "t-x", UserID: "usr_missing", Purpose: "reset", CreatedAt: now, ExpiresAt: now}), store.ErrNotFound)
	_, err = s.RecordFailedLogin(ctx(), u.ID, 1, now.Add(time.Hour))
	require.NoError(t, err)
	startSession(t, s, u.ID, "tok-before")

	_, err = s.SetPasswordWithToken(ctx(), "t-expired", "h1", now)
	require.ErrorIs(t, err, store.ErrNotFound, "an expired link")
	got, err := s.SetPasswordWithToken(ctx(), "t-live", "h1", now)
	require.NoError(t, err)
	require.Equal(t, "h1", got.PasswordHash)
	require.Nil(t, got.BlockedUntil, "setting a password clears the block")
	_, err = s.SetPasswordWithToken(ctx(), "t-live", "h2", now)
	require.ErrorIs(t, err, store.ErrNotFound, "a link used twice")
	_, err = s.SetPasswordWithToken(ctx(), "t-other", "h2", now)
	require.ErrorIs(t, err, store.ErrNotFound, "the user's other links are spent")
	_, err = s.SetPasswordWithToken(ctx(), "t-unknown", "h2", now)
	require.ErrorIs(t, err, store.ErrNotFound)
	_, _, err = s.GetSession(ctx(), "tok-before")
	require.ErrorIs(t, err, store.ErrNotFound, "a new password ends the sessions")

	require.NoError(t, s.SetPasswordHash(ctx(), u.ID, "h3"))
	got, err = s.GetUser(ctx(), u.ID)
	require.NoError(t, err)
	require.Equal(t, "h3", got.PasswordHash)
	require.ErrorIs(t, s.SetPasswordHash(ctx(), "usr_missing", "h"), store.ErrNotFound)
}

// testSessions: a session reads back with its user, its idle end moves
// only forward, and it ends.
func testSessions(t *testing.T, s store.Store) {
	in := tenant(t, s)
	u, err := s.CreateUser(ctx(), store.User{AccountID: in.AccountID, Email: "sess@example.no", Role: "admin"})
	require.NoError(t, err)
	ss := startSession(t, s, u.ID, "tok-a")
	got, gu, err := s.GetSession(ctx(), "tok-a")
	require.NoError(t, err)
	require.Equal(t, u.ID, gu.ID)
	require.Equal(t, in.AccountID, gu.AccountID)
	require.Equal(t, "csrf-tok-a", got.CSRF)
	require.True(t, ss.IdleUntil.Equal(got.IdleUntil))

	later := ss.IdleUntil.Add(time.Minute)
	require.NoError(t, s.TouchSession(ctx(), "tok-a", later))
	require.NoError(t, s.TouchSession(ctx(), "tok-a", ss.IdleUntil), "an earlier idle end is ignored")
	got, _, err = s.GetSession(ctx(), "tok-a")
	require.NoError(t, err)
	require.True(t, later.Equal(got.IdleUntil), "idle until %v, want %v", got.IdleUntil, later)

	require.NoError(t, s.EndSession(ctx(), "tok-a"))
	_, _, err = s.GetSession(ctx(), "tok-a")
	require.ErrorIs(t, err, store.ErrNotFound)
	require.NoError(t, s.EndSession(ctx(), "tok-a"), "ending an ended session is no error")
}

// testRemoveUser: removing a user deletes its sessions and links and takes
// its e-mail off its account's ads' teams, not another account's.
func testRemoveUser(t *testing.T, s store.Store) {
	in, other := tenant(t, s), tenant(t, s)
	ad := publish(t, s, write(in, "rm-1", "Developer"))
	otherAd := publish(t, s, write(other, "rm-2", "Developer"))
	u, err := s.CreateUser(ctx(), store.User{AccountID: in.AccountID, Email: "gone@example.no", Role: "user"})
	require.NoError(t, err)
	for _, id := range []string{ad.ID, otherAd.ID} {
		require.NoError(t, s.AddTeamMembers(ctx(), id, []string{"gone@example.no", "stays@example.no"}, store.TeamFromPortal))
	}
	startSession(t, s, u.ID, "tok-rm")
	now := time.Now()
	require.NoError(t, s.CreateUserToken(ctx(), store.UserToken{TokenHash: "t-rm", UserID: u.ID, Purpose: "reset", CreatedAt: now, ExpiresAt: now.Add(time.Hour)}))

	require.NoError(t, s.RemoveUser(ctx(), u.ID))
	_, err = s.GetUser(ctx(), u.ID)
	require.ErrorIs(t, err, store.ErrNotFound)
	_, _, err = s.GetSession(ctx(), "tok-rm")
	require.ErrorIs(t, err, store.ErrNotFound, "the removed user's session is gone")
	_, err = s.SetPasswordWithToken(ctx(), "t-rm", "h", now)
	require.ErrorIs(t, err, store.ErrNotFound, "and its links")
	require.Equal(t, []string{"stays@example.no"}, teamEmails(t, s, ad.ID))
	require.Equal(t, []string{"gone@example.no", "stays@example.no"}, teamEmails(t, s, otherAd.ID), "another account's ad keeps its team")
	require.ErrorIs(t, s.RemoveUser(ctx(), u.ID), store.ErrNotFound)

	again, err := s.CreateUser(ctx(), store.User{AccountID: other.AccountID, Email: "gone@example.no", Role: "user"})
	require.NoError(t, err, "the e-mail is free again")
	audited(t, s, 10, "user.create", again.ID)
	audited(t, s, 10, "user.remove", u.ID)
}

func startSession(t *testing.T, s store.Store, userID, token string) store.UserSession {
	t.Helper()
	now := time.Now().Truncate(time.Microsecond)
	ss := store.UserSession{TokenHash: token, UserID: userID, CSRF: "csrf-" + token, CreatedAt: now, ExpiresAt: now.Add(8 * time.Hour), IdleUntil: now.Add(time.Hour)}
	require.NoError(t, s.StartSession(ctx(), ss))
	return ss
}

func teamEmails(t *testing.T, s store.Store, adID string) []string {
	t.Helper()
	team, err := s.ListTeam(ctx(), adID)
	require.NoError(t, err)
	out := []string{}
	for _, m := range team {
		out = append(out, m.Email)
	}
	return out
}
