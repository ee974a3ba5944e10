// Package privacy keeps candidates' data no longer than it should be
// kept, and gives it out or deletes it when the candidate asks: the
// retention purge (applications older than their account's retention,
// and CV files some days after the ATS confirmed delivery, where the
// account asks for that), export of everything held about an e-mail
// (GDPR articles 15 and 20) and its erasure (article 17), with a receipt
// saying where the data had been forwarded. It asks the store and the
// queue to forget, makes the database compact its files, and writes the
// audit line: counts and ids only, never personal data.
package privacy
