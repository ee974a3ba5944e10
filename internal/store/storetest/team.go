package storetest

import (
	"errors"
	"testing"

	"github.com/jobgate/jobgate/internal/store"
)

// testTeam: recruiters named twice stay once with their first source, a
// removal takes one e-mail off, and an unknown ad is ErrNotFound.
func testTeam(t *testing.T, s store.Store) {
	in := tenant(t, s)
	ad := publish(t, s, write(in, "team-1", "Developer"))
	if err := s.AddTeamMembers(ctx(), ad.ID, []string{"a@example.no", "b@example.no"}, store.TeamFromATS); err != nil {
		t.Fatal(err)
	}
	if err := s.AddTeamMembers(ctx(), ad.ID, []string{"b@example.no", "c@example.no"}, store.TeamFromPortal); err != nil {
		t.Fatal(err)
	}
	team, err := s.ListTeam(ctx(), ad.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"a@example.no": store.TeamFromATS, "b@example.no": store.TeamFromATS, "c@example.no": store.TeamFromPortal}
	if len(team) != len(want) {
		t.Fatalf("team = %+v, want %v", team, want)
	}
	for _, m := range team {
		if want[m.Email] != m.Source || m.UserID != "" {
			t.Errorf("member %+v, want source %q and no user", m, want[m.Email])
		}
	}
	if err := s.RemoveTeamMember(ctx(), ad.ID, "a@example.no"); err != nil {
		t.Fatal(err)
	}
	if err := s.RemoveTeamMember(ctx(), ad.ID, "a@example.no"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("second removal: %v, want ErrNotFound", err)
	}
	if err := s.AddTeamMembers(ctx(), "job_missing", []string{"a@example.no"}, store.TeamFromATS); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("unknown ad: %v, want ErrNotFound", err)
	}
	if team, _ = s.ListTeam(ctx(), ad.ID); len(team) != 2 {
		t.Errorf("after removal team = %+v, want 2 members", team)
	}
}
