package identity

import "testing"

// BenchmarkVerifyPassword is the CPU a sign-in spends on its password
// (argon2id at the parameters jobgate stores): the figure that bounds how
// many sign-ins a replica answers a second, and why hashSlots caps how many
// run at once.
func BenchmarkVerifyPassword(b *testing.B) {
	phc, err := hashPassword("correct horse battery staple")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if !verifyPassword(phc, "correct horse battery staple") {
			b.Fatal("the right password did not verify")
		}
	}
}
